package io.jwtgate.attack;

import static io.jwtgate.attack.LegacyLoginFixtures.basic;
import static io.jwtgate.attack.LegacyLoginFixtures.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The realm table read in place on MariaDB, whose default collation (utf8mb4_general_ci, PAD SPACE) matches
 * {@code alice}, {@code ALICE}, {@code alice } and {@code alicé} alike: an outsider tries to log in as, or take the
 * roles of, a realm row through another spelling that the database treats as equal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyRealmCollationAttackContract {

    private static final String PW = "collation account password 1";
    private static final String REALM_PW = "collation realm password 2";
    private static final String OTHER_PW = "collation other password 3";

    static {
        Secrets.remember(PW);
        Secrets.remember(REALM_PW);
        Secrets.remember(OTHER_PW);
    }

    private RealDatabase.Schema schema;
    private Db db;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-legacy-collation");
        schema = RealDatabase.MARIADB.create();
        db = new Db(schema.url(), schema.user());
        // No keys: an old realm may hold rows the collation calls equal.
        db.execute("CREATE TABLE users (user_name VARCHAR(40), user_pass VARCHAR(700))");
        db.execute("CREATE TABLE user_roles (user_name VARCHAR(40), role_name VARCHAR(64))");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", schema.url());
        params.put("jwtgate.jdbc.username", schema.user());
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.login.max-failures", "1000");
        params.put("jwtgate.login.address-max-failures", "100000");
        params.put("jwtgate.legacy.users-table", "users");
        params.put("jwtgate.legacy.user-column", "user_name");
        params.put("jwtgate.legacy.credential-column", "user_pass");
        params.put("jwtgate.legacy.roles-table", "user_roles");
        params.put("jwtgate.legacy.role-column", "role_name");
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            gate.accounts().create("oscar", null, PW, Set.of("user"));
        }
        server = container().start(params, dir);
        assertTrue(server.available(), server.startFailure());
        http = server.http();
        row("Mallory", REALM_PW, "user");
        for (String other : new String[] {"mallory", "MALLORY", "Mallory ", "Mall\u00f6ry"}) {
            db.update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", other, "admin");
        }
        row("ren\u00e9", REALM_PW, "user");
        row("trent", REALM_PW, "user");
        row("trent ", OTHER_PW, "admin");
        row("Oscar", REALM_PW, "admin");
    }

    @AfterAll
    void stop() throws SQLException {
        try {
            server.close();
        } finally {
            schema.close();
        }
    }

    private void row(String name, String password, String... roles) throws SQLException {
        db.update("INSERT INTO users (user_name, user_pass) VALUES (?, ?)", name, LegacyLoginFixtures.md5Hex(password));
        for (String role : roles) {
            db.update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", name, role);
        }
    }

    private void assertUnknown(String name, String password) {
        Http.Response unknown = login(http, "nobody-at-all", password);
        Http.Response r = login(http, name, password);
        assertEquals(unknown.status(), r.status(), "[" + name + "]: " + r.body());
        assertEquals(unknown.body(), r.body(), "[" + name + "]");
        int b = http.get("/api/hello", "Authorization", basic(name, password)).status();
        assertTrue(b == 401 || b == 400, "[" + name + "] over Basic answered " + b);
    }

    @Test
    void spellingsTheCollationCallsEqualNeitherLogInNorAdopt() throws SQLException {
        int before = db.accounts();
        for (String s : new String[] {"mallory", "MALLORY", "Mall\u00f6ry", "Mallory ", "Mallory\u00a0",
            "Mallory\u200b", "rene", "REN\u00c9", "Ren\u00e9", "trent ", "Trent", "Mallory" + "x".repeat(60)}) {
            assertUnknown(s, REALM_PW);
        }
        assertEquals(before, db.accounts(), "nothing adopted");
    }

    @Test
    void theRolesOfRowsTheCollationCallsEqualAreNotGranted() {
        Http.Response r = login(http, "Mallory", REALM_PW);
        assertEquals(200, r.status(), r.body());
        assertEquals(Set.of("user"), LegacyLoginFixtures.roles(http, r));
        Http.Response accent = login(http, "ren\u00e9", REALM_PW);
        assertEquals(200, accent.status(), accent.body());
        assertEquals("ren\u00e9", LegacyLoginFixtures.who(http, accent));
    }

    @Test
    void aRowWithATrailingSpaceNeitherAddsItsPasswordNorItsRoles() {
        // "trent " is another row to the realm's owner; MariaDB returns it for "trent" too.
        assertUnknown("trent", OTHER_PW);
        Http.Response r = login(http, "trent", REALM_PW);
        assertEquals(200, r.status(), r.body());
        assertEquals(Set.of("user"), LegacyLoginFixtures.roles(http, r));
    }

    @Test
    void aRealmRowInAnotherCaseOfAnExistingAccountNeverYieldsThatAccount() throws SQLException {
        String hash = db.hashOf("oscar");
        Http.Response r = login(http, "Oscar", REALM_PW);
        if (r.status() == 200) {
            assertNotEquals("oscar", LegacyLoginFixtures.who(http, r), "Oscar of the realm logged in as oscar");
        } else {
            assertEquals(401, r.status(), r.body());
        }
        assertEquals(hash, db.hashOf("oscar"));
        Http.Response real = login(http, "oscar", PW);
        assertEquals(200, real.status());
        assertEquals(Set.of("user"), LegacyLoginFixtures.roles(http, real));
    }
}
