package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flaws found by attacking the command line (issue 11 review, round 1). Each test asserts the
 * CORRECT behaviour and fails until the code is fixed.
 */
class CliFindingsTest {

    private static final String ESC = "\u001b";
    private static final String SECRET = "Argv-Secret-Value-77";

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void seed() {
        cli = new CliHarness(dir);
    }

    /** Finding 1: the global option parser echoes a whole unknown option, value included. */
    @Test
    void aPasswordOptionBeforeTheCommandIsRefusedWithoutEchoingItsValue() {
        CliHarness.Run r = cli.run("--password=" + SECRET, "users", "list");
        assertEquals(2, r.exitCode(), r.toString());
        assertFalse(r.all().contains(SECRET), "the password given before the command was echoed: " + r);
    }

    /** Finding 2: {@code users import} has its own option parser, which echoes a whole unknown option. */
    @Test
    void aPasswordOptionToUsersImportIsRefusedWithoutEchoingItsValue() {
        Path file = cli.write("users.csv", "username,email,roles,hash\n");
        CliHarness.Run r = cli.run("users", "import", file.toString(), "--password=" + SECRET);
        assertEquals(2, r.exitCode(), r.toString());
        assertFalse(r.all().contains(SECRET), "users import echoed the password option's value: " + r);
    }

    /** Finding 3: usage errors print the offending argument raw, so escape sequences reach the terminal. */
    @Test
    void usageErrorsNeutraliseTerminalEscapesInTheArgumentsTheyQuote() {
        String hostile = "x" + ESC + "]0;owned" + "\u0007" + ESC + "[2J\r";
        String[][] lines = {
            {hostile, "users"},
            {"users", "list", "--" + hostile},
            {hostile + "--opt"},
            {"users", "import", dir.resolve(hostile + ".csv").toString()},
            {"report", "would-refuse", hostile},
            {"rules", "from-web-xml", "--" + hostile},
        };
        java.util.List<String> leaks = new java.util.ArrayList<>();
        for (String[] argv : lines) {
            CliHarness.Run r = cli.run(argv);
            assertTrue(r.exitCode() == 1 || r.exitCode() == 2, r.toString());
            if (r.all().contains(ESC) || r.all().contains("\r") || r.all().contains("\u0007")) {
                leaks.add(r.err().replace(ESC, "<ESC>").replace("\r", "<CR>").replace("\u0007", "<BEL>").strip());
            }
        }
        assertEquals(java.util.List.of(), leaks, "usage errors printed raw control characters");
    }

    /**
     * Finding 4: a --since period beyond the Instant range is an internal error (exit 70) instead of a
     * usage error, in {@code audit tail} and in {@code report would-refuse}.
     */
    @Test
    void anOutOfRangeSincePeriodIsAUsageErrorNotAnInternalError() {
        for (String command : new String[] {"audit tail", "report would-refuse"}) {
            String[] words = command.split(" ");
            CliHarness.Run r = cli.run(words[0], words[1], "--since", "P100000000000000D", "--context",
                    CliHarness.CONTEXT);
            assertEquals(2, r.exitCode(), command + ": " + r);
            assertFalse(r.err().contains("internal error"), r.toString());
        }
    }

    /**
     * Finding 5: a password line on stdin that is not UTF-8 is decoded with replacement characters,
     * so the stored bcrypt hash is of another password than the operator gave (two different Latin-1
     * passwords become the same one), where the import refuses such text (TextLines).
     */
    @Test
    void aPasswordOnStdinThatIsNotUtf8IsRefusedNotSilentlyReplaced() {
        byte[] latin1 = "G\u00E4rtner-Passphrase-lang-genug-9\n".getBytes(StandardCharsets.ISO_8859_1);
        CliHarness.Run r = cli.run(latin1, "users", "add", "gaertner", "--role", "user", "--context",
                CliHarness.CONTEXT);
        assertEquals(1, r.exitCode(), "a non-UTF-8 password line must be refused: " + r);
        assertTrue(cli.user("gaertner").isEmpty(), "no account with a password nobody typed");
    }

    /**
     * Finding 10: a configuration error quotes the unknown key raw (SettingsSources), so a key with
     * escape sequences in a --config file (or a JWTGATE_* variable) reaches the operator's terminal.
     */
    @Test
    void anUnknownConfigurationKeyIsQuotedWithoutTerminalEscapes() {
        Path config = cli.write("jwtgate.properties", "\\u001b]0;owned\\u0007\\u001b[2J=1\n");
        CliHarness.Run r = cli.run("--config", config.toString(), "users", "list");
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.all().contains(ESC) || r.all().contains("\u0007"),
                "raw escape sequence printed: " + r.toString().replace(ESC, "<ESC>"));
    }

    /**
     * Finding 11: the admin commands refuse {@code -p} and {@code --pass...}, but the attached form that
     * MySQL and MariaDB clients teach ({@code -pSECRET}) is an "unknown option" quoted whole, secret included.
     */
    @Test
    void anAttachedShortPasswordOptionIsRefusedWithoutEchoingTheSecret() {
        CliHarness.Run r = cli.run("users", "add", "bob", "--role", "user", "-p" + SECRET);
        assertEquals(2, r.exitCode(), r.toString());
        assertFalse(r.all().contains(SECRET), "-pSECRET was echoed: " + r);
    }
}
