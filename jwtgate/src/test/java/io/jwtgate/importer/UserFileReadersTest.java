package io.jwtgate.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Each format's reader turns a file into entries with the line they start on, and reports what
 * it cannot read by line and field, never quoting the line.
 */
class UserFileReadersTest {

    private static List<ImportLine> read(UserFileReader reader, String text) throws Exception {
        return read(reader, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ImportLine> read(UserFileReader reader, byte[] bytes) throws Exception {
        List<ImportLine> lines = new ArrayList<>();
        reader.read(new ByteArrayInputStream(bytes), lines::add);
        return lines;
    }

    private static ImportLine.Entry entry(ImportLine line) {
        assertTrue(line instanceof ImportLine.Entry, line.toString());
        return (ImportLine.Entry) line;
    }

    private static ImportLine.Malformed malformed(ImportLine line) {
        assertTrue(line instanceof ImportLine.Malformed, line.toString());
        return (ImportLine.Malformed) line;
    }

    @Test
    void tomcatUsersGivesEachUserWithRolesGroupsAndTheOldNameAttribute() throws Exception {
        List<ImportLine> lines = read(new TomcatUsersReader(), """
                <?xml version="1.0" encoding="UTF-8"?>
                <tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
                  <role rolename="manager-gui"/>
                  <group groupname="ops" roles="deploy, monitor"/>
                  <user username="alice" password="5f4dcc3b5aa765d61d8327deb882cf99" roles="manager-gui, admin"/>
                  <user name="bob &amp; co" password="secret-bob" roles="" groups="ops"/>
                  <user username="carol"
                        password="x1"
                        roles="admin,"/>
                  <user password="orphan"/>
                  <user username="dave" password="p" groups="nobody"/>
                </tomcat-users>
                """);
        assertEquals(5, lines.size(), lines.toString());
        ImportLine.Entry alice = entry(lines.get(0));
        assertEquals(5, alice.line());
        assertEquals("alice", alice.username());
        assertEquals(List.of("manager-gui", "admin"), alice.roles());
        assertEquals("5f4dcc3b5aa765d61d8327deb882cf99", alice.credential());
        ImportLine.Entry bob = entry(lines.get(1));
        assertEquals("bob & co", bob.username());
        assertEquals(List.of("deploy", "monitor"), bob.roles());
        assertEquals(List.of("admin"), entry(lines.get(2)).roles());
        assertEquals("username", malformed(lines.get(3)).field());
        assertEquals(10, lines.get(3).line());
        assertEquals("groups", malformed(lines.get(4)).field());
    }

    @Test
    void tomcatUsersWithADoctypeIsRefusedWholeAndNoEntityIsExpanded() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE tomcat-users [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <tomcat-users><user username="x" password="&b;"/></tomcat-users>
                """;
        ImportFileException e = assertThrows(ImportFileException.class, () -> read(new TomcatUsersReader(), laughs));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        String external = """
                <?xml version="1.0"?>
                <!DOCTYPE tomcat-users SYSTEM "file:///etc/passwd">
                <tomcat-users/>
                """;
        assertThrows(ImportFileException.class, () -> read(new TomcatUsersReader(), external));
    }

    @Test
    void tomcatUsersThatIsNotWellFormedNamesThePlaceButNeverQuotesTheFile() {
        ImportFileException e = assertThrows(ImportFileException.class, () -> read(new TomcatUsersReader(),
                "<tomcat-users>\n<user username=\"a\" password=\"hunter2-secret\" <oops/>\n</tomcat-users>\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        ImportFileException root = assertThrows(ImportFileException.class,
                () -> read(new TomcatUsersReader(), "<web-app><user username=\"a\" password=\"b\"/></web-app>"));
        assertTrue(root.getMessage().contains("tomcat-users"), root.getMessage());
    }

    @Test
    void htpasswdSplitsAtTheFirstColonSkipsCommentsAndGivesGroupsAsRoles() throws Exception {
        List<ImportLine> lines = read(new HtpasswdReader(Map.of("alice", List.of("admins", "staff"))),
                "# written by htpasswd\r\nalice:$apr1$abc$def\r\n\r\nbob:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=  \n"
                        + "no colon here\n:hash-without-user\ncarol:\n");
        assertEquals(5, lines.size(), lines.toString());
        ImportLine.Entry alice = entry(lines.get(0));
        assertEquals(2, alice.line());
        assertEquals("$apr1$abc$def", alice.credential());
        assertEquals(List.of("admins", "staff"), alice.roles());
        ImportLine.Entry bob = entry(lines.get(1));
        assertEquals(4, bob.line());
        assertEquals("{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", bob.credential());
        assertEquals(List.of(), bob.roles());
        assertEquals(5, malformed(lines.get(2)).line());
        assertEquals("line", malformed(lines.get(2)).field());
        assertEquals("username", malformed(lines.get(3)).field());
        assertEquals("hash", malformed(lines.get(4)).field());
    }

    @Test
    void apacheGroupFileGivesEachUserItsGroupsAndRefusesALineItCannotRead() throws Exception {
        Map<String, List<String>> groups = ApacheGroups.read(stream("admins: alice bob\n# c\nstaff:alice\n"));
        assertEquals(List.of("admins", "staff"), groups.get("alice"));
        assertEquals(List.of("admins"), groups.get("bob"));
        ImportFileException e = assertThrows(ImportFileException.class, () -> ApacheGroups.read(stream("admins\n")));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void jettyRealmReadsAsPropertiesDoWithContinuationsEscapesAndRoles() throws Exception {
        String text = "# Jetty realm\n"
                + "! another comment\n"
                + "alice: MD5:5f4dcc3b5aa765d61d8327deb882cf99,admin, user\n"
                + "bob=OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v\n"
                + "   carol : CRYPT:abcdefghijklm , \\\n"
                + "       staff\n"
                + "d\\u00e9sir\\ée\\:x plain\\ttext\n"
                + "broken: \\u12\n"
                + "empty:\n";
        List<ImportLine> lines = read(new JettyRealmReader(), text.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(6, lines.size(), lines.toString());
        ImportLine.Entry alice = entry(lines.get(0));
        assertEquals(3, alice.line());
        assertEquals("MD5:5f4dcc3b5aa765d61d8327deb882cf99", alice.credential());
        assertEquals(List.of("admin", "user"), alice.roles());
        assertEquals(List.of(), entry(lines.get(1)).roles());
        ImportLine.Entry carol = entry(lines.get(2));
        assertEquals(5, carol.line());
        assertEquals("carol", carol.username());
        assertEquals("CRYPT:abcdefghijklm", carol.credential());
        assertEquals(List.of("staff"), carol.roles());
        ImportLine.Entry desiree = entry(lines.get(3));
        assertEquals(7, desiree.line());
        Properties jdk = new Properties();
        String readable = text.replace("broken: \\u12\n", "");
        jdk.load(new ByteArrayInputStream(readable.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(jdk.getProperty(desiree.username()), desiree.credential(),
                "the same key and value as java.util.Properties reads");
        assertEquals(jdk.getProperty("carol").trim().substring(0, 19), carol.credential());
        assertEquals(8, malformed(lines.get(4)).line());
        assertEquals("credential", malformed(lines.get(5)).field());
    }

    @Test
    void csvFollowsRfc4180WithAnOptionalHeaderAndReportsTheLineARecordStartsOn() throws Exception {
        String text = "\uFEFFusername,email,roles,hash\r\n"
                + "alice,Alice@Example.org,admin user,$2y$10$abcdefghijklmnopqrstuu0123456789012345678901234567890\r\n"
                + "\"bob, the builder\",,\"a;b\",\"pass,with \"\"quotes\"\"\nand a line break\"\r\n"
                + "carol,,,{SSHA}xyz\n"
                + "dave,,admin\n"
                + "erin,,\"admin\"x,hash\n"
                + ",,admin,hash\n"
                + "frank,,,\"unclosed\n";
        List<ImportLine> lines = read(new CsvReader(), text);
        assertEquals(7, lines.size(), lines.toString());
        ImportLine.Entry alice = entry(lines.get(0));
        assertEquals(2, alice.line());
        assertEquals("Alice@Example.org", alice.email());
        assertEquals(List.of("admin", "user"), alice.roles());
        ImportLine.Entry bob = entry(lines.get(1));
        assertEquals(3, bob.line());
        assertEquals("bob, the builder", bob.username());
        assertEquals(null, bob.email());
        assertEquals(List.of("a", "b"), bob.roles());
        assertEquals("pass,with \"quotes\"\nand a line break", bob.credential());
        assertEquals(5, entry(lines.get(2)).line());
        assertEquals(List.of(), entry(lines.get(2)).roles());
        assertTrue(malformed(lines.get(3)).reason().contains("found 3"), lines.get(3).toString());
        assertEquals(7, lines.get(4).line());
        assertEquals("username", malformed(lines.get(5)).field());
        assertEquals(9, lines.get(6).line());
        assertTrue(malformed(lines.get(6)).reason().contains("not closed"));
    }

    @Test
    void aHugeLineIsReportedAsTooLongAndTheNextLineIsStillRead() throws Exception {
        String huge = "x".repeat(TextLines.MAX_LINE + 10);
        List<ImportLine> lines = read(new HtpasswdReader(Map.of()), "a:" + huge + "\nb:hash\n");
        assertEquals("line", malformed(lines.get(0)).field());
        assertEquals("b", entry(lines.get(1)).username());
        List<ImportLine> csv = read(new CsvReader(), "a,,," + huge + "\nb,,,hash\n");
        assertTrue(malformed(csv.get(0)).reason().contains("longer"));
        assertEquals("b", entry(csv.get(1)).username());
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedRatherThanReadWithReplacementCharacters() {
        byte[] latin1 = "alice:pass\nb\u00e9a:word\n".getBytes(StandardCharsets.ISO_8859_1);
        ImportFileException e = assertThrows(ImportFileException.class, () -> read(new HtpasswdReader(Map.of()), latin1));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void anEntryNeverShowsItsCredential() {
        ImportLine.Entry entry = new ImportLine.Entry(3, "alice", null, List.of("admin"), "s3cret-digest");
        assertFalse(entry.toString().contains("s3cret"), entry.toString());
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

}
