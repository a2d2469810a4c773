package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.importer.RealToolHashes;
import io.jwtgate.store.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile import files against {@code jwtgate users import} (in-process, H2 file store): entity
 * tricks, look-alike and case variants of an existing admin, role smuggling, malformed text and
 * non-files. Each probe passed when written; they stay as regression tests.
 */
class ImportHostileFilesTest {

    private static final String PASSWORD = "imported-old-password-1";

    @TempDir
    Path dir;

    private CliHarness cli;
    private String adminHashBefore;

    @BeforeEach
    void seedAdmin() {
        cli = new CliHarness(dir);
        cli.addUser("admin", CliHarness.ADMIN_PASSWORD, "admin");
        adminHashBefore = cli.user("admin").orElseThrow().passwordHash();
    }

    private void assertAdminUntouched() {
        User admin = cli.user("admin").orElseThrow();
        assertEquals(Set.of("admin"), admin.roles());
        assertEquals(adminHashBefore, admin.passwordHash());
        assertTrue(admin.enabled());
    }

    private static String sha(String password) {
        return RealToolHashes.tomcatDigest("SHA-256", 0, 1, password);
    }

    @Test
    void aTomcatUsersFileWithAnExternalEntityIsRefusedWholeAndReadsNothing() throws IOException {
        Path secret = cli.write("secret.txt", "TOP-SECRET-FILE-CONTENT");
        Path file = cli.write("tomcat-users.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE tomcat-users [<!ENTITY x SYSTEM "file://%s">]>
                <tomcat-users><user username="&x;" password="%s" roles="admin"/></tomcat-users>
                """.formatted(secret, sha(PASSWORD)));
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.all().contains("TOP-SECRET"), r.toString());
        assertTrue(r.err().contains("DOCTYPE"), r.toString());
        assertEquals(1, cli.users().size(), "only the seeded admin");
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE tomcat-users [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        Path file = cli.write("tomcat-users.xml", "<?xml version=\"1.0\"?>" + dtd
                + "<tomcat-users><user username=\"bob\" password=\"&l9;\" roles=\"user\"/></tomcat-users>");
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(cli.user("bob").isEmpty());
    }

    @Test
    void xincludeIsNotFollowedAndGrantsNothing() {
        Path other = cli.write("other.xml", "<user username=\"mallory\" password=\"" + sha(PASSWORD)
                + "\" roles=\"admin\"/>");
        Path file = cli.write("tomcat-users.xml", """
                <?xml version="1.0"?>
                <tomcat-users xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="%s"/></tomcat-users>
                """.formatted(other.toUri()));
        cli.settings.put("jwtgate.legacy.digest", "SHA-256");
        CliHarness.Run r = cli.importFile(file);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(cli.user("mallory").isEmpty(), "XInclude must not be processed");
    }

    @Test
    void usernameAndNameAttributesBothPresentTheUsernameWinsAndAdminIsNotTouched() {
        cli.settings.put("jwtgate.legacy.digest", "SHA-256");
        Path file = cli.write("tomcat-users.xml", """
                <tomcat-users><user username="carol" name="admin" password="%s" roles="admin"/></tomcat-users>
                """.formatted(sha(PASSWORD)));
        CliHarness.Run r = cli.importFile(file);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(cli.user("carol").isPresent());
        assertAdminUntouched();
    }

    @Test
    void theExactNameOfAnExistingAdminIsSkippedAndLeftExactlyAsItWas() {
        Path file = cli.write("users.csv", "admin,evil@example.org,admin superuser," + sha(PASSWORD) + "\n");
        cli.settings.put("jwtgate.legacy.digest", "SHA-256");
        CliHarness.Run r = cli.importFile(file, "--format", "csv");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("skipped admin"), r.toString());
        assertAdminUntouched();
        assertEquals(null, cli.user("admin").orElseThrow().email());
    }

    @Test
    void caseNfkcHomoglyphAndPunctuationVariantsOfAdminAreRefusedNotCreated() {
        String[] variants = {"Admin", "ADMIN", "\uFF41\uFF44\uFF4D\uFF49\uFF4E", "\u0430dmin", "admin.", "_admin",
            "adm\u0131n", "adrnin", "admi\u0144", "a\u0064min"};
        StringBuilder csv = new StringBuilder("username,email,roles,hash\n");
        for (String v : variants) {
            csv.append(v).append(",,admin,{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n");
        }
        Path file = cli.write("users.csv", csv.toString());
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, cli.users().size(), "no look-alike of admin may be created: " + r);
        assertAdminUntouched();
    }

    @Test
    void rolesCannotBeSmuggledThroughUnicodeSeparatorsOrInvisibleCharacters() {
        String hash = "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=";
        Path file = cli.write("users.csv", "username,email,roles,hash\n"
                + "u1,,user\u00A0admin," + hash + "\n"
                + "u2,,user\u2028admin," + hash + "\n"
                + "u3,,adm\u200Bin," + hash + "\n"
                + "u4,,\"user,admin\"," + hash + "\n"
                + "u5,,\uFF41dmin," + hash + "\n");
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, r.exitCode(), r.toString());
        for (String name : new String[] {"u1", "u2", "u3", "u4", "u5"}) {
            cli.user(name).ifPresent(u -> assertFalse(u.roles().contains("admin"), name + " got " + u.roles()));
        }
    }

    @Test
    void csvQuotesEmbeddedNewlinesBomAndMixedLineEndsCannotForgeANameOrRole() {
        String hash = "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=";
        String text = "\uFEFFusername,email,roles,hash\r\n"
                + "\"dave\nadmin\",,user," + hash + "\r"
                + "\"erin\",,\"user\"\"admin\"," + hash + "\n"
                + "frank,,user," + hash + ",extra\n"
                + "gina,,user\n"
                + "hank,,user," + hash + "\r\n";
        Path file = cli.write("users.csv", text);
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("created hank (roles: user)"), r.toString());
        assertEquals(2, cli.users().size(), "only admin and hank: " + r);
        assertFalse(r.all().contains(hash), "a hash was printed");
    }

    @Test
    void realmPropertiesUnicodeEscapesAndContinuationsCannotReachTheAdminAccount() {
        String md5 = "MD5:" + "5f4dcc3b5aa765d61d8327deb882cf99";
        Path file = cli.write("realm.properties", "\\u0061dmin: " + md5 + ", superuser\n"
                + "adm\\\n    in: " + md5 + ", superuser\n"
                + "ivan: " + md5 + ", user\n");
        CliHarness.Run r = cli.importFile(file);
        // Both lines decode to "admin": the first is skipped, the second reported as a repeat (exit 1).
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("line 1: skipped admin"), r.toString());
        assertAdminUntouched();
        assertEquals(Set.of("user"), cli.user("ivan").orElseThrow().roles());
        assertFalse(r.all().contains("5f4dcc3b"), r.toString());
    }

    @Test
    void htpasswdOddLinesAreReportedWithoutTheirContent() {
        String apr = "$apr1$abcdefgh$SECRETLOOKINGDIGESTxxxx";
        Path file = cli.write("htpasswd", "# comment\n\n:" + apr + "\nnocolon-" + apr + "\njoe:\n"
                + "kate:hunter2-plain-secret\n");
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, r.exitCode(), r.toString());
        assertFalse(r.all().contains("SECRETLOOKING"), r.toString());
        assertFalse(r.all().contains("hunter2-plain-secret"), r.toString());
        assertTrue(cli.user("kate").isEmpty(), "plain text without jwtgate.legacy.allow-plaintext");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedRatherThanImportedWithReplacementCharacters() {
        byte[] latin1 = ("username,email,roles,hash\nj\u00FCrgen,,user,{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = cli.write("users.csv", latin1);
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(cli.users().stream().noneMatch(u -> u.username().contains("\uFFFD")), r.toString());
    }

    @Test
    void aDirectoryDevZeroAndAFifoAreRefusedAtOnceWithExitOne() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("users.csv.d"));
        assertEquals(1, cli.importFile(directory, "--format", "csv").exitCode());
        assertEquals(1, cli.importFile(Path.of("/dev/zero"), "--format", "csv").exitCode());
        Path fifo = dir.resolve("fifo.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
        CliHarness.Run r = cli.importFile(fifo, "--format", "csv");
        assertEquals(1, r.exitCode(), r.toString());
    }

    @Test
    void manyLongRolesOnOneLineFailThatLineNotTheRunOrTheJvm() {
        StringBuilder roles = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            roles.append("r").append(i).append("x".repeat(60)).append(' ');
        }
        Path file = cli.write("users.csv", "lena,," + roles + ",{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n"
                + "mike,,user,{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n");
        CliHarness.Run r = cli.importFile(file, "--format", "csv");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("line 1: failed lena"), r.toString());
        assertTrue(cli.user("mike").isPresent(), "the next line is still imported: " + r);
    }

    @Test
    void anImportedNameCannotBeAnotherAccountsEmailNorAnImportedEmailAnotherAccountsEmail() {
        cli.addUser("bob", "bob's long enough passphrase 3", "user");
        cli.sql("UPDATE jwtgate_users SET email = ? WHERE username = 'admin'", "root@example.org");
        String hash = "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=";
        Path file = cli.write("users.csv", "username,email,roles,hash\n"
                + "root@example.org,,user," + hash + "\n"
                + "ROOT@EXAMPLE.ORG,,user," + hash + "\n"
                + "mallory,Root@Example.org,user," + hash + "\n");
        CliHarness.Run r = cli.importFile(file);
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(2, cli.users().size(), "nothing created that a login by email could confuse: " + r);
    }

    @Test
    void noDigestOrPlainPasswordOfAnImportReachesTheLogs() {
        cli.settings.put("jwtgate.legacy.allow-plaintext", "true");
        int before = io.jwtgate.support.LogCapture.lines().size();
        Path file = cli.write("users.csv", "username,email,roles,hash\n"
                + "olga,,user,{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n"
                + "pete,,user,Plain-Import-Secret-55\n"
                + "bad name,,user,Plain-Import-Secret-66\n");
        CliHarness.Run r = cli.importFile(file);
        String logs = String.join("\n", io.jwtgate.support.LogCapture.lines().subList(before,
                io.jwtgate.support.LogCapture.lines().size()));
        for (String secret : new String[] {"W6ph5Mm5Pz8GgiULbPgzG37mj9g", "Plain-Import-Secret-55",
            "Plain-Import-Secret-66"}) {
            assertFalse(logs.contains(secret) || r.all().contains(secret), secret + " leaked: " + r + logs);
        }
        assertTrue(cli.user("pete").orElseThrow().passwordHash().startsWith("$2"), "plain text stored as bcrypt");
    }
}
