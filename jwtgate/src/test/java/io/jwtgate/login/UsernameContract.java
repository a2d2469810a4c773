package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Self-registered usernames over real HTTP (issue 8 item 1): the character set, NFKC, uniqueness
 * that ignores case and look-alikes, one answer for a taken name and a taken email, and accounts
 * from before the look-alike key that keep working. Run once per container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UsernameContract {

    /** A name stored before issue 8 beside {@code alice}: a legacy collision (decision 91). */
    static final String LEGACY_TWIN = "ALICE";

    private Path dir;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-names");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.register.enabled", "true");
        params.put("jwtgate.register.address-max", "1000");
        Seed.users(params);
        try (Connection c = DriverManager.getConnection(h2Url());
                PreparedStatement p = c.prepareStatement("INSERT INTO jwtgate_users (id, username, email, password_hash,"
                        + " roles, enabled, created_at, updated_at) SELECT 'legacy-twin', ?, NULL, password_hash, roles,"
                        + " enabled, created_at + 1, updated_at FROM jwtgate_users WHERE username = 'alice'")) {
            p.setString(1, LEGACY_TWIN);
            assertEquals(1, p.executeUpdate());
        }
        server = container().start(params, dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String h2Url() {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve(TestSettings.APP_STORE) + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private Http.Response register(String username, String email) {
        ObjectNode body = StrictJson.mapper().createObjectNode().put("username", username).put("password", "plum Vortex 93 quietly");
        if (email != null) {
            body.put("email", email);
        }
        return http.postJson("/auth/register", body.toString());
    }

    private Http.Response login(String username) {
        return http.postJson("/auth/login", StrictJson.mapper().createObjectNode().put("username", username)
                .put("password", Seed.PASSWORD).toString());
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void caseVariantsConfusablesFullwidthAccentsAndRnForMOfAdminGet409() {
        for (String name : List.of("admin", "Admin", "ADMIN", "\u0430dmin", "\uff41\uff44\uff4d\uff49\uff4e", "admi\u0144",
                "admin\u0301", "adrnin", "\u0430\u0501m\u0456n")) {
            Http.Response r = register(name, null);
            assertEquals(409, r.status(), name + ": " + r.body());
            assertEquals("user_exists", json(r).get("error").textValue(), name);
        }
        assertEquals(200, login("admin").status(), "the real admin is untouched");
    }

    @Test
    void markupAndOtherCharactersOutsideTheSetGet422NamingTheAllowedCharacters() {
        for (String name : List.of("<svg/onload=alert(document.domain)>", "<script>x</script>", "a\"b", "a b", "a/b",
                "eve\u202etxt.exe", "a\u0000b", "..", "\uff1csvg\uff1e")) {
            Http.Response r = register(name, null);
            assertEquals(422, r.status(), name + ": " + r.body());
            assertTrue(!r.body().contains("<") && !r.body().contains("onload") && !r.body().contains("txt"), "the input is not echoed: " + r.body());
        }
        assertEquals("username may hold only letters, digits and the characters - . @ _",
                json(register("<svg/onload=alert(document.domain)>", null)).get("error_description").textValue());
    }

    @Test
    void aFullwidthNameIsStoredInItsNfkcFormAndLogsInUnderIt() {
        Http.Response r = register("\uff46\uff55\uff4c\uff4c\uff57\uff49\uff44\uff54\uff48", null);
        assertEquals(201, r.status(), r.body());
        assertEquals("fullwidth", json(r).get("username").textValue());
        assertEquals(200, http.postJson("/auth/login",
                "{\"username\":\"fullwidth\",\"password\":\"plum Vortex 93 quietly\"}").status());
    }

    @Test
    void lettersOfOtherScriptsAndDistinctNamesRegister() {
        for (String name : List.of("J\u00fcrgen", "\u0915\u093f\u0930\u0923", "\u0915\u0930\u0923", "\u674e\u5c0f\u9f99",
                "o.neil-2_x@ops")) {
            Http.Response r = register(name, null);
            assertEquals(201, r.status(), name + ": " + r.body());
            assertEquals(name, json(r).get("username").textValue());
        }
        assertEquals(409, register("Jurgen", null).status(), "without the diacritic it looks like J\u00fcrgen");
    }

    @Test
    void aTakenEmailGetsExactlyTheAnswerOfATakenName() {
        Http.Response name = register("Alice", null);
        Http.Response email = register("unused-name-1", "ALICE@example.org");
        assertEquals(409, email.status(), email.body());
        assertEquals(name.status(), email.status());
        assertEquals(name.body(), email.body());
        assertEquals(name.header("Content-Type"), email.header("Content-Type"));
        assertEquals(201, register("unused-name-1", null).status(), "the name itself was free");
    }

    @Test
    void accountsFromBeforeTheKeyThatLookAlikeKeepLoggingInAndBlockNewLookAlikes() throws Exception {
        assertEquals(200, login("alice").status());
        assertEquals(200, login(LEGACY_TWIN).status());
        assertEquals(409, register("aLiCe", null).status());
        try (Connection c = DriverManager.getConnection(h2Url());
                PreparedStatement p = c.prepareStatement("SELECT id, name_key FROM jwtgate_users WHERE username IN ('alice', ?)"
                        + " ORDER BY created_at")) {
            p.setString(1, LEGACY_TWIN);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(2));
                }
            }
            assertEquals(2, keys.size());
            assertEquals(UsernameKey.of("alice"), keys.get(0), "the older account holds the key");
            assertEquals(null, keys.get(1), "the younger look-alike keeps none");
        }
        assertTrue(LogCapture.lines().stream().anyMatch(l -> l.contains("WARNING") && l.contains("legacy-twin")
                && l.contains("look") && !l.contains(LEGACY_TWIN)), "a warning names the ids, never the names");
    }

    @Test
    void capitalIForLDigitsForLettersAndOtherLookAlikesOfExistingNamesGet409() {
        for (String name : List.of("bill", "root", "john", "oliver")) {
            assertEquals(201, register(name, null).status(), name);
        }
        for (String name : List.of("aIice", "biII", "r00t", "rO0t", "b0b", "j0hn", "0liver", "a1ice", "ALICE", "\u0430lice",
                "\uff42\uff4f\uff42", "j\u043ehn", "0IIver", "r\u043e\u043et")) {
            Http.Response r = register(name, null);
            assertEquals(409, r.status(), name + ": " + r.body());
            assertEquals("user_exists", json(r).get("error").textValue(), name);
        }
        assertEquals(422, register("bo\u200bb", null).status(), "a zero-width space is no name character");
    }

    @Test
    void capitalsOfOtherScriptsAndModifierLettersAtTheEndsOfAdminGet409() {
        for (String name : List.of("AD\u039cIN", "\u0391D\u039c\u0399\u039d", "\u13aaDMIN", "AD\u041cIN", "admin\u02cd",
                "admin\u30fc", "\u02bbadmin")) {
            Http.Response r = register(name, null);
            assertEquals(409, r.status(), name + ": " + r.body());
        }
    }

    @Test
    void aPasswordOfLoneSurrogatesGets422InsteadOfBeingHashedAsQuestionMarks() {
        // Twelve different low surrogates in no order (no pair, no sequence a strength meter would spot),
        // escaped in the JSON text: the body is valid UTF-8, the decoded string is not Unicode text, and
        // UTF-8 would turn it into ????????????.
        String lone = "\\udc17\\ude55\\udd8e\\udf02\\udc9d\\udeb7\\udd21\\udf6a\\udc4b\\ude03\\uddf0\\udfa9";
        String body = "{\"username\":\"surrogates\",\"password\":\"" + lone + "\"}";
        Http.Response r = http.postJson("/auth/register", body);
        assertEquals(422, r.status(), r.body());
        assertEquals(401, login("surrogates").status(), "no account was created");
    }

    @Test
    void namesBeyond100Utf16UnitsGet422BeforeAnyHashingNeverA500() {
        String gothic = new String(Character.toChars(0x10330));
        String cjkB = new String(Character.toChars(0x20000));
        for (String name : List.of(gothic.repeat(51), cjkB.repeat(60))) {
            Http.Response r = register(name, null);
            assertEquals(422, r.status(), r.body());
            assertTrue(json(r).get("error_description").textValue().startsWith("username must have 1 to 100 characters"),
                    r.body());
        }
        assertEquals(201, register(cjkB.repeat(50), null).status(), "100 UTF-16 units fit VARCHAR(100) on H2");
        // The refusal's own audit event names what was typed, as every refused attempt does
        // (decision 146); no other line (a driver's "value too long", say) may carry it.
        assertTrue(LogCapture.lines().stream()
                .filter(l -> !l.contains("audit {\"event\":\"register_refused\""))
                .noneMatch(l -> l.contains(gothic) || l.contains(cjkB.repeat(51))),
                "the name reaches no log but the refusal's audit event");
    }

    @Test
    void aUsernameThatIsAnotherAccountsEmailAndAnEmailThatIsAnotherAccountsNameGet409() {
        Http.Response taken = register("Alice", null);
        for (String name : List.of("admin@example.org", "ADMIN@Example.org", "alice@example.org")) {
            Http.Response r = register(name, null);
            assertEquals(409, r.status(), name + ": " + r.body());
            assertEquals(taken.body(), r.body(), "the generic answer");
        }
        assertEquals(201, register("ops@corp.example", null).status());
        Http.Response r = register("unused-name-2", "OPS@corp.example");
        assertEquals(409, r.status(), r.body());
        assertEquals(taken.body(), r.body());
        assertEquals(201, register("unused-name-2", "unused-name-2@corp.example").status(), "name and address were free");
    }

    @Test
    void invisibleNamesOfHangulFillersOrVariationSelectorsGet422() {
        for (String name : List.of("\u3164", "\u3164\u3164\u3164", "\uffa0", "\u115f\u1160", "a\ufe0f", "\u01c3")) {
            Http.Response r = register(name, null);
            assertEquals(422, r.status(), name + ": " + r.body());
        }
    }

    @Test
    void punctuationAtEitherEndIsALookAlikeAndOptionShapesOrForeignMarksGet422() {
        for (String name : List.of("admin.", "_admin", "admin-", "admin@", "_Admin_", "b0b.")) {
            Http.Response r = register(name, null);
            assertEquals(409, r.status(), name + ": " + r.body());
        }
        for (String name : List.of("--help", "-rf", ".admin", ".profile", "admin\u0610")) {
            Http.Response r = register(name, null);
            assertEquals(422, r.status(), name + ": " + r.body());
        }
    }
}
