package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.store.Database;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.support.TestSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The command line's answers to the CLI/import review (issue 11, decisions 380-387), beyond the
 * reviewer's own probes: what is refused is refused with a message that quotes no secret and no
 * raw control character, and what is accepted still works.
 */
class CliReviewFixesTest {

    private static final String CONTEXT = "/app";
    private static final String SECRET = "Pasted-Secret-Value-9931";
    private static final String APR1_TAIL = "Qm4nVx8LkP2sTq7WyE1rZ0";
    private static final String APR1 = "$apr1$Zx9Ab3Cd$" + APR1_TAIL;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run run(byte[] stdin, Map<String, String> environment, String... argv) {
        Properties props = new Properties();
        props.putAll(TestSettings.params(dir));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, props);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... argv) {
        return run(new byte[0], Map.of(), argv);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Optional<User> user(String name) {
        Settings settings = Settings.from(List.of(ConfigSource.of("test", TestSettings.params(dir))), CONTEXT);
        try (Database db = Database.open(settings, Clock.systemUTC())) {
            return new UserStore(db, Clock.systemUTC(), UsernameKey::of).findByUsername(name);
        }
    }

    @Test
    void anUnknownOptionIsQuotedByItsNameOnlyNeverItsValue() {
        for (String[] argv : List.of(
                new String[] {"--token=" + SECRET, "users", "list"},
                new String[] {"users", "list", "--token=" + SECRET, "--context", CONTEXT},
                new String[] {"users", "import", "x.csv", "--token=" + SECRET},
                new String[] {"rules", "from-web-xml", "--token=" + SECRET, "web.xml"},
                new String[] {"report", "would-refuse", "--token=" + SECRET})) {
            Run r = run(argv);
            assertEquals(2, r.exitCode(), r.toString());
            assertTrue(r.err().contains("unknown option --token for"), r.err());
            assertFalse(r.all().contains(SECRET), r.toString());
        }
    }

    @Test
    void everyPasswordLookingOptionGetsThePasswordMessageAndIsNotQuoted() {
        for (String option : List.of("-p" + SECRET, "-p", "--password=" + SECRET, "--passwd", "--pw=" + SECRET,
                "-P" + SECRET)) {
            for (String[] argv : List.of(new String[] {option, "users", "list"},
                    new String[] {"users", "reset-password", "bob", option},
                    new String[] {"users", "import", "x.csv", option})) {
                Run r = run(argv);
                assertEquals(2, r.exitCode(), String.join(" ", argv) + ": " + r);
                assertTrue(r.err().contains("passwords are never taken from the command line"), r.err());
                assertFalse(r.all().contains(SECRET), r.toString());
            }
        }
    }

    @Test
    void usersImportNowTakesTheSharedOptionForms() throws IOException {
        Path file = write("users.txt", "username,email,roles,hash\ncarol,,user," + APR1 + "\n");
        Run r = run("users", "import", "--format=csv", "--context=" + CONTEXT, "--", file.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(user("carol").isPresent(), r.toString());
        assertFalse(r.all().contains(APR1_TAIL), r.toString());
    }

    @Test
    void aBomBeforeThePasswordOnStdinIsNoPartOfThePassword() {
        String password = "Bom-free passphrase: violet tugboat 4417";
        byte[] stdin = ("\uFEFF" + password + "\r\n").getBytes(StandardCharsets.UTF_8);
        Run r = run(stdin, Map.of(), "users", "add", "dora", "--role", "user", "--context", CONTEXT);
        assertEquals(0, r.exitCode(), r.toString());
        String hash = user("dora").orElseThrow().passwordHash();
        assertTrue(BCrypt.checkpw(password, hash), "the stored hash is not of the password as typed");
    }

    @Test
    void aNonUtf8PasswordLineIsRefusedWithAClearMessageAndNothingChanges() {
        byte[] stdin = "Caf\u00E9-Passphrase-lang-genug-1\n".getBytes(StandardCharsets.ISO_8859_1);
        Run r = run(stdin, Map.of(), "users", "add", "eve", "--role", "user", "--context", CONTEXT);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("not UTF-8"), r.err());
        assertTrue(user("eve").isEmpty());
    }

    @Test
    void aCsvHeaderWithTheColumnsInAnotherOrderRefusesTheWholeFile() throws IOException {
        Path file = write("users.csv", "username,roles,email,hash\nfrank,user,,"
                + "$2a$10$abcdefghijklmnopqrstuu0123456789ABCDEFGHIJKLMNOPQRSTU\n");
        Run r = run("users", "import", file.toString(), "--context", CONTEXT);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("line 1 is a header, but not 'username,email,roles,hash' in that order"), r.err());
        assertTrue(user("frank").isEmpty(), "nothing of a refused file is imported");
    }

    @Test
    void aDigestInTheNameColumnOfAHeaderlessCsvFailsItsLineWithoutBeingPrinted() throws IOException {
        Path file = write("users.csv", APR1 + ",,user,grace\n" + "heidi,,user," + APR1 + "\n");
        Run r = run("users", "import", file.toString(), "--context", CONTEXT);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("line 1: failed: username: has the shape of a password digest"), r.out());
        assertTrue(r.out().contains("line 2: created heidi"), r.out());
        assertFalse(r.all().contains(APR1_TAIL), r.toString());
    }

    @Test
    void aTomcatUsersTagLongerThanTheBoundStopsWithOneClearLine() throws IOException {
        Path file = dir.resolve("tomcat-users.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("<tomcat-users><user username=\"ivan\" password=\"".getBytes(StandardCharsets.US_ASCII));
            out.write("b".repeat(100 * 1024).getBytes(StandardCharsets.US_ASCII));
            out.write("\" roles=\"user\"/></tomcat-users>".getBytes(StandardCharsets.US_ASCII));
        }
        Run r = run("users", "import", file.toString(), "--context", CONTEXT);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("has a tag or text longer than 64 KiB"), r.err());
        assertFalse(r.all().contains("bbbbbbbb"), r.toString());
        assertTrue(user("ivan").isEmpty());
    }

    @Test
    void aGroupFileThatIsADirectoryIsRefusedAsFileIs() throws IOException {
        Path htpasswd = write("htpasswd", "judy:" + APR1 + "\n");
        Run r = run("users", "import", htpasswd.toString(), "--groups", dir.toString(), "--context", CONTEXT);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("cannot read the group file"), r.err());
        assertTrue(user("judy").isEmpty());
    }

    @Test
    void aSecretAloneOnALineOfTheConfigFileIsNamedByItsLineNotItsText() throws IOException {
        Path config = write("jwtgate.properties", "jwtgate.issuer=shop\n# the secret:\n" + SECRET + "\n");
        Run r = run("--config", config.toString(), "users", "list", "--context", CONTEXT);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jwtgate.config: the properties file"), r.err());
        assertTrue(r.err().contains("on line 3 a name that is not a jwtgate.* key"), r.err());
        assertFalse(r.all().contains(SECRET) || r.all().contains("Pasted"), r.toString());
    }

    @Test
    void anUnknownEnvironmentVariableIsNamedWithoutItsControlCharacters() {
        Run r = run(new byte[0], Map.of("JWTGATE_\u001b[2J", "1"), "users", "list", "--context", CONTEXT);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("JWTGATE_\\u001b[2J: unknown environment variable"), r.err());
        assertFalse(r.all().contains("\u001b"), r.toString());
    }

    @Test
    void aSincePeriodBeyondTheCalendarNamesTheProblem() {
        Run r = run("audit", "tail", "--since", "P100000000000000D", "--context", CONTEXT);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--since period reaches back beyond any date"), r.err());
    }
}
