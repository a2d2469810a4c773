package io.jwtgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.importer.RealToolHashes;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.store.AuditEvents;
import io.jwtgate.store.Database;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.support.Htpasswd;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.TestSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * {@code jwtgate users import FILE} in-process: each format creates its accounts in the store of the
 * application at a context path, with roles and email, keeping digests for the upgrade at first login;
 * every line is reported, a second run skips everything, and no password or hash is ever printed.
 */
class UsersImportTest {

    private static final String CONTEXT = "/app";
    private static final String PASSWORD = "old-realm-password-1";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> extraSettings = new HashMap<>();
    /** Every secret a fixture holds: none may appear in the output. */
    private final List<String> secrets = new ArrayList<>(List.of(PASSWORD));

    private Properties systemProperties() {
        Properties p = new Properties();
        p.putAll(TestSettings.params(dir));
        p.putAll(extraSettings);
        return p;
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), systemProperties(), new UsersImport(clock));
        for (String secret : secrets) {
            assertFalse(out().contains(secret) || err().contains(secret), "a secret was printed: " + out() + err());
        }
        return code;
    }

    private int importFile(Path file, String... options) {
        List<String> args = new ArrayList<>(List.of("users", "import", file.toString(), "--context", CONTEXT));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Settings storeSettings() {
        Map<String, String> p = new HashMap<>(TestSettings.params(dir));
        p.putAll(extraSettings);
        return Settings.from(List.of(ConfigSource.of("test", p)), CONTEXT);
    }

    private Optional<User> user(String name) {
        try (Database db = Database.open(storeSettings(), clock)) {
            return new UserStore(db, clock, UsernameKey::of).findByUsername(name);
        }
    }

    private List<String> auditDetails(String event) {
        List<String> details = new ArrayList<>();
        try (Database db = Database.open(storeSettings(), clock)) {
            new AuditEvents(db).forEach(event, Instant.EPOCH, (at, user, address, d) -> details.add(user + " " + d));
        }
        return details;
    }

    private String secret(String value) {
        secrets.add(value);
        return value;
    }

    @Test
    void tomcatUsersXmlKeepsTheDigestsOfTheRealmsCredentialHandlerAndTheRoles() throws IOException {
        extraSettings.put("jwtgate.legacy.digest", "SHA-256");
        String bare = secret(RealToolHashes.tomcatDigest("SHA-256", 0, 1, PASSWORD));
        String salted = secret(RealToolHashes.tomcatDigest("SHA-256", 16, 1000, PASSWORD));
        Path file = write("tomcat-users.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <role rolename="manager-gui"/>
                  <user username="alice" password="%s" roles="manager-gui,admin"/>
                  <user name="bob" password="%s" roles="user"/>
                </tomcat-users>
                """.formatted(bare, salted));
        assertEquals(ExitCode.OK, importFile(file), err());
        assertTrue(out().startsWith("reading " + file + " as tomcat-users (from the file name)"), out());
        assertTrue(out().contains("line 4: created alice (roles: manager-gui admin)"), out());
        assertTrue(out().contains("line 5: created bob (roles: user)"), out());
        assertTrue(out().contains("created 2, skipped 0, failed 0 (2 entries)"), out());
        User alice = user("alice").orElseThrow();
        assertEquals(Set.of("manager-gui", "admin"), alice.roles());
        assertTrue(alice.passwordHash().contains(bare) && !alice.passwordHash().startsWith("$2"),
                "the digest is kept for the upgrade at first login");
        assertTrue(user("bob").orElseThrow().passwordHash().contains(salted));
    }

    @Test
    void aSecondRunSkipsEveryAccountAndChangesNothing() throws IOException {
        String first = secret(RealToolHashes.jettyMd5(PASSWORD));
        Path file = write("realm.properties", "alice: " + first + ",admin\n");
        assertEquals(ExitCode.OK, importFile(file), err());
        User before = user("alice").orElseThrow();
        String other = secret(RealToolHashes.jettyMd5("another-password-2"));
        Files.writeString(file, "alice: " + other + ",user\n");
        assertEquals(ExitCode.OK, importFile(file), err());
        assertTrue(out().contains("line 1: skipped alice: an account of that name exists (left unchanged)"), out());
        assertTrue(out().contains("created 0, skipped 1, failed 0 (1 entry)"), out());
        User after = user("alice").orElseThrow();
        assertEquals(before.passwordHash(), after.passwordHash());
        assertEquals(Set.of("admin"), after.roles());
        assertEquals(1, auditDetails("user_registered").size());
    }

    @Test
    void jettyRealmPropertiesReadsEachCredentialKindAndPlainTextOnlyWhenAllowed() throws IOException {
        String md5 = secret(RealToolHashes.jettyMd5(PASSWORD));
        String crypt = secret(RealToolHashes.jettyCrypt("bob", PASSWORD));
        String obf = secret(RealToolHashes.jettyObfuscated(PASSWORD));
        Path file = write("realm.properties", "# Jetty\nalice: " + md5 + ",admin,user\nbob: " + crypt
                + "\ncarol: " + obf + ", user\ndave: " + PASSWORD + ",user\n");
        assertEquals(ExitCode.INPUT, importFile(file));
        assertTrue(out().contains("line 2: created alice (roles: admin user)"), out());
        assertTrue(out().contains("line 3: created bob (no roles)"), out());
        assertTrue(out().contains("line 4: created carol (roles: user)"), out());
        assertTrue(out().contains("line 5: failed dave: hash: "), out());
        assertTrue(out().contains("created 3, skipped 0, failed 1 (4 entries)"), out());
        assertTrue(err().contains("1 line failed; the other lines were imported"), err());
        assertTrue(user("carol").orElseThrow().passwordHash().startsWith("$2"),
                "an obfuscated password is a password: hashed with bcrypt at import");
        assertTrue(user("dave").isEmpty());

        extraSettings.put("jwtgate.legacy.allow-plaintext", "true");
        assertEquals(ExitCode.OK, importFile(file), err());
        assertTrue(out().contains("line 5: created dave (roles: user)"), out());
        assertTrue(out().contains("created 1, skipped 3, failed 0 (4 entries)"), out());
        String hash = user("dave").orElseThrow().passwordHash();
        assertTrue(hash.startsWith("$2") && !hash.contains(PASSWORD), "plain text is stored as bcrypt only");
    }

    @Test
    void htpasswdTakesRolesFromTheGroupFileAndTheRoleOption() throws IOException {
        String apr1 = secret(Htpasswd.hash(Htpasswd.Algorithm.APR1, PASSWORD));
        String sha = secret(Htpasswd.hash(Htpasswd.Algorithm.SHA, PASSWORD));
        String bcrypt = secret(Htpasswd.hash(Htpasswd.Algorithm.BCRYPT, PASSWORD));
        Path file = write("users.htpasswd", "alice:" + apr1 + "\nbob:" + sha + "\ncarol:" + bcrypt + "\n");
        Path groups = write("groups", "admins: alice\nstaff: alice bob\n");
        assertEquals(ExitCode.OK, importFile(file, "--groups", groups.toString(), "--role", "user"), err());
        assertTrue(out().contains("(from the file name)"), out());
        assertEquals(Set.of("admins", "staff", "user"), user("alice").orElseThrow().roles());
        assertEquals(Set.of("staff", "user"), user("bob").orElseThrow().roles());
        assertEquals(Set.of("user"), user("carol").orElseThrow().roles());
        assertTrue(user("alice").orElseThrow().passwordHash().contains(apr1));
    }

    @Test
    void csvHasEmailsRolesAndQuotedFieldsAndReportsBadLinesWithoutTheirSecrets() throws IOException {
        String bcrypt = secret(RealToolHashes.bcrypt(PASSWORD, 4));
        Path file = write("export.csv", "username,email,roles,hash\n"
                + "alice,Alice@Example.org,admin user," + bcrypt + "\n"
                + "\"o'brien,jr\",,\"user;ops\"," + bcrypt + "\n"
                + "carol,not-an-email,user," + bcrypt + "\n"
                + "dave,,user\n"
                + "erin,,bad\"role," + secret("$2a$10$notreallyahashbutsecret") + "\n");
        assertEquals(ExitCode.INPUT, importFile(file));
        assertTrue(out().contains("line 2: created alice (roles: admin user)"), out());
        assertTrue(out().contains("line 3: created o'brien,jr (roles: user ops)"), out());
        assertTrue(out().contains("line 4: failed carol: email: "), out());
        assertTrue(out().contains("line 5: failed: line: expected 4 fields"), out());
        assertTrue(out().contains("line 6: failed: line: "), out());
        assertTrue(out().contains("created 2, skipped 0, failed 3 (5 entries)"), out());
        User alice = user("alice").orElseThrow();
        assertEquals("alice@example.org", alice.email());
        assertEquals(bcrypt, alice.passwordHash(), "a bcrypt hash is stored as it is");
        assertEquals(Set.of("user", "ops"), user("o'brien,jr").orElseThrow().roles());
        assertTrue(user("carol").isEmpty());
    }

    @Test
    void aNameThatLooksLikeAnAccountOrComesTwiceFailsAndTheAuditSaysImport() throws IOException {
        String md5 = secret(RealToolHashes.jettyMd5(PASSWORD));
        Path file = write("realm.properties", "alice: " + md5 + "\nALICE: " + md5 + "\nalice: " + md5
                + "\nb\\u0007ob: " + md5 + "\n");
        assertEquals(ExitCode.INPUT, importFile(file));
        assertTrue(out().contains("line 1: created alice"), out());
        assertTrue(out().contains("line 2: failed ALICE: username: looks like the name of an existing account"),
                out());
        assertTrue(out().contains("line 3: failed alice: username: also on line 1"), out());
        assertTrue(out().contains("line 4: failed: username: "), out());
        assertFalse(out().contains("\u0007"), "a name with control characters is not echoed");
        List<String> audit = auditDetails("user_registered");
        assertEquals(1, audit.size(), audit.toString());
        assertTrue(audit.get(0).startsWith("alice ") && audit.get(0).contains("\"source\":\"import\""), audit.toString());
    }

    @Test
    void aTomcatSaltedDigestWithoutTheAlgorithmFailsAndNamesTheKey() throws IOException {
        String salted = secret(RealToolHashes.tomcatPbkdf2("PBKDF2WithHmacSHA256", 1000, PASSWORD));
        Path file = write("tomcat-users.xml", "<tomcat-users><user username=\"alice\" password=\"" + salted
                + "\" roles=\"user\"/></tomcat-users>");
        assertEquals(ExitCode.INPUT, importFile(file));
        assertTrue(out().contains("line 1: failed alice: hash: ") && out().contains("jwtgate.legacy.digest"), out());
        extraSettings.put("jwtgate.legacy.digest", "PBKDF2WithHmacSHA256");
        assertEquals(ExitCode.OK, importFile(file), err());
        assertTrue(user("alice").orElseThrow().passwordHash().contains(salted));
    }

    @Test
    void aFileThatIsNotWellFormedStopsWithExitOneAndKeepsTheLinesBefore() throws IOException {
        String md5 = secret(RealToolHashes.tomcatDigest("MD5", 0, 1, PASSWORD));
        Path file = write("tomcat-users.xml", "<tomcat-users>\n<user username=\"alice\" password=\"" + md5
                + "\"/>\n<user username=\"bob\" password=\"" + md5 + "\"\n</tomcat-users>\n");
        assertEquals(ExitCode.INPUT, importFile(file));
        assertTrue(out().contains("line 2: created alice"), out());
        assertTrue(out().contains("created 1, skipped 0, failed 0 (1 entry)"), out());
        assertTrue(err().contains("not well-formed XML (line 4"), err());
        assertTrue(err().contains("the rest of the file was not read"), err());
        assertTrue(user("alice").isPresent());
    }

    @Test
    void theFormatIsDetectedFromTheContentOrMustBeGiven() throws IOException {
        String bcrypt = secret(RealToolHashes.bcrypt(PASSWORD, 4));
        Path csv = write("users-export", "username,email,roles,hash\nalice,,user," + bcrypt + "\n");
        assertEquals(ExitCode.OK, importFile(csv), err());
        assertTrue(out().contains("as csv (from its header line)"), out());
        Path xml = write("users-file", "<?xml version=\"1.0\"?>\n<tomcat-users/>\n");
        assertEquals(ExitCode.OK, importFile(xml), err());
        assertTrue(out().contains("as tomcat-users (from its content)"), out());
        Path unknown = write("users", "bob:" + bcrypt + "\n");
        assertEquals(ExitCode.USAGE, importFile(unknown));
        assertTrue(err().contains("give --format tomcat-users|htpasswd|jetty|csv"), err());
        assertEquals(ExitCode.OK, importFile(unknown, "--format", "htpasswd"), err());
        assertTrue(out().contains("as htpasswd (as --format says)"), out());
        assertTrue(user("bob").isPresent());
    }

    @Test
    void badUsageIsExitTwoAndABadFileOrConfigurationExitOne() throws IOException {
        Path file = write("realm.properties", "alice: " + secret(RealToolHashes.jettyMd5(PASSWORD)) + "\n");
        assertEquals(ExitCode.USAGE, run("users", "import"));
        assertTrue(err().contains("users import needs the FILE"), err());
        assertEquals(ExitCode.USAGE, run("users", "import", file.toString(), "--format", "ldif"));
        assertEquals(ExitCode.USAGE, run("users", "import", file.toString(), "--role", "a,b"));
        assertEquals(ExitCode.USAGE, run("users", "import", file.toString(), "--groups", file.toString()));
        assertEquals(ExitCode.USAGE, run("users", "import", file.toString(), "--bogus"));
        assertEquals(ExitCode.USAGE, run("users", "import", file.toString(), file.toString()));
        assertEquals(ExitCode.USAGE, run("users", "import", file.toString(), "--role"));
        assertEquals(ExitCode.INPUT, run("users", "import", dir.resolve("missing.csv").toString()));
        assertTrue(err().contains("cannot read"), err());
        extraSettings.put("jwtgate.legacy.digest", "ROT13");
        assertEquals(ExitCode.INPUT, importFile(file));
        assertTrue(err().contains("jwtgate.legacy.digest"), err());
        assertEquals(ExitCode.OK, run("users", "import", "--help"));
        assertTrue(out().contains("Usage: jwtgate [--config FILE] users import FILE"), out());
        extraSettings.clear();
        assertTrue(user("alice").isEmpty());
    }

    @Test
    void plainTextPasswordsSkipTheNewPasswordRulesButMustFitBcrypt() throws IOException {
        extraSettings.put("jwtgate.legacy.allow-plaintext", "true");
        String tooLong = secret("p".repeat(73));
        Path file = write("users.csv", "alice,,user," + secret("abc") + "\nbob,,user," + tooLong + "\n");
        assertEquals(ExitCode.INPUT, importFile(file));
        assertTrue(out().contains("line 1: created alice (roles: user)"), out());
        assertTrue(out().contains("line 2: failed bob: password: password is longer than 72 bytes"), out());
        String hash = user("alice").orElseThrow().passwordHash();
        assertTrue(hash.startsWith("$2a$10$") && BCrypt.checkpw("abc", hash),
                "a short existing password is kept, as bcrypt at the configured cost");
        assertTrue(user("bob").isEmpty());
    }

    @Test
    void tenThousandLinesImportInOneRun() throws IOException {
        String sha = secret(Htpasswd.hash(Htpasswd.Algorithm.SHA, PASSWORD));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append("user").append(i).append(':').append(sha).append('\n');
        }
        Path file = write("big.htpasswd", text.toString());
        assertEquals(ExitCode.OK, importFile(file, "--role", "user"), err());
        assertTrue(out().contains("created 10000, skipped 0, failed 0 (10000 entries)"),
                out().substring(Math.max(0, out().length() - 300)));
        assertTrue(user("user9999").isPresent());
    }
}
