package io.jwtgate.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The sample's development signing secret: 48 random bytes kept in a file in the data
 * directory, so tokens survive a restart without the operator configuring anything. Production
 * deployments configure {@code jwtgate.signing.secret} instead and never reach this class.
 */
final class DevSecret {

    static final String FILE_NAME = "sample-signing-secret";
    static final int BYTES = 48;
    /** HS256 needs 32 bytes; a shorter file was edited by hand and must not be trusted. */
    static final int MIN_BYTES = 32;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevSecret() {
    }

    /**
     * Reads the secret file in {@code dataDir}, creating it first when it is missing.
     *
     * @return the secret in the library's {@code base64:} notation
     * @throws IOException when the file cannot be created or read
     * @throws IllegalStateException when the file exists but holds no usable secret
     */
    static String loadOrCreate(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            // Owner-only when we are the ones creating it: the database JwtGate keeps next to the
            // secret holds password hashes, and other local users have no business reading it.
            if (posix(dataDir)) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(dataDir);
            }
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            create(file);
        }
        return "base64:" + Base64.getEncoder().encodeToString(read(file));
    }

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Writes a complete file under a temporary name and then links it into place, so a second
     * instance starting at the same moment never reads a half-written secret, and never
     * replaces one that a first instance has already handed out tokens with.
     */
    private static void create(Path file) throws IOException {
        byte[] secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        byte[] text = (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path dir = file.getParent();
        // Created with owner-only permissions from the start: no moment where others may read it.
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            Files.write(tmp, text);
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException e) {
                // No hard links on this file system: a plain move, which never replaces either.
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            // Another instance won the race; its secret is the one to use.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a Base64 secret; delete it to get a new one");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException(file + " holds " + secret.length + " bytes but at least " + MIN_BYTES
                    + " are needed; delete it to get a new one");
        }
        return secret;
    }
}
