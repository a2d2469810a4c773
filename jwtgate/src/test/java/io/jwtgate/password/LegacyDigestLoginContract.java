package io.jwtgate.password;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Htpasswd;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.realm.SecretKeyCredentialHandler;
import org.eclipse.jetty.util.security.Credential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Legacy digests over real HTTP, once per container: an account whose password_hash is a digest another system
 * made (Tomcat's credential handlers, Jetty's Credential, Apache's htpasswd) logs in, leaves bcrypt at the configured
 * cost behind, and the digest never works again; a wrong password gets an unknown user's answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyDigestLoginContract {

    private static final String PW = Seed.PASSWORD;
    private static final String COST = "$2a$10$";

    /** Account name to its legacy stored form, for the login tests; the same forms again under "w" names. */
    private final Map<String, String> legacy = new LinkedHashMap<>();
    private Path dir;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-legacy-digests");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.login.max-failures", "1000");
        params.put("jwtgate.login.address-max-failures", "100000");
        Map<String, String> forms = forms();
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            for (String prefix : new String[] {"ok", "wrong", "basic"}) {
                for (String name : forms.keySet()) {
                    gate.accounts().create(prefix + name, null, PW, Set.of("user"));
                }
            }
            for (String name : new String[] {"faulty", "plaintext", "alice"}) {
                gate.accounts().create(name, null, PW, Set.of("user"));
            }
        }
        server = container().start(params, dir);
        http = server.http();
        // Written while the application holds the database open, through one connection, and read back: a file
        // database closed and reopened around single writes has been seen to lose some of them.
        try (Connection c = DriverManager.getConnection(url());
                PreparedStatement p = c.prepareStatement("UPDATE jwtgate_users SET password_hash = ? WHERE username = ?")) {
            for (Map.Entry<String, String> f : forms.entrySet()) {
                for (String prefix : new String[] {"ok", "wrong", "basic"}) {
                    p.setString(1, f.getValue());
                    p.setString(2, prefix + f.getKey());
                    assertEquals(1, p.executeUpdate());
                }
                legacy.put(f.getKey(), f.getValue());
                Secrets.remember(f.getValue());
            }
        }
        for (Map.Entry<String, String> f : legacy.entrySet()) {
            for (String prefix : new String[] {"ok", "wrong", "basic"}) {
                assertEquals(f.getValue(), storedHash(prefix + f.getKey()), "seeded " + prefix + f.getKey());
            }
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** The legacy forms, each made by the real tool's algorithm for {@link #PW}. */
    private static Map<String, String> forms() throws NoSuchAlgorithmException {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("tomcatmd5", "{tomcat:MD5}" + LegacyCredentialsTest.tomcat("MD5", 0, 1));
        f.put("tomcatsha1", "{tomcat:SHA-1}" + LegacyCredentialsTest.tomcat("SHA-1", 0, 1));
        f.put("tomcatsha256salted", "{tomcat:SHA-256}" + LegacyCredentialsTest.tomcat("SHA-256", 16, 1000));
        f.put("tomcatsha512salted", "{tomcat:SHA-512}" + LegacyCredentialsTest.tomcat("SHA-512", 8, 3));
        for (String alg : new String[] {"PBKDF2WithHmacSHA1", "PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA512"}) {
            SecretKeyCredentialHandler h = new SecretKeyCredentialHandler();
            h.setAlgorithm(alg);
            h.setIterations(2000);
            f.put("tomcat" + alg.substring("PBKDF2WithHmac".length()).toLowerCase() + "pbkdf", "{tomcat:" + alg + "}"
                    + h.mutate(PW));
        }
        f.put("ldapmd5", "{MD5}" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("MD5").digest(PW.getBytes(StandardCharsets.UTF_8))));
        MessageDigest ssha = MessageDigest.getInstance("SHA-1");
        ssha.update(PW.getBytes(StandardCharsets.UTF_8));
        byte[] salt = {9, 8, 7, 6};
        ssha.update(salt);
        byte[] d = ssha.digest();
        byte[] withSalt = java.util.Arrays.copyOf(d, d.length + salt.length);
        System.arraycopy(salt, 0, withSalt, d.length, salt.length);
        f.put("ldapssha", "{SSHA}" + Base64.getEncoder().encodeToString(withSalt));
        f.put("jettymd5", Credential.MD5.digest(PW).toLowerCase().replace("md5:", "MD5:"));
        f.put("jettycrypt", Credential.Crypt.crypt("jettycrypt", PW));
        if (Htpasswd.binary().isPresent() || "true".equals(System.getenv("CI"))) {
            f.put("htpasswdapr", Htpasswd.hash(Htpasswd.Algorithm.APR1, PW));
            f.put("htpasswdsha", Htpasswd.hash(Htpasswd.Algorithm.SHA, PW));
            f.put("htpasswdcrypt", "CRYPT:" + Htpasswd.hash(Htpasswd.Algorithm.CRYPT, PW));
        }
        return f;
    }

    @Test
    void eachLegacyDigestLogsInOnceAndIsReplacedByBcryptAtTheConfiguredCost() throws SQLException {
        for (Map.Entry<String, String> f : legacy.entrySet()) {
            String name = "ok" + f.getKey();
            assertEquals(f.getValue(), storedHash(name), name);
            Http.Response r = login(name, PW);
            assertEquals(200, r.status(), name + ": " + r.body());
            JsonNode body = json(r);
            assertEquals(3, body.get("access_token").textValue().split("\\.").length, name);
            assertTrue(body.hasNonNull("refresh_token"), name);
            String upgraded = storedHash(name);
            assertTrue(upgraded.startsWith(COST) && upgraded.length() == 60, name + " is bcrypt at cost 10");
            // The password keeps working, against bcrypt now, and bcrypt stays as it is.
            assertEquals(200, login(name, PW).status(), name);
            assertEquals(upgraded, storedHash(name), name);
            // The old digest is gone: sending it as the password is refused (no pass-the-hash).
            assertEquals(401, login(name, f.getValue()).status(), name);
        }
    }

    @Test
    void basicAuthenticationReplacesTheLegacyDigestToo() throws SQLException {
        for (String key : legacy.keySet()) {
            String name = "basic" + key;
            Http.Response r = http.get("/api/hello", "Authorization", basic(name, PW));
            assertEquals(200, r.status(), name + ": " + r.body());
            assertTrue(storedHash(name).startsWith(COST), name);
        }
    }

    @Test
    void aWrongPasswordGetsAnUnknownUsersAnswerAndLeavesTheDigest() throws SQLException {
        Http.Response unknown = login("nobodyhere", PW);
        Http.Response unknownBasic = http.get("/api/hello", "Authorization", basic("nobodyhere", PW));
        assertEquals(401, unknown.status());
        for (Map.Entry<String, String> f : legacy.entrySet()) {
            String name = "wrong" + f.getKey();
            for (String wrong : new String[] {"not " + PW, PW.toUpperCase(), "X" + PW.substring(1), ""}) {
                assertSameAnswer(unknown, login(name, wrong), name);
            }
            assertSameAnswer(unknownBasic, http.get("/api/hello", "Authorization", basic(name, "not " + PW)), name);
            assertEquals(f.getValue(), storedHash(name), "a failed login leaves " + name + "'s digest");
        }
    }

    @Test
    void plainTextInTheStoreNeverLogsIn() throws SQLException {
        // Plain text is never a stored form (importers hash it first): a row holding one is unusable.
        setHash("plaintext", PW);
        assertSameAnswer(login("nobodyhere", PW), login("plaintext", PW), "plain text");
        assertEquals(PW, storedHash("plaintext"));
    }

    @Test
    void aStoreFaultWhileReplacingTheDigestFailsTheLoginWith503AndKeepsTheDigest() throws SQLException {
        String digest = "{tomcat:SHA-256}" + LegacyCredentialsTest.tomcat("SHA-256", 8, 10);
        setHash("faulty", digest);
        // A real database refusal of exactly this UPDATE: bcrypt may not be written for this account.
        sql("ALTER TABLE jwtgate_users ADD CONSTRAINT legacy_test_refuse CHECK (username <> 'faulty'"
                + " OR password_hash NOT LIKE '$2%')");
        try {
            Http.Response r = login("faulty", PW);
            assertEquals(503, r.status(), r.body());
            assertFalse(r.body().contains(digest));
            assertEquals(digest, storedHash("faulty"));
        } finally {
            sql("ALTER TABLE jwtgate_users DROP CONSTRAINT legacy_test_refuse");
        }
        assertEquals(200, login("faulty", PW).status());
        assertNotEquals(digest, storedHash("faulty"));
        assertTrue(storedHash("faulty").startsWith(COST));
    }

    private Http.Response login(String name, String password) {
        return http.postJson("/auth/login", StrictJson.mapper().createObjectNode().put("username", name)
                .put("password", password).toString());
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

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
