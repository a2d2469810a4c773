package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.Keys;
import io.jwtgate.support.CliProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flaws found by the second-round attack on the command line fixes (issue 11, decisions 380-388).
 * Each test asserts the CORRECT behaviour and fails until the code is fixed.
 */
class CliSecondRoundFindingsTest {

    private static final String SECRET = CliSecondRoundProbesTest.SECRET;

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void seed() {
        cli = new CliHarness(dir);
    }

    /**
     * "unknown command" quotes the first two words as given: a password option put between the two
     * words of a command ({@code jwtgate users --password=S add ...}) is echoed whole, around
     * {@code Arguments.unknownOption} (decision 380).
     */
    @Test
    void aPasswordOptionBetweenTheWordsOfACommandIsRefusedWithoutEchoingIt() {
        List<String[]> lines = List.of(
                new String[] {"users", "--password=" + SECRET, "add", "bob"},
                new String[] {"users", "-p" + SECRET, "reset-password", "bob"},
                new String[] {"tokens", "--pass", SECRET},
                new String[] {"sessions", "--password", SECRET, "revoke"});
        List<String> leaks = new ArrayList<>();
        for (String[] argv : lines) {
            CliHarness.Run r = cli.run(argv);
            assertEquals(2, r.exitCode(), r.toString());
            if (r.all().contains(SECRET)) {
                leaks.add(String.join(" ", argv).replace(SECRET, "<S>") + " -> " + r.err().strip().replace(SECRET, "<S>"));
            }
        }
        assertEquals(List.of(), leaks, "the unknown-command message echoed a password");
    }

    /**
     * A {@code jwtgate.*} key whose value lost its separator ({@code jwtgate.signing.secretVALUE},
     * {@code jwtgate.signing.secret-VALUE}, {@code jwtgate.signing.secret.VALUE}) is an unknown key,
     * and the unknown-key message quotes the whole name: the secret is printed.
     */
    @Test
    void aConfigKeyThatLostItsSeparatorDoesNotPrintTheValueGluedToIt() {
        for (String glue : new String[] {"", "-", ".", "~"}) {
            Path config = cli.write("jwtgate.properties", "jwtgate.issuer=https://x.example\njwtgate.signing.secret"
                    + glue + SECRET + "\n");
            CliHarness.Run r = cli.run("--config", config.toString(), "users", "list", "--context", "/app");
            assertEquals(1, r.exitCode(), r.toString());
            assertFalse(r.all().contains(SECRET), "the secret glued to its key was printed: " + r);
        }
    }

    /** The same through a system property and an environment variable of the same shape. */
    @Test
    void aSystemPropertyThatLostItsSeparatorDoesNotPrintTheValueGluedToIt() {
        cli.settings.put("jwtgate.signing.secret" + SECRET, "");
        CliHarness.Run r = cli.run("users", "list", "--context", "/app");
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.all().contains(SECRET), "the secret glued to its key was printed: " + r);
    }

    /**
     * A pass-phrase secret pasted alone on a line (or the tail of a value whose line lost its
     * continuation backslash) with a space in it parses as a key-shaped name with a value, so its
     * first word is quoted ("a forgotten prefix"), against decision 382's "no character of it".
     */
    @Test
    void aPassPhraseAloneOnAConfigLineIsNotQuotedEvenInPart() {
        String[] lines = {"wombat7 copper lantern orbit", "wombat7:copper-lantern-orbit",
            "wombat7=copper lantern orbit"};
        for (String line : lines) {
            Path config = cli.write("jwtgate.properties", "jwtgate.issuer=https://x.example\n"
                    + "jwtgate.signing.secret=first-half-of-it\\\n" + "\n" + line + "\n");
            CliHarness.Run r = cli.run("--config", config.toString(), "users", "list", "--context", "/app");
            assertEquals(1, r.exitCode(), r.toString());
            assertFalse(r.all().contains("wombat7"), "a word of the secret line was printed: " + r);
            assertTrue(r.err().contains("line 4"), "the line is named instead: " + r);
        }
    }

    /**
     * Decision 388 takes {@code -} and 21 base64url characters as a token id; with {@code -p} in
     * front, the MySQL client's {@code -pSECRET} habit with a 21-character password is now quoted in
     * full in "no access token with id ...", although decision 380 says a {@code -p...} argument is
     * never quoted.
     */
    @Test
    void anIdShapedDashPArgumentThatNamesNoTokenIsNotEchoed() {
        String password = "pHunter2Hunter2Hunter";
        assertEquals(21, password.length());
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
        CliHarness.Run r = cli.run("tokens", "revoke", "-" + password, "--context", "/app");
        assertTrue(r.exitCode() == 1 || r.exitCode() == 2, r.toString());
        assertFalse(r.all().contains("Hunter2Hunter"), "the -p argument was echoed: " + r);
    }
    /**
     * Run where no locale is set (cron, systemd units, slim containers: {@code LANG} unset), the
     * command line prints through the JVM's ASCII {@code stdout.encoding}: {@code Terminal.safe}
     * keeps letters, so {@code jörg} and {@code järg} both print as {@code j?rg}. Two accounts read
     * alike, and the name printed is not one that {@code users disable} can be given back. Non-ASCII
     * text should leave the process as escapes (or as UTF-8), never as {@code ?}.
     */
    @Test
    void usersListInAPosixLocaleDoesNotPrintTwoDifferentNamesAlike() {
        cli.addUser("j\u00f6rg", CliHarness.ADMIN_PASSWORD, "user");
        cli.addUser("j\u00e4rg", CliHarness.ADMIN_PASSWORD, "user");
        Map<String, String> env = new HashMap<>();
        cli.settings.forEach((key, value) -> env.put(Keys.environmentName(key), value));
        CliProcess.Result r = CliProcess.args("users", "list", "--context",
                "/app").env(env).run();
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stdout().contains("j?rg"), "names printed as '?': " + r.stdout());
    }
    /**
     * {@code Terminal.safe} escapes controls and format characters, but not characters that print as
     * nothing while being letters or marks: the Hangul fillers U+3164 and U+115F, the combining
     * grapheme joiner U+034F, the variation selector U+FE0F, the braille blank U+2800. {@code users add}
     * refuses such names, but a row written by another tool ({@code root} + U+3164) lists exactly
     * like {@code root}, against Terminal's own contract ("other invisible ... character").
     */
    @Test
    void usersListShowsInvisibleLettersAndMarksOfAPlantedNameAsEscapes() {
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
        String[] invisible = {"\u3164", "\u115f", "\u034f", "\ufe0f", "\u2800"};
        for (int i = 0; i < invisible.length; i++) {
            cli.sql("INSERT INTO jwtgate_users (id, username, email, password_hash, roles, enabled, created_at,"
                    + " updated_at) VALUES (?, ?, NULL, 'x', 'user', TRUE, 0, 0)", "planted-" + i, "root" + invisible[i]);
        }
        CliHarness.Run list = cli.run("users", "list", "--context", "/app");
        assertEquals(0, list.exitCode(), list.toString());
        List<String> shownRaw = new ArrayList<>();
        for (String c : invisible) {
            if (list.out().contains(c)) {
                shownRaw.add(String.format("U+%04X", (int) c.charAt(0)));
            }
        }
        assertEquals(List.of(), shownRaw, "users list printed these invisible characters raw");
    }
    /**
     * {@code Arguments.parse} takes the next argument as an option's value even when it is a password
     * option: {@code users add bob --role --password=S} (the role forgotten) exits 0 and stores
     * {@code --password=S} as bob's ROLE, in clear in the store, printed by {@code users list} and the
     * audit trail, and carried in every token bob is issued. {@code set-roles --role -pS} likewise.
     * The correct answer is decision 380's refusal: exit 2, nothing written, nothing echoed.
     */
    @Test
    void aPasswordOptionGivenAsARolesValueIsRefusedAndNeverStored() {
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
        byte[] stdin = "long enough password 4711\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CliHarness.Run add = cli.run(stdin, "users", "add", "bob", "--context", "/app", "--role",
                "--password=" + SECRET);
        CliHarness.Run setRoles = cli.run("users", "set-roles", "admin", "--context", "/app", "--role", "-p" + SECRET);
        CliHarness.Run list = cli.run("users", "list", "--context", "/app");
        assertFalse(list.all().contains(SECRET), "the password became a role, listed by users list:\n" + list.out());
        assertEquals(2, add.exitCode(), add.toString());
        assertEquals(2, setRoles.exitCode(), setRoles.toString());
        assertTrue(cli.user("bob").isEmpty(), "bob was created");
    }

    /**
     * The same slip where a name or a file is expected is echoed by the value's own message:
     * {@code sessions revoke --user --password=S} ("no such user: --password=S") and
     * {@code jwtgate --config --password=S ...} ("the properties file '--password=S' does not exist").
     */
    @Test
    void aPasswordOptionGivenAsAUserOrConfigValueIsRefusedUnechoed() {
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
        List<String[]> lines = List.of(
                new String[] {"sessions", "revoke", "--context", "/app", "--user", "--password=" + SECRET},
                new String[] {"--config", "--password=" + SECRET, "users", "list"},
                new String[] {"--config", "-p" + SECRET, "users", "list"});
        List<String> leaks = new ArrayList<>();
        for (String[] argv : lines) {
            CliHarness.Run r = cli.run(argv);
            if (r.exitCode() != 2 || r.all().contains(SECRET)) {
                leaks.add(String.join(" ", argv).replace(SECRET, "<S>") + " -> " + r.exitCode() + " "
                        + r.err().strip().replace(SECRET, "<S>"));
            }
        }
        assertEquals(List.of(), leaks);
    }
    /**
     * {@code report would-refuse} prints the rule and reason of each would_refuse event through
     * {@code WouldRefuseReport.print}, which escapes nothing, and Main's {@code Terminal.safe} covers
     * only error messages (decision 381). The details are JSON: a {@code \\u001b} escape in them,
     * as Jackson writes any control character, decodes back to a raw ESC on the operator's terminal.
     */
    @Test
    void reportWouldRefuseNeutralisesEscapesInTheRuleAndReasonItPrints() {
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
        cli.sql("INSERT INTO jwtgate_audit_events (id, occurred_at, event, username, client_address, details)"
                + " VALUES (?, ?, ?, ?, ?, ?)", "probe-wr", System.currentTimeMillis(), "would_refuse", null,
                "1.2.3.4", "{\"rule\":\"/admin/** \\u001b]0;owned\\u0007\\u001b[2J\",\"reason\":\"no_token\\u009b\\u2067\"}");
        CliHarness.Run r = cli.run("report", "would-refuse", "--context", "/app", "--since", "P1D");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("/admin/**"), "the planted event is counted: " + r);
        CliSecondRoundProbesTest.assertNoRawControls(r.all());
    }
}
