package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Stored hashes and new passwords over real HTTP, once per container: foreign bcrypt prefixes,
 * unusable stored hashes, rehashing after {@code jwtgate.bcrypt.cost} was raised (the accounts
 * are created at cost 10, the container runs at 11), bcrypt's 72-byte limit with a stored
 * password of exactly 72 bytes, and the strength check on registration and password change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PasswordContract {

    private static final String STRONG = "Nebelhorn 42 im Hafen von Koeln";

    private Path dir;
    private Container.Running server;
    private Http http;
    private final Map<String, String> ids = new HashMap<>();

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-hashes");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.register.enabled", "true");
        params.put("jwtgate.login.max-failures", "100");
        params.put("jwtgate.login.address-max-failures", "10000");
        Seed.users(params);
        for (String name : List.of("bee", "why", "broken", "oldcost", "oldbasic", "changer")) {
            ids.put(name, Seed.user(params, name, Seed.PASSWORD));
        }
        ids.put("longpass", Seed.user(params, "longpass", Seed.SEVENTY_TWO_BYTES));
        // Same password, same algorithm, the prefixes other implementations write ($2b$ OpenBSD
        // and Node, $2y$ PHP): only the version letter differs.
        setHash("bee", "$2b$" + storedHash("bee").substring(4));
        setHash("why", "$2y$" + storedHash("why").substring(4));
        Secrets.remember(STRONG);
        params.put("jwtgate.bcrypt.cost", "11");
        server = container().start(params, dir);
        http = server.http();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String url() {
        return TestSettings.appStoreUrl(dir);
    }

    private String storedHash(String username) throws SQLException {
        try (Connection c = DriverManager.getConnection(url());
                PreparedStatement p = c.prepareStatement("SELECT password_hash FROM jwtgate_users WHERE username = ?")) {
            p.setString(1, username);
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next(), username);
                return rs.getString(1);
            }
        }
    }

    private void setHash(String username, String hash) throws SQLException {
        try (Connection c = DriverManager.getConnection(url());
                PreparedStatement p = c.prepareStatement("UPDATE jwtgate_users SET password_hash = ? WHERE username = ?")) {
            p.setString(1, hash);
            p.setString(2, username);
            assertEquals(1, p.executeUpdate());
        }
    }

    private static String credentials(String name, String password) {
        return StrictJson.mapper().createObjectNode().put("username", name).put("password", password).toString();
    }

    private Http.Response login(String name, String password) {
        return http.postJson("/auth/login", credentials(name, password));
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSameAnswer(Http.Response expected, Http.Response actual, String label) {
        assertEquals(expected.status(), actual.status(), label + ": " + actual.body());
        assertEquals(expected.body(), actual.body(), label);
        assertEquals(expected.headers("WWW-Authenticate"), actual.headers("WWW-Authenticate"), label);
        assertEquals(expected.header("Content-Type"), actual.header("Content-Type"), label);
    }

    // ---------------------------------------------------------------- item 8: foreign and broken hashes

    @Test
    void hashesWithThe2bAnd2yPrefixesLogInLike2a() {
        for (String name : List.of("bee", "why")) {
            Http.Response ok = login(name, Seed.PASSWORD);
            assertEquals(200, ok.status(), name + ": " + ok.body());
            assertEquals(3, json(ok).get("access_token").textValue().split("\\.").length);
            assertEquals(LoginContract.INVALID_GRANT, login(name, "not " + Seed.PASSWORD).body(), name);
        }
    }

    @Test
    void malformedStoredHashGetsTheSame401AsAWrongPasswordAndOneErrorLogNamingTheUserId() throws SQLException {
        String valid = storedHash("broken");
        List<String> malformed = List.of("", "plain-text-password", "{SSHA512}W6ph5Mm5Pz8GgiULbPgzG37mj9g=",
                "{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g", "CRYPT:tooShort", "{tomcat:SHA-256}abcd",
                "$2x$" + valid.substring(4), "$2$" + valid.substring(4), "$2a$10$tooShortToBeABcryptHash",
                "$2a$99$" + valid.substring(7), "$2a$1x$" + valid.substring(7), valid + "trailing",
                "$2a$10$" + "%".repeat(53));
        Http.Response wrongJson = login("alice", "not " + Seed.PASSWORD);
        Http.Response wrongBasic = http.get("/api/hello", "Authorization", basic("alice", "not " + Seed.PASSWORD));
        assertEquals(401, wrongJson.status());
        assertEquals(401, wrongBasic.status());
        for (String hash : malformed) {
            setHash("broken", hash);
            int before = LogCapture.lines().size();
            assertSameAnswer(wrongJson, login("broken", Seed.PASSWORD), "login against " + hash);
            assertSameAnswer(wrongBasic, http.get("/api/hello", "Authorization", basic("broken", Seed.PASSWORD)),
                    "Basic against " + hash);
            List<String> logged = LogCapture.lines().subList(before, LogCapture.lines().size());
            List<String> errors = logged.stream()
                    .filter(l -> (l.contains("SEVERE") || l.contains("ERROR")) && l.contains(ids.get("broken"))).toList();
            assertEquals(2, errors.size(), "one ERROR per attempt (JSON and Basic) for " + hash + ": " + logged);
            if (hash.length() >= 8) {
                assertTrue(logged.stream().noneMatch(l -> l.contains(hash)), "the hash was logged: " + logged);
            }
        }
        setHash("broken", valid);
        assertEquals(200, login("broken", Seed.PASSWORD).status());
    }

    @Test
    void successfulLoginRehashesAHashOfAnOlderCostToTheConfiguredCost() throws SQLException {
        String old = storedHash("oldcost");
        assertTrue(old.startsWith("$2a$10$"), old.substring(0, 7));
        assertEquals(401, login("oldcost", "not " + Seed.PASSWORD).status());
        assertEquals(old, storedHash("oldcost"), "a wrong password must not change the hash");

        assertEquals(200, login("oldcost", Seed.PASSWORD).status());
        String upgraded = storedHash("oldcost");
        assertTrue(upgraded.startsWith("$2a$11$"), upgraded.substring(0, 7));
        assertEquals(200, login("oldcost", Seed.PASSWORD).status());
        assertEquals(upgraded, storedHash("oldcost"), "a hash of the configured cost is kept");
    }

    @Test
    void successfulBasicCheckRehashesAHashOfAnOlderCostToTheConfiguredCost() throws SQLException {
        assertTrue(storedHash("oldbasic").startsWith("$2a$10$"));
        Http.Response r = http.get("/api/hello", "Authorization", basic("oldbasic", Seed.PASSWORD));
        assertEquals(200, r.status(), r.body());
        assertTrue(storedHash("oldbasic").startsWith("$2a$11$"), storedHash("oldbasic").substring(0, 7));
        assertEquals(200, login("oldbasic", Seed.PASSWORD).status());
    }

    // ---------------------------------------------------------------- bcrypt's 72 bytes

    /**
     * The stored password is exactly 72 bytes, so a server that cut passwords at 72 bytes (as
     * bcrypt itself does) would log in with any longer password that starts with it.
     */
    @Test
    void storedPasswordOfExactly72BytesLogsInAndAnyLongerPasswordStartingWithItIsRefused() {
        assertEquals(72, Seed.SEVENTY_TWO_BYTES.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(200, login("longpass", Seed.SEVENTY_TWO_BYTES).status());
        assertEquals(200, http.get("/api/hello", "Authorization", basic("longpass", Seed.SEVENTY_TWO_BYTES)).status());
        for (String extra : List.of("x", " ", "\u00e9", "\u0000", "x".repeat(40))) {
            String longer = Seed.SEVENTY_TWO_BYTES + extra;
            assertEquals(LoginContract.INVALID_GRANT, login("longpass", longer).body(), "plus " + extra.length());
            if (!extra.equals("\u0000")) {
                // A control character makes the Basic header malformed (400) before any password check.
                assertEquals(401, http.get("/api/hello", "Authorization", basic("longpass", longer)).status(),
                        "Basic plus " + extra.length());
            }
        }
        assertEquals(LoginContract.INVALID_GRANT, login("longpass", Seed.SEVENTY_TWO_BYTES.substring(0, 65)).body());
    }

    // ---------------------------------------------------------------- item 13: guessable passwords

    @Test
    void registrationRefusesCommonPasswordsAndTheUsernameWith422AndTheEstimatorsFeedback() {
        String name = "gwendolyn42";
        for (String weak : List.of("password1", "Password123", name, name + "@example.org")) {
            Http.Response r = http.postJson("/auth/register", StrictJson.mapper().createObjectNode()
                    .put("username", name).put("email", name + "@example.org").put("password", weak).toString());
            assertEquals(422, r.status(), weak + ": " + r.body());
            JsonNode body = json(r);
            assertEquals("invalid_request", body.get("error").textValue());
            String description = body.get("error_description").textValue();
            assertTrue(description.startsWith("password is too easy to guess"), description);
            assertFalse(description.contains(weak), description);
            if (weak.startsWith("password") || weak.startsWith("Password")) {
                assertTrue(description.contains("This is a very common password."), description);
            }
        }
        Http.Response ok = http.postJson("/auth/register", StrictJson.mapper().createObjectNode()
                .put("username", name).put("email", name + "@example.org").put("password", STRONG).toString());
        assertEquals(201, ok.status(), ok.body());
        assertEquals(200, login(name, STRONG).status());
    }

    @Test
    void passwordChangeRefusesCommonPasswordsAndTheUsernameWith422ButAcceptsAStrongOne() {
        String token = json(login("changer", Seed.PASSWORD)).get("access_token").textValue();
        for (String weak : List.of("password1", "Password123", "changer1", "changerchanger")) {
            Http.Response r = http.postJson("/auth/password", StrictJson.mapper().createObjectNode()
                    .put("current_password", Seed.PASSWORD).put("new_password", weak).toString(),
                    "Authorization", "Bearer " + token);
            assertEquals(422, r.status(), weak + ": " + r.body());
            assertTrue(json(r).get("error_description").textValue().startsWith("password is too easy to guess"),
                    r.body());
        }
        assertEquals(200, login("changer", Seed.PASSWORD).status(), "the refused changes changed nothing");
        Http.Response ok = http.postJson("/auth/password", StrictJson.mapper().createObjectNode()
                .put("current_password", Seed.PASSWORD).put("new_password", STRONG).toString(),
                "Authorization", "Bearer " + token);
        assertEquals(204, ok.status(), ok.body());
        assertEquals(200, login("changer", STRONG).status());
        assertNotEquals(200, login("changer", Seed.PASSWORD).status());
    }
}
