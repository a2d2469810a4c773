package io.jwtgate.attack;

import static io.jwtgate.attack.LegacyLoginFixtures.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.attack.LegacyLoginFixtures.Db;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FINDINGS (round 1): with {@code jwtgate.legacy.allow-plaintext=true}, a realm credential that is a digest in a
 * form JwtGate does not recognise is read as a plain-text password, so the digest text itself logs in
 * (pass-the-hash), against decision 321 ("a text that looks like a digest is never read as plain text"). Each test
 * asserts the CORRECT behaviour (a digest is never its own password) and fails until the code is fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyPlaintextFindingsContract {

    private static final String REALM_PW = "plaintext mode password 7";

    static {
        Secrets.remember(REALM_PW);
    }

    private Db db;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-legacy-plain");
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE";
        db = new Db(url, "");
        db.execute("CREATE TABLE users (user_name VARCHAR(40) PRIMARY KEY, user_pass VARCHAR(700))");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", url);
        params.put("jwtgate.legacy.users-table", "users");
        params.put("jwtgate.legacy.user-column", "user_name");
        params.put("jwtgate.legacy.credential-column", "user_pass");
        params.put("jwtgate.legacy.allow-plaintext", "true");
        params.put("jwtgate.login.max-failures", "1000");
        params.put("jwtgate.login.address-max-failures", "100000");
        server = container().start(params, dir);
        assertTrue(server.available(), server.startFailure());
        http = server.http();
        // The realm holds plain-text rows (why plain text is allowed) beside digests of other kinds.
        row("plainuser", REALM_PW);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private void row(String name, String credential) throws SQLException {
        assertEquals(1, db.update("INSERT INTO users (user_name, user_pass) VALUES (?, ?)", name, credential));
        Secrets.remember(credential);
    }

    /** Sends the credential as its own password: the correct answer is an unknown name's, and nothing adopted. */
    private void assertNotItsOwnPassword(String name, String credential) throws SQLException {
        row(name, credential);
        Http.Response unknown = login(http, "nobody-at-all", credential);
        Http.Response r = login(http, name, credential);
        assertEquals(unknown.status(), r.status(), name + ": the stored digest text logged in as the password");
        assertNull(db.hashOf(name), name + " was adopted by its own digest");
    }

    @Test
    void probeHarnessPlainRowsDoLogIn() {
        // Control: the harness can see a success, so the findings below are real.
        assertEquals(200, login(http, "plainuser", REALM_PW).status());
    }

    @Test
    void findingHexSha224DigestIsNotItsOwnPassword() throws SQLException {
        // Tomcat's MessageDigestCredentialHandler algorithm="SHA-224" writes 56 hex characters: no length JwtGate
        // reads as a digest (32/40/64/128), so it becomes plain text. (SHA-384's 96 characters escape only because
        // a password has at most 72 bytes.)
        assertNotItsOwnPassword("sha224user", LegacyLoginFixtures.tomcatMutate("SHA-224", 0, 1, REALM_PW));
    }

    @Test
    void findingPasslibPbkdf2DigestWithADashInItsIdIsNotItsOwnPassword() throws SQLException {
        // passlib's pbkdf2_sha256 form: "$pbkdf2-sha256$rounds$salt$checksum" (adapted base64), 72 bytes or less.
        assertNotItsOwnPassword("passlibuser", "$pbkdf2-sha256$29000$N2YuJQ$Y9Qp5mC1xZ9cTq0w8vH1uA3bXk");
    }

    @Test
    void findingSunMd5CryptDigestIsNotItsOwnPassword() throws SQLException {
        // Solaris SunMD5: "$md5,rounds=N$salt$$checksum".
        assertNotItsOwnPassword("sunmd5user", "$md5,rounds=5000$GUBv0xjJ$$mSwgIswdjlTY0YxV7HBVm0");
    }
}
