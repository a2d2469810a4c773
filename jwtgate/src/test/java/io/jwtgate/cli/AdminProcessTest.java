package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.login.PasswordHasher;
import io.jwtgate.store.AuditEvents;
import io.jwtgate.store.Database;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.support.CliProcess;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as an operator runs it: its own JVM, settings from JWTGATE_* variables or
 * {@code --config FILE}, the password piped on stdin. The password appears in neither the
 * command line, the output nor the audit table.
 */
class AdminProcessTest {

    private static final String PASSWORD = "piped long passphrase";

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("JWTGATE_SIGNING_SECRET", TestSettings.SECRET, "JWTGATE_DATA_DIR", dir.toString(),
                "JWTGATE_BCRYPT_COST", "10");
    }

    private Settings appSettings() {
        return Settings.from(List.of(ConfigSource.of("test", TestSettings.params(dir))), "");
    }

    @Test
    void usersAddWithThePasswordOnStdinCreatesTheAccountAndTheSecretShowsNowhere() {
        CliProcess add = CliProcess.args("users", "add", "erin", "--role", "user").env(env()).stdin(PASSWORD + "\n");
        CliProcess.Result r = add.run();
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("created user erin with roles user\n", r.stdout());
        assertFalse(String.join(" ", add.commandLine()).contains(PASSWORD), "not in argv");
        assertFalse(r.allOutput().contains(PASSWORD));
        try (Database db = Database.open(appSettings(), Clock.systemUTC())) {
            User erin = new UserStore(db, Clock.systemUTC(), UsernameKey::of).findByUsername("erin").orElseThrow();
            assertTrue(new PasswordHasher(10).matches(PASSWORD, erin.passwordHash()));
            List<AuditEvents.Event> events = new AuditEvents(db).tail(Instant.EPOCH, 100);
            assertTrue(events.stream().anyMatch(e -> e.event().equals("user_registered")
                    && e.details().contains("\"via\":\"cli\"")), events.toString());
            assertFalse(events.toString().contains(PASSWORD));
        }
        CliProcess.Result list = CliProcess.args("users", "list").env(env()).run();
        assertEquals(0, list.exitCode(), list.stderr());
        assertTrue(list.stdout().contains("erin"), list.stdout());
        assertFalse(list.stdout().contains("$2"), "no hash: " + list.stdout());
    }

    @Test
    void settingsComeFromAConfigFileAsInTheFilter() throws Exception {
        Path config = dir.resolve("jwtgate.properties");
        Files.writeString(config, "jwtgate.signing.secret=" + TestSettings.SECRET + "\njwtgate.data-dir="
                + dir.toString().replace("\\", "\\\\") + "\njwtgate.bcrypt.cost=10\n");
        CliProcess.Result r = CliProcess.args("--config", config.toString(), "schema", "migrate").run();
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("schema migrated from version 0 to " + Database.latestSchemaVersion() + "\n", r.stdout());
    }

    @Test
    void aPasswordInTheArgumentsIsRefusedWithExitTwoBeforeAnythingIsOpened() {
        CliProcess.Result r = CliProcess.args("users", "add", "erin", "--role", "user", "--password", PASSWORD)
                .env(env()).run();
        assertEquals(ExitCode.USAGE, r.exitCode());
        assertTrue(r.stderr().contains("passwords are never taken from the command line"), r.stderr());
        assertFalse(r.allOutput().contains(PASSWORD));
    }

    @Test
    void badConfigurationExitsOneNamingTheKeyAndUnknownOptionsExitTwo() {
        CliProcess.Result noSecret = CliProcess.args("users", "list").env(Map.of("JWTGATE_DATA_DIR", dir.toString()))
                .run();
        assertEquals(ExitCode.INPUT, noSecret.exitCode(), noSecret.stderr());
        assertTrue(noSecret.stderr().startsWith("jwtgate: ") && noSecret.stderr().contains("jwtgate.signing.secret"),
                noSecret.stderr());
        assertFalse(noSecret.stderr().contains("\tat "), noSecret.stderr());
        CliProcess.Result unknown = CliProcess.args("users", "list", "--all").env(env()).run();
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.stderr().contains("unknown option --all"), unknown.stderr());
        CliProcess.Result help = CliProcess.args("users", "reset-password", "--help").run();
        assertEquals(0, help.exitCode(), help.stderr());
        assertTrue(help.stdout().startsWith("Usage: jwtgate [--config FILE] users reset-password NAME"), help.stdout());
    }

    @Test
    void anH2FileHeldByARunningApplicationIsOneClearMessageAndExitOne() {
        try (Database held = Database.open(appSettings(), Clock.systemUTC())) {
            assertEquals(Database.latestSchemaVersion(), held.schemaVersion(), "the store is open here");
            CliProcess.Result r = CliProcess.args("users", "list").env(env()).run();
            assertEquals(ExitCode.INPUT, r.exitCode(), r.stderr());
            assertTrue(r.stderr().startsWith("jwtgate: cannot open the store: "), r.stderr());
            assertTrue(r.stderr().contains("jwtgate.data-dir") && r.stderr().contains("cannot be opened"), r.stderr());
            assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
            assertTrue(r.stderr().contains("stop the application"), r.stderr());
            assertEquals(1, r.stderr().lines().count(), r.stderr());
        }
    }
}
