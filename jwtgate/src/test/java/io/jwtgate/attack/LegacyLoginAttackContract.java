package io.jwtgate.attack;

import static io.jwtgate.attack.LegacyLoginFixtures.basic;
import static io.jwtgate.attack.LegacyLoginFixtures.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.attack.LegacyLoginFixtures.Db;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An outsider attacks the legacy-user login paths (issue 11) over real HTTP: legacy digests kept in
 * {@code jwtgate_users}, and a Tomcat {@code DataSourceRealm} table read in place (on H2, beside JwtGate's tables).
 * Every probe here is a defence that held; each one compares against the answer an unknown name gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LegacyLoginAttackContract {

    static final String PW = "legacy attack password 1";
    static final String REALM_PW = "realm attack password 2";
    static final String OTHER_PW = "other realm password 3";

    static {
        Secrets.remember(PW);
        Secrets.remember(REALM_PW);
        Secrets.remember(OTHER_PW);
    }

    private Path dir;
    private Db db;
    private Map<String, String> forms;
    private Container.Running server;
    private Http http;

    abstract Container container();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("jwtgate-legacy-attack");
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE";
        db = new Db(url, "");
        // A realm table as an old app left it: no key on the name, nullable credentials, wide columns.
        db.execute("CREATE TABLE users (user_name VARCHAR(40), user_pass VARCHAR(700))");
        db.execute("CREATE TABLE user_roles (user_name VARCHAR(40), role_name VARCHAR(64))");
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.jdbc.url", url);
        params.put("jwtgate.basic-auth", "allow");
        params.put("jwtgate.login.max-failures", "1000");
        params.put("jwtgate.login.address-max-failures", "100000");
        params.put("jwtgate.legacy.users-table", "users");
        params.put("jwtgate.legacy.user-column", "user_name");
        params.put("jwtgate.legacy.credential-column", "user_pass");
        params.put("jwtgate.legacy.roles-table", "user_roles");
        params.put("jwtgate.legacy.role-column", "role_name");
        forms = LegacyLoginFixtures.storedForms(PW);
        try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
            for (String name : forms.keySet()) {
                for (String prefix : new String[] {"pth", "wrong", "race", "long"}) {
                    gate.accounts().create(prefix + name, null, PW, Set.of("user"));
                }
            }
            for (String name : new String[] {"bcryptuser", "bob", "dora", "malformed", "hugeiter", "hugesalt"}) {
                gate.accounts().create(name, null, PW, Set.of("user"));
            }
        }
        server = container().start(params, dir);
        assertTrue(server.available(), server.startFailure());
        http = server.http();
        for (Map.Entry<String, String> f : forms.entrySet()) {
            for (String prefix : new String[] {"pth", "wrong", "race", "long"}) {
                assertEquals(1, db.update("UPDATE jwtgate_users SET password_hash = ? WHERE username = ?",
                        f.getValue(), prefix + f.getKey()));
            }
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private void realmRow(String name, String credential, String... roles) throws SQLException {
        db.update("INSERT INTO users (user_name, user_pass) VALUES (?, ?)", name, credential);
        for (String role : roles) {
            db.update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", name, role);
        }
        Secrets.remember(credential);
    }

    private static void assertSameAnswer(Http.Response expected, Http.Response actual, String label) {
        assertEquals(expected.status(), actual.status(), label + ": " + actual.body());
        assertEquals(expected.body(), actual.body(), label);
        assertEquals(expected.headers("WWW-Authenticate"), actual.headers("WWW-Authenticate"), label);
        assertEquals(expected.header("Content-Type"), actual.header("Content-Type"), label);
        assertEquals(expected.header("Retry-After"), actual.header("Retry-After"), label);
    }

    private Http.Response unknown(String password) {
        return login(http, "nobody-at-all", password);
    }

    @Test
    void theStoredDigestOrAnyPartOfItIsNeverAPasswordForAnyFormatByLoginOrBasic() throws SQLException {
        for (Map.Entry<String, String> f : forms.entrySet()) {
            String name = "pth" + f.getKey();
            for (String variant : LegacyLoginFixtures.passTheHash(f.getValue())) {
                assertSameAnswer(unknown(variant), login(http, name, variant), name + " sent its digest");
                assertEquals(401, http.get("/api/hello", "Authorization", basic(name, variant)).status(), name);
            }
            assertEquals(f.getValue(), db.hashOf(name), name + " keeps its digest after pass-the-hash attempts");
        }
    }

    @Test
    void aWrongPasswordForEveryFormatAnswersExactlyAsAnUnknownNameAndAsAWrongBcryptPassword() throws SQLException {
        String wrong = "not the password at all";
        Secrets.remember(wrong);
        Http.Response none = unknown(wrong);
        assertEquals(401, none.status());
        assertSameAnswer(none, login(http, "bcryptuser", wrong), "bcrypt user");
        for (String name : forms.keySet()) {
            assertSameAnswer(none, login(http, "wrong" + name, wrong), "wrong" + name);
        }
        // An unusable stored value (neither bcrypt nor a digest JwtGate checks) says nothing either.
        db.update("UPDATE jwtgate_users SET password_hash = ? WHERE username = ?", "{SHA512}deadbeef", "malformed");
        assertSameAnswer(none, login(http, "malformed", wrong), "unrecognised stored value");
        assertSameAnswer(none, login(http, "malformed", "{SHA512}deadbeef"), "unrecognised value as its password");
        // Realm rows of every kind: a digest, an unreadable credential, NULL, two rows of one name.
        realmRow("rdigest", LegacyLoginFixtures.md5Hex(REALM_PW));
        realmRow("runreadable", "$6$rounds=5000$salt$abcdefghijklmnop");
        realmRow("rnull", null);
        realmRow("rdup", LegacyLoginFixtures.md5Hex(REALM_PW));
        realmRow("rdup", LegacyLoginFixtures.hex("SHA-256", OTHER_PW));
        for (String name : new String[] {"rdigest", "runreadable", "rnull", "rdup"}) {
            assertSameAnswer(none, login(http, name, wrong), "realm " + name);
        }
        // Basic says no more than the login endpoint: the same 401, headers and body for every kind of name.
        Http.Response noneBasic = http.get("/api/hello", "Authorization", basic("nobody-at-all", wrong));
        assertEquals(401, noneBasic.status());
        List<String> everyone = new ArrayList<>(List.of("bcryptuser", "malformed", "rdigest", "runreadable", "rnull",
                "rdup"));
        forms.keySet().forEach(n -> everyone.add("wrong" + n));
        for (String name : everyone) {
            assertSameAnswer(noneBasic, http.get("/api/hello", "Authorization", basic(name, wrong)), "Basic " + name);
        }
        // The right password of a row that cannot be used answers as a wrong one and adopts nothing.
        assertSameAnswer(unknown(REALM_PW), login(http, "rdup", REALM_PW), "duplicate realm rows");
        assertSameAnswer(unknown(OTHER_PW), login(http, "rdup", OTHER_PW), "duplicate realm rows");
        assertNull(db.hashOf("rdup"));
        assertNull(db.hashOf("rnull"));
    }

    @Test
    void aRealmCredentialOrAnyPartOfItIsNeverItsOwnPasswordAndAdoptsNothing() throws SQLException {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        rows.put("pmd5", LegacyLoginFixtures.md5Hex(REALM_PW));
        rows.put("psha1", LegacyLoginFixtures.hex("SHA-1", REALM_PW));
        rows.put("psha256", LegacyLoginFixtures.hex("SHA-256", REALM_PW));
        rows.put("psha512", LegacyLoginFixtures.hex("SHA-512", REALM_PW));
        rows.put("pldapsha", LegacyLoginFixtures.ldapSha(REALM_PW));
        rows.put("pldapssha", LegacyLoginFixtures.ldapSsha(REALM_PW));
        rows.put("psalted", LegacyLoginFixtures.tomcatMutate("SHA-256", 8, 3, REALM_PW));
        rows.put("ppbkdf2", LegacyLoginFixtures.pbkdf2("PBKDF2WithHmacSHA256", REALM_PW));
        rows.put("papr1", "$apr1$abcdefgh$0123456789abcdefghijkl");
        rows.put("pjettymd5", "MD5:" + LegacyLoginFixtures.md5Hex(REALM_PW));
        rows.put("pbcryptbad", "$2a$10$notreallyabcryptvalueatall");
        int before = db.accounts();
        for (Map.Entry<String, String> r : rows.entrySet()) {
            realmRow(r.getKey(), r.getValue(), "user");
            for (String variant : LegacyLoginFixtures.passTheHash(r.getValue())) {
                assertSameAnswer(unknown(variant), login(http, r.getKey(), variant), r.getKey() + " sent its credential");
            }
        }
        assertEquals(before, db.accounts(), "no realm row was adopted by its own credential");
        // The real password of a recognised realm digest does log in (the probe can tell success from refusal).
        assertEquals(200, login(http, "pmd5", REALM_PW).status());
    }

    @Test
    void afterALegacyLoginTheOldDigestNeverWorksAgainEvenUnderConcurrentLogins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Map.Entry<String, String> f : forms.entrySet()) {
                String name = "race" + f.getKey();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    Callable<Integer> attempt = () -> {
                        go.await();
                        return login(http, name, PW).status();
                    };
                    results.add(pool.submit(attempt));
                }
                go.countDown();
                int ok = 0;
                for (Future<Integer> r : results) {
                    int status = r.get();
                    assertTrue(status == 200 || status == 401, name + " answered " + status);
                    ok += status == 200 ? 1 : 0;
                }
                assertTrue(ok >= 1, name + ": at least one concurrent login succeeds");
                String now = db.hashOf(name);
                assertTrue(now.startsWith("$2a$10$"), name + " is bcrypt after the race");
                // Put the old digest back by hand is the only way to use it again: the login does not.
                for (String variant : LegacyLoginFixtures.passTheHash(f.getValue())) {
                    assertEquals(401, login(http, name, variant).status(), name);
                }
                assertEquals(200, login(http, name, PW).status(), name);
                assertEquals(now, db.hashOf(name), name + " keeps one bcrypt hash");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void veryLongPasswordsAndWorkHeavyStoredValuesAreRefusedLikeAnUnknownName() throws SQLException {
        String[] longOnes = {PW + "x".repeat(73 - PW.length()), "y".repeat(4000), PW + "\u00e9".repeat(40)};
        for (String pw : longOnes) {
            Http.Response none = unknown(pw);
            assertNotEquals(500, none.status());
            for (String name : forms.keySet()) {
                assertSameAnswer(none, login(http, "long" + name, pw), "long" + name + " " + pw.length());
            }
        }
        // Bounds: more iterations than allowed, or a huge salt, is an unusable value (no work, no 500).
        db.update("UPDATE jwtgate_users SET password_hash = ? WHERE username = ?",
                "{tomcat:PBKDF2WithHmacSHA512}00ff$99999999$" + "ab".repeat(20), "hugeiter");
        db.update("UPDATE jwtgate_users SET password_hash = ? WHERE username = ?",
                "{tomcat:SHA-512}" + "ab".repeat(180) + "$1$" + "cd".repeat(64), "hugesalt");
        assertSameAnswer(unknown(PW), login(http, "hugeiter", PW), "huge iteration count");
        assertSameAnswer(unknown(PW), login(http, "hugesalt", PW), "huge salt");
        realmRow("rhugeiter", "00ff$99999999$" + "ab".repeat(20));
        assertSameAnswer(unknown(REALM_PW), login(http, "rhugeiter", REALM_PW), "realm huge iteration count");
    }

    @Test
    void otherSpellingsOfARealmNameNeitherLogInNorAdopt() throws SQLException {
        realmRow("Alice", LegacyLoginFixtures.md5Hex(REALM_PW), "user");
        realmRow("Jos\u00e9", LegacyLoginFixtures.md5Hex(REALM_PW), "user");
        int before = db.accounts();
        String[] spellings = {"alice", "ALICE", "Alice ", " Alice", "Alice\u200b", "Alice\u00a0", "Al\u0456ce",
            "Alice\u0000", "\uff21lice", "Alice'--", "x' OR '1'='1", "Al%", "Al_ce", "Alice\t", "jos\u00e9",
            "JOS\u00c9", "Jose"};
        for (String s : spellings) {
            assertSameAnswer(unknown(REALM_PW), login(http, s, REALM_PW), "spelling [" + s + "]");
            int b = http.get("/api/hello", "Authorization", basic(s, REALM_PW)).status();
            // A control character in a Basic user-id is bad input (400); anything else is an unknown name.
            assertTrue(b == 401 || b == 400, s + " over Basic answered " + b);
        }
        assertEquals(before, db.accounts(), "no spelling adopted anything");
        // NFD of a realm name written in NFC names the same user (the lookup is NFC): allowed, same account.
        Http.Response nfd = login(http, "Jose\u0301", REALM_PW);
        assertEquals(200, nfd.status(), nfd.body());
        assertEquals("Jos\u00e9", LegacyLoginFixtures.who(http, nfd));
        assertEquals(200, login(http, "Alice", REALM_PW).status());
    }

    @Test
    void aRealmRowLikeAnExistingOrDisabledAccountNeverYieldsThatAccount() throws SQLException {
        // bob is a JwtGate account; the realm holds look-alikes of bob with a password the attacker knows.
        realmRow("BOB", LegacyLoginFixtures.md5Hex(REALM_PW), "admin");
        realmRow("b\u043eb", LegacyLoginFixtures.md5Hex(REALM_PW), "admin");
        realmRow("bob", LegacyLoginFixtures.md5Hex(REALM_PW), "admin");
        String bobHash = db.hashOf("bob");
        for (String s : new String[] {"BOB", "b\u043eb", "bob"}) {
            Http.Response r = login(http, s, REALM_PW);
            if (r.status() == 200) {
                assertNotEquals("bob", LegacyLoginFixtures.who(http, r), s + " logged in as bob");
            } else {
                assertEquals(401, r.status(), s + ": " + r.body());
            }
        }
        assertEquals(bobHash, db.hashOf("bob"), "bob's hash is untouched");
        Http.Response real = login(http, "bob", PW);
        assertEquals(200, real.status());
        assertEquals(Set.of("user"), LegacyLoginFixtures.roles(http, real), "bob gained no realm role");
        // A disabled account is not re-adopted from the realm under its own name.
        db.update("UPDATE jwtgate_users SET enabled = FALSE WHERE username = ?", "dora");
        realmRow("dora", LegacyLoginFixtures.md5Hex(REALM_PW), "admin");
        assertEquals(401, login(http, "dora", REALM_PW).status());
        assertEquals(401, login(http, "dora", PW).status());
        assertEquals(401, http.get("/api/hello", "Authorization", basic("dora", REALM_PW)).status());
        assertEquals(List.of("FALSE"), db.rows("SELECT enabled FROM jwtgate_users WHERE username = ?", "dora"));
    }

    @Test
    void smuggledRoleNamesAreLeftOutAndRolesOfOtherSpellingsAreNotGranted() throws SQLException {
        realmRow("erin", LegacyLoginFixtures.md5Hex(REALM_PW), "user", "admin user", "user,admin", "admin;",
                "\"admin\"", " admin", "admin\\", "admin\n");
        db.update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", "Erin", "admin");
        db.update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", "erin ", "admin");
        db.update("INSERT INTO user_roles (user_name, role_name) VALUES (?, ?)", null, "admin");
        Http.Response r = login(http, "erin", REALM_PW);
        assertEquals(200, r.status(), r.body());
        assertEquals(Set.of("user"), LegacyLoginFixtures.roles(http, r));
        Http.Response api = http.bearerGet("/api/hello", io.jwtgate.json.StrictJson.parse(r.body().getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).get("access_token").textValue());
        assertEquals(200, api.status());
        assertFalse(r.body().contains("all:any"), "no admin scope in the token response");
    }

    @Test
    void concurrentFirstLoginsOfARealmUserCreateOneAccount() throws Exception {
        realmRow("frank", LegacyLoginFixtures.tomcatMutate("SHA-256", 0, 1, REALM_PW), "user");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return login(http, "frank", REALM_PW).status();
                }));
            }
            go.countDown();
            for (Future<Integer> r : results) {
                assertEquals(200, r.get().intValue(), "each concurrent first login with the right password");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, db.rows("SELECT id FROM jwtgate_users WHERE username = ?", "frank").size());
        assertTrue(db.hashOf("frank").startsWith("$2a$10$"));
    }

    @Test
    void aRealmTableThatDisappearsIsA503NeverA401OrA500() throws SQLException {
        realmRow("gina", LegacyLoginFixtures.md5Hex(REALM_PW), "user");
        db.execute("ALTER TABLE users RENAME TO users_gone");
        try {
            for (String name : new String[] {"gina", "never-existed"}) {
                Http.Response r = login(http, name, REALM_PW);
                assertEquals(503, r.status(), name + ": " + r.body());
                assertFalse(r.body().contains("Exception") || r.body().contains("users_gone")
                        || r.body().contains("SQL"), r.body());
                Http.Response b = http.get("/api/hello", "Authorization", basic(name, REALM_PW));
                assertEquals(503, b.status(), name + " over Basic: " + b.body());
            }
            // An existing account still logs in: jwtgate_users is read first.
            assertEquals(200, login(http, "bcryptuser", PW).status());
        } finally {
            db.execute("ALTER TABLE users_gone RENAME TO users");
        }
        assertEquals(200, login(http, "gina", REALM_PW).status());
    }
}
