package io.jwtgate.attack;

import static io.jwtgate.attack.LegacyLoginFixtures.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.attack.LegacyLoginFixtures.Db;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
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
 * FINDING (round 1, availability): a realm whose user column is {@code CHAR(n)} on PostgreSQL (as many hand-made
 * realm schemas are) returns the name padded with spaces; the exact re-comparison in {@code LegacyRealm.rows} then
 * never matches, so no realm user can log in, while Tomcat's DataSourceRealm, which compares in SQL, lets them in.
 * Asserts the CORRECT behaviour (the right password logs in; spelling variants still do not).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyRealmCharColumnFindingsContract {

    private static final String REALM_PW = "char column realm password 8";

    static {
        Secrets.remember(REALM_PW);
    }

    private RealDatabase.Schema schema;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-legacy-char");
        schema = RealDatabase.POSTGRESQL.create();
        Db db = new Db(schema.url(), schema.user());
        db.execute("CREATE TABLE users (user_name CHAR(15) PRIMARY KEY, user_pass VARCHAR(255) NOT NULL)");
        db.execute("CREATE TABLE user_roles (user_name CHAR(15), role_name CHAR(15))");
        db.update("INSERT INTO users (user_name, user_pass) VALUES (?, ?)", "pat",
                LegacyLoginFixtures.md5Hex(REALM_PW));
        db.update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", "pat", "user");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", schema.url());
        params.put("jwtgate.jdbc.username", schema.user());
        params.put("jwtgate.legacy.users-table", "users");
        params.put("jwtgate.legacy.user-column", "user_name");
        params.put("jwtgate.legacy.credential-column", "user_pass");
        params.put("jwtgate.legacy.roles-table", "user_roles");
        params.put("jwtgate.legacy.role-column", "role_name");
        server = container().start(params, dir);
        assertTrue(server.available(), server.startFailure());
        http = server.http();
    }

    @AfterAll
    void stop() throws SQLException {
        try {
            server.close();
        } finally {
            schema.close();
        }
    }

    @Test
    void probeHarnessSpellingsOfAPaddedNameStillAnswerAsUnknown() {
        assertEquals(401, login(http, "pat ", REALM_PW).status());
        assertEquals(401, login(http, "PAT", REALM_PW).status());
    }

    @Test
    void findingARealmUserInACharColumnLogsInWithTheRightPassword() {
        Http.Response r = login(http, "pat", REALM_PW);
        assertEquals(200, r.status(), "realm user pat in a CHAR(15) column: " + r.body());
        assertEquals(java.util.Set.of("user"), LegacyLoginFixtures.roles(http, r));
    }
}
