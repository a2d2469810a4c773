package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development secret file the sample creates when no signing secret is configured. */
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
        if (DevSecret.posix(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (var files = Files.list(dataDir.resolve("nested"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void dataDirCreatedForTheSecretIsOwnerOnly() throws Exception {
        Path created = dataDir.resolve("fresh/data");

        DevSecret.loadOrCreate(created);

        if (DevSecret.posix(created)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)));
        }
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

    @Test
    void fileWithTooShortSecretIsRefusedNamingTheFile() throws Exception {
        Files.writeString(dataDir.resolve(DevSecret.FILE_NAME), Base64.getEncoder().encodeToString(new byte[16]));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DevSecret.loadOrCreate(dataDir));

        assertTrue(e.getMessage().contains(DevSecret.FILE_NAME), e.getMessage());
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void fileThatIsNotBase64IsRefused() throws Exception {
        Files.writeString(dataDir.resolve(DevSecret.FILE_NAME), "not base64 at all!");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DevSecret.loadOrCreate(dataDir));

        assertTrue(e.getMessage().contains(dataDir.resolve(DevSecret.FILE_NAME).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not hold a Base64 secret"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }
}
