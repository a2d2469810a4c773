package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The administration commands as an outsider drives them in-process against an H2 file store:
 * hostile text planted in the store reaching {@code users list} and {@code audit tail}, passwords
 * in argv, on stdin with odd line ends, and configuration or store faults. Each probe passed when
 * written; they stay as regression tests.
 */
class CliAdminProbesTest {

    private static final String ESC = "\u001b";

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void seed() {
        cli = new CliHarness(dir);
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
    }

    private static void assertNoRawControls(String text) {
        assertTrue(text.codePoints().noneMatch(cp -> (Character.isISOControl(cp) && cp != '\n')
                || Character.getType(cp) == Character.FORMAT), "raw control or format character printed: " + text);
    }

    @Test
    void usersListNeutralisesEscapesCrNulAndBidiPlantedInTheStoreByAnotherTool() {
        String hostile = "eve" + ESC + "[2J" + ESC + "]0;pwned\u0007\r\u0000\u202Eevil";
        cli.sql("UPDATE jwtgate_users SET username = ?, email = ?, roles = ? WHERE username = 'admin'", hostile,
                "x" + ESC + "[31m@example.org", "admin " + ESC + "[5mblink");
        CliHarness.Run r = cli.run("users", "list", "--context", CliHarness.CONTEXT);
        assertEquals(0, r.exitCode(), r.toString());
        assertNoRawControls(r.all());
        assertTrue(r.out().contains("eve\\u001b[2J"), r.toString());
        assertFalse(r.out().contains("$2"), "no bcrypt hash in users list: " + r);
    }

    @Test
    void auditTailNeutralisesEscapesPlantedInTheAuditTableByAnotherTool() {
        cli.sql("INSERT INTO jwtgate_audit_events (id, occurred_at, event, username, client_address, details)"
                + " VALUES (?, ?, ?, ?, ?, ?)", "probe-1", System.currentTimeMillis(), "login" + ESC + "[8m",
                "root" + ESC + "[1A\r\u2067", "1.2.3.4" + ESC + "[2K", "{\"x\":\"" + ESC + "]8;;http://evil" + ESC
                        + "\\\\click\u0000\"}");
        CliHarness.Run r = cli.run("audit", "tail", "--context", CliHarness.CONTEXT, "--limit", "50");
        assertEquals(0, r.exitCode(), r.toString());
        assertNoRawControls(r.all());
        assertTrue(r.out().contains("root\\u001b[1A"), r.toString());
    }

    @Test
    void everyArgvFormOfAPasswordIsRefusedWithExitTwoAndNeverEchoed() {
        String secret = "Argv-Secret-Value-77";
        List<String[]> forms = List.of(
                new String[] {"users", "add", "bob", "--role", "user", "--password", secret},
                new String[] {"users", "add", "bob", "--role", "user", "--password=" + secret},
                new String[] {"users", "add", "bob", "--role", "user", "--pass=" + secret},
                new String[] {"users", "add", "bob", "--role", "user", "-p", secret},
                new String[] {"users", "reset-password", "admin", "--passwd=" + secret},
                new String[] {"users", "reset-password", "admin", "--password-file=" + secret});
        for (String[] argv : forms) {
            CliHarness.Run r = cli.run(argv);
            assertEquals(2, r.exitCode(), String.join(" ", argv) + "\n" + r);
            assertFalse(r.all().contains(secret), "echoed: " + r);
        }
        assertTrue(cli.user("bob").isEmpty());
    }

    @Test
    void aPasswordOnStdinKeepsInnerAndTrailingSpacesAndDropsOnlyTheLineEnd() {
        String password = "  spaced out pass phrase 19 ";
        CliHarness.Run r = cli.run((password + "\r\n").getBytes(StandardCharsets.UTF_8), "users", "reset-password",
                "admin", "--context", CliHarness.CONTEXT);
        assertEquals(0, r.exitCode(), r.toString());
        String hash = cli.user("admin").orElseThrow().passwordHash();
        assertTrue(BCrypt.checkpw(password, hash), "the documented password (line without its line end) is set");
        assertFalse(BCrypt.checkpw(password.strip(), hash));
        assertFalse(r.all().contains(password.strip()), r.toString());
    }

    @Test
    void aPasswordWithANulOrEscapeOnStdinIsRefusedAndNotEchoed() {
        for (String bad : new String[] {"nul\u0000inside-long-enough", "esc" + ESC + "[2Jinside-long-enough"}) {
            CliHarness.Run r = cli.run((bad + "\n").getBytes(StandardCharsets.UTF_8), "users", "add", "carl",
                    "--role", "user", "--context", CliHarness.CONTEXT);
            assertEquals(1, r.exitCode(), r.toString());
            assertFalse(r.all().contains("inside-long-enough"), r.toString());
            assertNoRawControls(r.all());
        }
        assertTrue(cli.user("carl").isEmpty());
    }

    @Test
    void anUnreachableStoreIsExitOneWithoutStackTraceOrTheJdbcPassword() {
        cli.settings.put("jwtgate.jdbc.url", "jdbc:postgresql://127.0.0.1:1/test?password=UrlSecret99&connectTimeout=2");
        cli.settings.put("jwtgate.jdbc.username", "someone");
        cli.settings.put("jwtgate.jdbc.password", "PropSecret99");
        int before = LogCapture.lines().size();
        CliHarness.Run r = cli.run("users", "list");
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.all().contains("UrlSecret99") || r.all().contains("PropSecret99"), r.toString());
        assertFalse(r.all().contains("\tat ") || r.all().contains("Exception:"), "no stack trace: " + r);
        String logs = String.join("\n", LogCapture.lines().subList(before, LogCapture.lines().size()));
        assertFalse(logs.contains("UrlSecret99") || logs.contains("PropSecret99"), logs);
    }

    @Test
    void badConfigurationNamesTheKeyWithExitOneAndNeverEchoesTheSigningSecret() {
        cli.settings.put("jwtgate.signing.secret", "Short-Secret-9");
        CliHarness.Run r = cli.run("users", "list");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jwtgate.signing.secret"), r.toString());
        assertFalse(r.all().contains("Short-Secret-9"), r.toString());
        cli.settings.put("jwtgate.signing.secret", io.jwtgate.support.TestSettings.SECRET);
        cli.settings.put("jwtgate.bcrypt.cost", "eleven");
        CliHarness.Run cost = cli.run("users", "list");
        assertEquals(1, cost.exitCode(), cost.toString());
        assertTrue(cost.err().contains("jwtgate.bcrypt.cost"), cost.toString());
    }

    @Test
    void unknownCommandsAndOptionsAreExitTwo() {
        assertEquals(2, cli.run("users", "frobnicate").exitCode());
        assertEquals(2, cli.run("users", "list", "--bogus").exitCode());
        assertEquals(2, cli.run("--bogus", "users", "list").exitCode());
        assertEquals(2, cli.run("audit", "tail", "--limit", "0").exitCode());
        assertEquals(2, cli.run("audit", "tail", "--since", "yesterday").exitCode());
        assertEquals(2, cli.run("users", "import").exitCode());
    }

    @Test
    void aMariaDbStoreRefusingTheLoginOrUnreachableNeverShowsTheJdbcPassword() {
        String[] urls = {"jdbc:mariadb://127.0.0.1:3306/test?password=UrlSecret98",
            "jdbc:mariadb://127.0.0.1:1/test?password=UrlSecret98&connectTimeout=2000",
            "jdbc:mariadb://nobody:UrlSecret98@127.0.0.1:1/test?connectTimeout=2000"};
        for (String url : urls) {
            cli.settings.put("jwtgate.jdbc.url", url);
            cli.settings.put("jwtgate.jdbc.username", "nobody");
            cli.settings.put("jwtgate.jdbc.password", "PropSecret98");
            CliHarness.Run r = cli.run("users", "list");
            assertEquals(1, r.exitCode(), r.toString());
            assertFalse(r.all().contains("UrlSecret98") || r.all().contains("PropSecret98"), r.toString());
            assertFalse(r.all().contains("\tat "), r.toString());
        }
    }
}
