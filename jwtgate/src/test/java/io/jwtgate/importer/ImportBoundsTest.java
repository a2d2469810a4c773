package io.jwtgate.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bounds and shape checks of the import added after the CLI/import review (decisions 385, 386):
 * they refuse what they must and let a real file of any plausible size through.
 */
class ImportBoundsTest {

    private static List<ImportLine> read(UserFileReader reader, InputStream in) throws Exception {
        List<ImportLine> lines = new ArrayList<>();
        reader.read(in, lines::add);
        return lines;
    }

    private static InputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aTomcatUsersFileFarLargerThanOneTagBoundIsReadWhole() throws Exception {
        StringBuilder xml = new StringBuilder("<tomcat-users>\n");
        for (int i = 0; i < 10_000; i++) {
            xml.append("  <user username=\"user").append(i).append("\" password=\"{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\"")
                    .append(" roles=\"user\"/>\n");
        }
        xml.append("</tomcat-users>\n");
        assertTrue(xml.length() > 8 * TomcatUsersReader.MAX_MARKUP_BYTES, "the file must exceed the tag bound");
        List<ImportLine> lines = read(new TomcatUsersReader(), ascii(xml.toString()));
        assertEquals(10_000, lines.size());
        assertTrue(lines.stream().allMatch(l -> l instanceof ImportLine.Entry));
    }

    @Test
    void aTomcatUsersAttributeJustUnderTheBoundIsReadAndOneBeyondIsRefused() throws Exception {
        String start = "<tomcat-users><user username=\"u\" password=\"";
        String end = "\"/></tomcat-users>";
        int fits = (int) TomcatUsersReader.MAX_MARKUP_BYTES - start.length() - 1000;
        List<ImportLine> lines = read(new TomcatUsersReader(), ascii(start + "p".repeat(fits) + end));
        assertEquals(1, lines.size());

        int beyond = (int) TomcatUsersReader.MAX_MARKUP_BYTES + 1;
        ImportFileException e = assertThrows(ImportFileException.class,
                () -> read(new TomcatUsersReader(), ascii(start + "p".repeat(beyond) + end)));
        assertTrue(e.getMessage().contains("a tag or text longer than 64 KiB"), e.getMessage());
        assertFalse(e.getMessage().contains("ppppp"), e.getMessage());
    }

    @Test
    void aTomcatUsersFileBeyondTheTotalBoundIsRefusedWhereverItsTagsAreShort() {
        // An endless run of short comments: every run between '<' is tiny, only the total grows.
        byte[] comment = "<!-- x -->\n".getBytes(StandardCharsets.US_ASCII);
        InputStream body = new InputStream() {
            private long position;

            @Override
            public int read() {
                return comment[(int) (position++ % comment.length)];
            }
        };
        InputStream in = new SequenceInputStream(ascii("<tomcat-users>"), body);
        ImportFileException e = assertThrows(ImportFileException.class, () -> read(new TomcatUsersReader(), in));
        assertTrue(e.getMessage().contains("is larger than 32 MiB"), e.getMessage());
    }

    @Test
    void aCsvHeaderInAnotherOrderOrWithAnUnknownColumnNextToAKnownOneRefusesTheFile() {
        for (String header : List.of("hash,email,roles,username", "username,mail,roles,hash",
                "Username,Email,Roles", "username,email,roles,hash,extra")) {
            ImportFileException e = assertThrows(ImportFileException.class,
                    () -> read(new CsvReader(), ascii(header + "\nalice,,user,{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n")),
                    header);
            assertTrue(e.getMessage().startsWith("line 1 is a header, but not 'username,email,roles,hash'"),
                    e.getMessage());
        }
    }

    @Test
    void theExactCsvHeaderInAnyCaseAndSpacingIsStillSkipped() throws Exception {
        List<ImportLine> lines = read(new CsvReader(),
                ascii(" USERNAME , Email,roles ,hash\nalice,,user,{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=\n"));
        assertEquals(1, lines.size());
        assertEquals("alice", ((ImportLine.Entry) lines.get(0)).username());
    }

    @Test
    void namesShapedLikeStoredCredentialsAreRecognisedAndOrdinaryNamesAreNot() {
        for (String digest : List.of("$apr1$Zx9Ab3Cd$Qm4nVx8LkP2sTq7WyE1rZ0", "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
                "{SSHA}abcdefgh", "$2y$10$abcdefghijklmnopqrstuu0123456789ABCDEFGHIJKLMNOPQRSTU",
                "MD5:5f4dcc3b5aa765d61d8327deb882cf99", "CRYPT:abQ9KY.KfrYrc", "OBF:1v2j1uum1xtv1zej1zer1xtn1uvk1v1v",
                "5f4dcc3b5aa765d61d8327deb882cf99", "a1b2$1000$" + "0123456789abcdef".repeat(2))) {
            assertTrue(CredentialShape.of(digest), digest);
        }
        for (String name : List.of("alice", "bob.smith@example.org", "$dollar", "md5", "crypt:", "cafe1234",
                "DOMAIN\\user", "{team}", "Jürgen")) {
            assertFalse(CredentialShape.of(name), name);
        }
    }
}
