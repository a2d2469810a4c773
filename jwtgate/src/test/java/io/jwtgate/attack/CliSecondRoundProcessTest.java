package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.Keys;
import io.jwtgate.support.CliProcess;
import io.jwtgate.store.User;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Second-round probes through a real {@code java} process, where the streams, the locale and the
 * encodings are the operating system's (issue 11, decisions 381, 383, 384).
 */
class CliSecondRoundProcessTest {

    @TempDir
    Path dir;

    private CliHarness cli;
    private Map<String, String> env;

    @BeforeEach
    void seed() {
        cli = new CliHarness(dir);
        // The harness's settings as the operator's environment, so that the child opens the same store.
        env = new HashMap<>();
        cli.settings.forEach((key, value) -> env.put(Keys.environmentName(key), value));
    }

    @Test
    void aPasswordPipedWithABomAndCrLfIsStoredWithoutThem() {
        String password = "piped from powershell 5 ok";
        CliProcess.Result r = CliProcess.args("users", "add", "pwsh", "--role", "user", "--context", "/app").env(env)
                .stdin("\uFEFF" + password + "\r\n").run();
        assertEquals(0, r.exitCode(), r.stderr());
        String hash = cli.user("pwsh").orElseThrow().passwordHash();
        assertTrue(BCrypt.checkpw(password, hash));
        assertFalse(r.allOutput().contains(password));
    }

    @Test
    void aStoredNameWithC1AndSeparatorsLeavesTheProcessAsVisibleEscapes() {
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
        cli.sql("UPDATE jwtgate_users SET username = ? WHERE username = 'admin'", "ad\u009b2Jmin\u2028\u2067x");
        CliProcess.Result r = CliProcess.args("users", "list", "--context", "/app").env(env).run();
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("ad\\u009b2Jmin\\u2028\\u2067x"), r.stdout());
        assertTrue(r.allOutput().chars().noneMatch(c -> c == 0x9b || c == 0x2028 || c == 0x2067 || c == 0xc2),
                r.stdout());
    }

    @Test
    void aNonAsciiNameGivenInAPosixLocaleIsNeverStoredMangled() {
        CliProcess.Result r = CliProcess.args("users", "add", "j\u00f6rg", "--role", "user", "--context", "/app").env(env)
                .stdin("a long enough password 7\n").run();
        for (User u : cli.users()) {
            assertFalse(u.username().contains("?") || u.username().contains("\uFFFD"),
                    "a mangled name was stored: " + u.username() + "\n" + r.stderr());
        }
        assertTrue(r.exitCode() != 0 || cli.user("j\u00f6rg").isPresent(), r.stderr());
    }

    /**
     * Decision 386 bounds a run of bytes without a {@code '<'} byte; in a UTF-16 file every character
     * U+3C00-U+3CFF (and U+xx3C) holds such a byte, so one attribute of them is bounded only by the
     * 32 MiB total. The command line must still end with exit 1 or 0 in a small heap, never an
     * OutOfMemoryError.
     */
    @Test
    void aUtf16AttributeMadeOfLessThanBytesEndsCleanlyInASmallHeap() throws java.io.IOException {
        Path file = dir.resolve("tomcat-users.xml");
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-16BE\"?><tomcat-users><user username=\""
                    .getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 0x3C);
            for (int i = 0; i < 31; i++) {
                out.write(chunk);
            }
            out.write("\" password=\"x\" roles=\"user\"/></tomcat-users>"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
        }
        CliProcess.Result r = CliProcess.args("users", "import", file.toString(), "--context", "/app").env(env)
                .timeout(java.time.Duration.ofSeconds(120)).run();
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.stderr().lines().limit(5).toList().toString());
        assertFalse(r.stderr().contains("OutOfMemoryError") || r.stderr().contains("\tat "),
                r.stderr().lines().limit(5).toList().toString());
        java.nio.file.Files.delete(file);
    }
}
