package io.jwtgate.sample;

import io.jwtgate.store.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The sample's development signing secret: 48 random bytes kept in a file in the data
 * directory, so tokens survive a restart without the operator configuring anything. Production
 * deployments configure {@code jwtgate.signing.secret} instead and never reach this class.
 *
 * <p>Whoever chose the secret can forge any token, so a file someone else could have written is
 * never used (decision 131): on POSIX the file must be a regular file (no symbolic link) owned by
 * the user running the sample with no permission for group or others, and its directory and every
 * directory above it must be owned by that user or root and not writable by group or others unless
 * it has the sticky bit (decision 152).
 * On other file systems only symbolic links are refused; the directory's access list applies.
 */
final class DevSecret {

    static final String FILE_NAME = "sample-signing-secret";
    static final int BYTES = 48;
    /** HS256 needs 32 bytes; a shorter file was edited by hand and must not be trusted. */
    static final int MIN_BYTES = 32;
    /** Far more than 48 bytes in Base64; a bigger file is not ours. */
    private static final int MAX_FILE_BYTES = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private DevSecret() {
    }

    /**
     * Reads the secret file in {@code dataDir}, creating it first when it is missing.
     *
     * @return the secret in the library's {@code base64:} notation
     * @throws IOException when the file cannot be created or read
     * @throws IllegalStateException when the file or its directory must not be trusted, or the
     *     file holds no usable secret; the message names the file and the fix
     */
    static String loadOrCreate(Path dataDir) throws IOException {
        return loadOrCreate(dataDir, posix(dataDir) ? PrivateFiles.currentUser(dataDir) : null);
    }

    /** As {@link #loadOrCreate(Path)}, for files that must belong to {@code runningUser} (null off POSIX). */
    static String loadOrCreate(Path dataDir, UserPrincipal runningUser) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            // Owner-only when we are the ones creating it: the database JwtGate keeps next to the
            // secret holds password hashes, and other local users have no business reading it.
            PrivateFiles.createDirectories(dataDir);
        }
        // Looked up once; the checks and every open below use the real path, so a symbolic link
        // swapped in for the configured one afterwards is never followed (decision 152).
        Path realDir = PrivateFiles.realDirectory(dataDir);
        Path file = realDir.resolve(FILE_NAME);
        if (runningUser != null) {
            refuseIf(PrivateFiles.directoryProblem(realDir, runningUser), file, "keep it in a directory only you"
                    + " can write, below directories only you or root can write (chmod go-w, or chmod +t for a"
                    + " shared one like /tmp), or set jwtgate.data-dir to a directory of your own");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            create(file);
        }
        if (runningUser != null) {
            refuseIf(PrivateFiles.fileProblem(file, runningUser, true), file, "someone else may have chosen or read"
                    + " this secret; delete " + file + " to get a new one, or configure jwtgate.signing.secret");
        } else if (Files.isSymbolicLink(file)) {
            refuseIf(Optional.of(file + " is a symbolic link"), file, "delete it to get a new one");
        }
        return "base64:" + Base64.getEncoder().encodeToString(read(file));
    }

    static boolean posix(Path path) {
        return PrivateFiles.posix(path.toAbsolutePath());
    }

    private static void refuseIf(Optional<String> problem, Path file, String fix) {
        if (problem.isPresent()) {
            throw new IllegalStateException("The development signing secret " + file + " is not used: "
                    + problem.get() + ". Fix: " + fix + ".");
        }
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
        // Created rw------- by the system call itself: no moment where others may read it.
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, FILE_NAME, ".tmp",
                        PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY_FILE))
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
            // Another instance won the race; its secret is the one to use (and is checked like any).
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads without following a link swapped in after the checks (O_NOFOLLOW). */
    private static byte[] read(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalStateException(file + " is larger than a secret file; delete it to get a new one");
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
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
