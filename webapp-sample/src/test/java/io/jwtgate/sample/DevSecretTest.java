package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development secret file the sample creates when no signing secret is configured, and the
 * files it refuses to trust. POSIX only, like the machines the sample is tested on.
 */
class DevSecretTest {

    @TempDir
    Path dataDir;

    private static byte[] decode(String secret) {
        assertTrue(secret.startsWith("base64:"), secret);
        return Base64.getDecoder().decode(secret.substring("base64:".length()));
    }

    @Test
    void firstCallCreatesOwnerOnlyFileWith48Bytes() throws Exception {
        String secret = DevSecret.loadOrCreate(dataDir.resolve("nested"));

        Path file = dataDir.resolve("nested").resolve(DevSecret.FILE_NAME);
        assertEquals(48, decode(secret).length);
        assertTrue(Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dataDir.resolve("nested"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void dataDirCreatedForTheSecretIsOwnerOnly() throws Exception {
        Path created = dataDir.resolve("fresh/data");

        DevSecret.loadOrCreate(created);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created.getParent())),
                "missing parents too");
    }

    @Test
    void laterCallsReturnTheSameSecret() throws Exception {
        String first = DevSecret.loadOrCreate(dataDir);

        assertEquals(first, DevSecret.loadOrCreate(dataDir));
    }

    @Test
    void separateDataDirsGetDifferentSecrets() throws Exception {
        assertNotEquals(DevSecret.loadOrCreate(dataDir.resolve("a")), DevSecret.loadOrCreate(dataDir.resolve("b")));
    }

    /** A secret file as its owner would write it: rw-------. */
    private Path writeOwnerOnly(Path dir, String content) throws Exception {
        Path file = dir.resolve(DevSecret.FILE_NAME);
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))), content);
        return file;
    }

    private static String validSecret() {
        return Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
            17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    }

    private IllegalStateException refused(Path dir) {
        return assertThrows(IllegalStateException.class, () -> DevSecret.loadOrCreate(dir));
    }

    @Test
    void ownerOnlySecretFileOfTheRunningUserIsUsed() throws Exception {
        writeOwnerOnly(dataDir, validSecret());

        assertEquals("base64:" + validSecret(), DevSecret.loadOrCreate(dataDir));
    }

    @Test
    void secretFileWithAnyPermissionForGroupOrOthersIsRefusedNamingTheFileAndTheFix() throws Exception {
        Path file = writeOwnerOnly(dataDir, validSecret());
        for (String mode : List.of("rw-r-----", "rw----r--", "rw--w----", "rw-----w-", "rw-rw-rw-", "rwx--x---")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

            IllegalStateException e = refused(dataDir);

            assertTrue(e.getMessage().contains(file + " may be used by other users (" + mode + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("delete " + file + " to get a new one"), e.getMessage());
        }
    }

    @Test
    void secretFileOwnedByAnotherUserIsRefused() throws Exception {
        Path file = writeOwnerOnly(dataDir, validSecret());
        UserPrincipal me = Files.getOwner(file);
        UserPrincipal other = dataDir.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(me.getName().equals("nobody") ? "root" : "nobody");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DevSecret.loadOrCreate(dataDir, other));

        // Run as root, the directory (root's) passes and the file is refused; run as anyone else,
        // the directory is refused first for the same reason: it is not the running user's.
        String refusedPath = me.getName().equals("root") ? file.toString() : dataDir.toString();
        assertTrue(e.getMessage().contains(refusedPath + " is owned by " + me.getName() + ", not by " + other.getName()),
                e.getMessage());
    }

    @Test
    void symbolicLinkAsSecretFileIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(dataDir.resolve("elsewhere"));
        Path target = writeOwnerOnly(elsewhere, validSecret());
        Path link = Files.createSymbolicLink(dataDir.resolve(DevSecret.FILE_NAME), target);

        IllegalStateException e = refused(dataDir);

        assertTrue(e.getMessage().contains(link + " is a symbolic link"), e.getMessage());
    }

    @Test
    void secretInADirectoryOthersMayWriteWithoutTheStickyBitIsRefused() throws Exception {
        Path shared = Files.createDirectory(dataDir.resolve("shared"));
        writeOwnerOnly(shared, validSecret());
        for (String mode : List.of("rwxrwxrwx", "rwxrwxr-x", "rwx----wx")) {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString(mode));

            IllegalStateException e = refused(shared);

            assertTrue(e.getMessage().contains(shared + " is writable by other users (" + mode + ", no sticky bit)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(shared.resolve(DevSecret.FILE_NAME).toString()), e.getMessage());
            assertTrue(e.getMessage().contains("chmod go-w"), e.getMessage());
        }
    }

    /**
     * Decision 152: another user who may rename entries in any directory above the data directory
     * can swap the data directory for a link to his own between a check and an open; so such an
     * ancestor is refused by construction, with no race to win.
     */
    @Test
    void secretBelowADirectoryOthersMayWriteWithoutTheStickyBitIsRefusedNamingThatDirectory() throws Exception {
        Path shared = Files.createDirectory(dataDir.resolve("shared"));
        Path mine = Files.createDirectory(shared.resolve("mine"));
        writeOwnerOnly(mine, validSecret());
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        IllegalStateException e = refused(mine);

        assertTrue(e.getMessage().contains(shared + " (above " + mine + ") is writable by other users (rwxrwxrwx,"
                + " no sticky bit)"), e.getMessage());
        assertTrue(e.getMessage().contains(mine.resolve(DevSecret.FILE_NAME).toString()), e.getMessage());
    }

    @Test
    void secretBelowAStickyWorldWritableDirectoryIsUsed() throws Exception {
        Path tmpLike = Files.createDirectory(dataDir.resolve("tmp-like"));
        Path mine = Files.createDirectory(tmpLike.resolve("mine"));
        Files.setAttribute(tmpLike, "unix:mode", 01777);

        String created = DevSecret.loadOrCreate(mine);

        assertEquals(created, DevSecret.loadOrCreate(mine));
    }

    /** The data directory named through a link is checked and read at its real place, looked up once. */
    @Test
    void aLinkedDataDirectoryIsCheckedAndReadAtItsRealPath() throws Exception {
        Path shared = Files.createDirectory(dataDir.resolve("shared"));
        Path mine = Files.createDirectory(dataDir.resolve("mine"));
        Path link = Files.createSymbolicLink(shared.resolve("data"), mine);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        String created = DevSecret.loadOrCreate(link);

        assertEquals(created, "base64:" + java.util.Base64.getEncoder().encodeToString(java.util.Base64.getDecoder()
                .decode(Files.readString(mine.resolve(DevSecret.FILE_NAME)).strip())));
    }

    @Test
    void ownerOnlySecretInAStickyWorldWritableDirectoryIsUsed() throws Exception {
        Path tmpLike = Files.createDirectory(dataDir.resolve("tmp-like"));
        Files.setAttribute(tmpLike, "unix:mode", 01777);

        String created = DevSecret.loadOrCreate(tmpLike);

        assertEquals(created, DevSecret.loadOrCreate(tmpLike));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tmpLike.resolve(DevSecret.FILE_NAME))));
    }

    @Test
    void fileWithTooShortSecretIsRefusedNamingTheFile() throws Exception {
        writeOwnerOnly(dataDir, Base64.getEncoder().encodeToString(new byte[16]));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DevSecret.loadOrCreate(dataDir));

        assertTrue(e.getMessage().contains(DevSecret.FILE_NAME), e.getMessage());
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void fileThatIsNotBase64IsRefused() throws Exception {
        writeOwnerOnly(dataDir, "not base64 at all!");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DevSecret.loadOrCreate(dataDir));

        assertTrue(e.getMessage().contains(dataDir.resolve(DevSecret.FILE_NAME).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not hold a Base64 secret"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }
}
