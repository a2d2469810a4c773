package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Second-round probes of the command line fixes (decisions 380-388), issue 11: options that might
 * still echo a secret, escapes that might survive {@code Terminal.safe}, the configuration file's
 * line rule, the XML bounds, the CSV header rule and the password line on stdin. These hold and
 * stay as regression tests; the flaws found are in {@link CliSecondRoundFindingsTest}.
 */
class CliSecondRoundProbesTest {

    static final String SECRET = "Zq8SecondRoundSecret31";

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void seed() {
        cli = new CliHarness(dir);
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
    }

    static void assertNoRawControls(String text) {
        assertTrue(text.codePoints().noneMatch(cp -> (Character.isISOControl(cp) && cp != '\n')
                || Character.getType(cp) == Character.FORMAT || cp == 0x2028 || cp == 0x2029),
                "raw control, separator or format character printed: " + text);
    }

    @Test
    void aPasswordLookingOptionIsRefusedUnechoedByEveryCommand() {
        Path webXml = cli.write("web.xml", "<web-app/>");
        Path csv = cli.write("u.csv", "username,email,roles,hash\n");
        List<List<String>> commands = List.of(
                List.of("rules", "from-web-xml", webXml.toString()),
                List.of("report", "would-refuse", "--context", "/app"),
                List.of("schema", "status", "--context", "/app"),
                List.of("schema", "migrate", "--context", "/app"),
                List.of("users", "list", "--context", "/app"),
                List.of("users", "import", csv.toString(), "--context", "/app"),
                List.of("users", "disable", "admin", "--context", "/app"),
                List.of("users", "set-roles", "admin", "--role", "admin", "--context", "/app"),
                List.of("sessions", "revoke", "--user", "admin", "--context", "/app"),
                List.of("audit", "tail", "--context", "/app"),
                List.of("tokens", "revoke", "abc", "--context", "/app"));
        List<String> forms = List.of("--password=" + SECRET, "--PASSWORD=" + SECRET, "--pw=" + SECRET,
                "--passphrase=" + SECRET, "-p" + SECRET, "-P" + SECRET, "-p=" + SECRET);
        List<String> leaks = new ArrayList<>();
        for (List<String> command : commands) {
            for (String form : forms) {
                List<String> argv = new ArrayList<>(command);
                argv.add(form);
                CliHarness.Run r = cli.run(argv.toArray(String[]::new));
                if (r.exitCode() != 2 || r.all().contains(SECRET) || r.all().contains("Zq8")) {
                    leaks.add(String.join(" ", argv).replace(SECRET, "<S>") + " -> " + r.exitCode() + " "
                            + r.err().strip().replace(SECRET, "<S>"));
                }
            }
        }
        assertEquals(List.of(), leaks);
        assertTrue(cli.user("admin").orElseThrow().enabled(), "no command ran");
    }

    @Test
    void aSystemPropertyOptionOnTheCommandLineIsQuotedByItsNameOnly() {
        List<String[]> lines = List.of(
                new String[] {"-Djwtgate.signing.secret=" + SECRET, "users", "list"},
                new String[] {"users", "list", "-Djwtgate.signing.secret=" + SECRET},
                new String[] {"rules", "from-web-xml", "-Djwtgate.signing.secret=" + SECRET, "x.xml"},
                new String[] {"users", "import", "x.csv", "-Djwtgate.signing.secret=" + SECRET});
        for (String[] argv : lines) {
            CliHarness.Run r = cli.run(argv);
            assertEquals(2, r.exitCode(), r.toString());
            assertFalse(r.all().contains(SECRET), "echoed: " + r);
            assertTrue(r.err().contains("-Djwtgate.signing.secret"), r.toString());
        }
    }

    @Test
    void aPasswordOptionAfterTheEndOfOptionsIsANameThatIsRefusedUnprinted() {
        CliHarness.Run r = cli.run(("x-long-enough-password-17\n").getBytes(StandardCharsets.UTF_8), "users", "add",
                "--context", "/app", "--role", "user", "--", "--password=" + SECRET);
        assertTrue(cli.user("--password=" + SECRET).isEmpty() || r.exitCode() == 0, r.toString());
        assertFalse(r.all().contains(SECRET), "echoed: " + r);
    }

    @Test
    void aMisspelledKeyInTheConfigFileIsQuotedWithoutItsValue() {
        Path config = cli.write("jwtgate.properties", "jwtgate.signing.secrt=" + SECRET + "\n");
        CliHarness.Run r = cli.run("--config", config.toString(), "users", "list", "--context", "/app");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jwtgate.signing.secrt"), r.toString());
        assertFalse(r.all().contains(SECRET), "echoed: " + r);
    }

    @Test
    void aSecretAloneOnAConfigLineIsNamedByItsLineNumberOnly() {
        Path config = cli.write("jwtgate.properties", "# settings\njwtgate.issuer=https://x.example\n" + SECRET + "\n");
        CliHarness.Run r = cli.run("--config=" + config, "users", "list", "--context", "/app");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("line 3"), r.toString());
        assertFalse(r.all().contains(SECRET), "echoed: " + r);
    }

    @Test
    void usersListAndAuditTailEscapeC1LineSeparatorsBidiIsolatesAndZeroWidthCharacters() {
        String hostile = "eve\u0085\u009b2J\u009d0;t\u009c\u2028\u2029\u2066\u2067\u2068\u2069\u200d\u200c\u200b"
                + "\u061c\ufeff\u00ad\udb40\udc41end";
        cli.sql("UPDATE jwtgate_users SET username = ?, email = ? WHERE username = 'admin'", hostile,
                "a\u009b31m@example.org");
        cli.sql("INSERT INTO jwtgate_audit_events (id, occurred_at, event, username, client_address, details)"
                + " VALUES (?, ?, ?, ?, ?, ?)", "probe-2", System.currentTimeMillis(), "login\u0085",
                hostile, "1.2.3.4\u2028", "{\"x\":\"\u2067\u009b\"}");
        CliHarness.Run list = cli.run("users", "list", "--context", "/app");
        assertEquals(0, list.exitCode(), list.toString());
        assertNoRawControls(list.all());
        assertTrue(list.out().contains("eve\\u0085\\u009b2J"), list.toString());
        CliHarness.Run tail = cli.run("audit", "tail", "--context", "/app", "--limit", "50");
        assertEquals(0, tail.exitCode(), tail.toString());
        assertNoRawControls(tail.all());
    }

    @Test
    void usageErrorsEscapeC1AndBidiCharactersInQuotedArguments() {
        String hostile = "x\u009b2J\u2067\u2028\u0085y";
        List<String[]> lines = List.of(new String[] {"users", "list", "--" + hostile},
                new String[] {"--" + hostile, "users", "list"},
                new String[] {"users", "import", dir.resolve(hostile).toString()},
                new String[] {"schema", "status", hostile});
        for (String[] argv : lines) {
            CliHarness.Run r = cli.run(argv);
            assertTrue(r.exitCode() == 1 || r.exitCode() == 2, r.toString());
            assertNoRawControls(r.all());
        }
    }

    @Test
    void aCsvHeaderWithBomCaseSpacesOrQuotesIsReadAsTheHeader() {
        String hash = BCrypt.hashpw("csv-header-pass-42!", BCrypt.gensalt(4));
        String[] headers = {"\ufeffusername,email,roles,hash", " Username , EMAIL ,Roles, Hash ",
            "\"username\",\"email\",\"roles\",\"hash\"", "\ufeff\"USERNAME\",email,roles,hash"};
        for (int i = 0; i < headers.length; i++) {
            Path file = cli.write("h" + i + ".csv", headers[i] + "\r\nuser" + i + ",,user," + hash + "\r\n");
            CliHarness.Run r = cli.importFile(file, "--format", "csv");
            assertEquals(0, r.exitCode(), headers[i] + "\n" + r);
            assertTrue(r.out().contains("created 1, skipped 0, failed 0"), r.toString());
            assertTrue(cli.user("user" + i).isPresent());
        }
        assertTrue(cli.user("username").isEmpty(), "no header became an account");
    }

    @Test
    void aCsvHeaderWithAnExtraColumnOrATypoIsRefusedBeforeAnyLine() {
        String hash = BCrypt.hashpw("csv-header-pass-42!", BCrypt.gensalt(4));
        for (String header : new String[] {"username,email,roles,hash,extra", "\ufeffusername,e-mail,roles,hash"}) {
            Path file = cli.write("bad.csv", header + "\nzed,,user," + hash + "\n");
            CliHarness.Run r = cli.importFile(file, "--format", "csv");
            assertEquals(1, r.exitCode(), header + "\n" + r);
            assertTrue(cli.user("zed").isEmpty(), header);
            assertFalse(r.all().contains(hash), r.toString());
        }
    }

    @Test
    void aPasswordLineHoldingOnlyAByteOrderMarkIsAnEmptyPassword() {
        CliHarness.Run r = cli.run(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n'}, "users", "add", "bom",
                "--role", "user", "--context", "/app");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(cli.user("bom").isEmpty());
    }

    @Test
    void aPasswordLineWithoutItsNewlineIsTheWholePassword() {
        String password = "no newline at the end 88";
        CliHarness.Run r = cli.run(password.getBytes(StandardCharsets.UTF_8), "users", "reset-password", "admin",
                "--context", "/app");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(BCrypt.checkpw(password, cli.user("admin").orElseThrow().passwordHash()));
    }

    @Test
    void aPasswordLineOfMoreThan1024BytesIsRefusedWholeAndUnechoed() {
        for (int length : new int[] {1024, 1025, 100_000}) {
            String line = "L".repeat(length - 4) + "TAIL";
            CliHarness.Run r = cli.run((line + "\n").getBytes(StandardCharsets.UTF_8), "users", "reset-password",
                    "admin", "--context", "/app");
            assertEquals(1, r.exitCode(), length + "\n" + r);
            assertFalse(r.all().contains("LLLLLLLL"), r.toString());
            assertTrue(BCrypt.checkpw(CliHarness.ADMIN_PASSWORD, cli.user("admin").orElseThrow().passwordHash()),
                    "the password is unchanged after " + length + " bytes");
        }
    }

    @Test
    void onlyTheFirstLineOfStdinIsThePasswordAndTheRestIsNeverRead() {
        String password = "first line is the one 55";
        CliHarness.Run r = cli.run((password + "\nsecond line " + SECRET + "\n").getBytes(StandardCharsets.UTF_8),
                "users", "reset-password", "admin", "--context", "/app");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(BCrypt.checkpw(password, cli.user("admin").orElseThrow().passwordHash()));
        assertFalse(r.all().contains(SECRET));
    }
    private static void assertRefusedOrReadCleanly(CliHarness.Run r, String what) {
        assertTrue(r.exitCode() == 0 || r.exitCode() == 1, what + "\n" + r);
        assertFalse(r.all().contains("internal error") || r.all().contains("\tat "), what + "\n" + r);
        assertNoRawControls(r.all());
    }

    @Test
    void tomcatUsersWithManySmallAttributesDeepNestingOrHugeCommentsCdataAndInstructionsEndCleanly() {
        String hash = BCrypt.hashpw("xml-bounds-pass-42!", BCrypt.gensalt(4));
        StringBuilder manyAttributes = new StringBuilder("<tomcat-users><user username=\"many\"");
        for (int i = 0; i < 20_000; i++) {
            manyAttributes.append(" a").append(i).append("=\"\"");
        }
        manyAttributes.append(" password=\"").append(hash).append("\" roles=\"user\"/></tomcat-users>");
        String filler = ("x".repeat(60_000) + "<").repeat(300);
        String deep = "<tomcat-users>" + "<g>".repeat(300_000) + "</g>".repeat(300_000) + "</tomcat-users>";
        String[] files = {
            manyAttributes.toString(),
            deep,
            "<tomcat-users><!--" + filler.replace("<", "-<") + "--></tomcat-users>",
            "<tomcat-users><user username=\"c\" password=\"" + hash + "\" roles=\"user\"/><x><![CDATA[" + filler
                    + "]]></x></tomcat-users>",
            "<tomcat-users><?pi " + filler + "?></tomcat-users>",
        };
        for (int i = 0; i < files.length; i++) {
            Path file = cli.write("tomcat-users-" + i + ".xml", files[i]);
            assertRefusedOrReadCleanly(cli.importFile(file), "file " + i);
        }
        assertTrue(cli.user("many").isEmpty() || cli.user("many").orElseThrow().passwordHash().equals(hash));
    }

    @Test
    void aUtf16TomcatUsersFileIsReadOrRefusedCleanly() {
        String hash = BCrypt.hashpw("utf16-file-pass-42!", BCrypt.gensalt(4));
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tomcat-users><user username=\"w\u00f6lf\" password=\""
                + hash + "\" roles=\"user\"/></tomcat-users>\n";
        Path file = cli.write("tomcat-users.xml", xml.getBytes(StandardCharsets.UTF_16));
        CliHarness.Run r = cli.importFile(file);
        assertRefusedOrReadCleanly(r, "UTF-16");
        assertTrue(r.exitCode() == 1 || cli.user("w\u00f6lf").orElseThrow().passwordHash().equals(hash), r.toString());
    }
    @Test
    void usersAddRefusesANameWithAnInvisibleLetterOrMark() {
        for (String c : new String[] {"\u3164", "\u115f", "\u034f", "\ufe0f", "\u2800"}) {
            CliHarness.Run r = cli.run("long enough password 4711\n".getBytes(StandardCharsets.UTF_8), "users", "add",
                    "admin" + c, "--role", "user", "--context", "/app");
            assertEquals(1, r.exitCode(), r.toString());
            assertTrue(cli.user("admin" + c).isEmpty());
            assertFalse(r.all().contains(c), "the refused name is quoted raw: " + r);
        }
    }
}
