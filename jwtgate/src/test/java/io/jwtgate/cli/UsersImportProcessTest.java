package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.importer.RealToolHashes;
import io.jwtgate.support.CliProcess;
import io.jwtgate.support.TestSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jwtgate users import} as an operator runs it, in its own JVM with a {@code --config} file:
 * exit codes, the per-line report on stdout, the failure summary on stderr, and no password or
 * digest anywhere in the command line or the output.
 */
class UsersImportProcessTest {

    private static final String PASSWORD = "process-password-3";

    @TempDir
    Path dir;

    @Test
    void importAsAProcessReportsEveryLineExitsOneForAFailedLineAndNeverShowsASecret() throws IOException {
        Path config = dir.resolve("jwtgate.properties");
        Properties p = new Properties();
        p.putAll(TestSettings.params(dir));
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, null);
        }
        String md5 = RealToolHashes.jettyMd5(PASSWORD);
        String obf = RealToolHashes.jettyObfuscated(PASSWORD);
        Path realm = Files.writeString(dir.resolve("realm.properties"),
                "alice: " + md5 + ",admin\nbob: " + obf + ",user\ncarol: " + PASSWORD + ",user\n");
        CliProcess run = CliProcess.args("--config", config.toString(), "users", "import", realm.toString(),
                "--context", "/shop").env(Map.of());
        List<String> secrets = List.of(PASSWORD, md5, md5.substring(4), obf, obf.substring(4));
        for (String secret : secrets) {
            assertFalse(String.join(" ", run.commandLine()).contains(secret), "no secret on the command line");
        }

        CliProcess.Result first = run.run();
        assertEquals(ExitCode.INPUT, first.exitCode(), first.allOutput());
        assertTrue(first.stdout().contains("line 1: created alice (roles: admin)"), first.stdout());
        assertTrue(first.stdout().contains("line 2: created bob (roles: user)"), first.stdout());
        assertTrue(first.stdout().contains("line 3: failed carol: hash: "), first.stdout());
        assertTrue(first.stdout().contains("created 2, skipped 0, failed 1 (3 entries)"), first.stdout());
        assertTrue(first.stderr().contains("jwtgate: 1 line failed; the other lines were imported"), first.stderr());
        assertFalse(first.allOutput().contains("\tat "), "no stack trace: " + first.allOutput());

        CliProcess.Result second = run.run();
        assertEquals(ExitCode.INPUT, second.exitCode(), second.allOutput());
        assertTrue(second.stdout().contains("created 0, skipped 2, failed 1 (3 entries)"), second.stdout());
        for (String secret : secrets) {
            assertFalse(first.allOutput().contains(secret) || second.allOutput().contains(secret),
                    "a secret was printed: " + first.allOutput());
        }
    }
}
