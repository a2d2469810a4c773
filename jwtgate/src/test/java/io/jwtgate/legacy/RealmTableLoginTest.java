package io.jwtgate.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.json.StrictJson;
import io.jwtgate.legacy.RealmDatabase.Engine;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.ServletApiServlet;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Tomcat {@code DataSourceRealm} table read in place (issue 11 item 2), over HTTP: on H2 in both
 * containers, on PostgreSQL and MariaDB in one each.
 */
class RealmTableLoginTest {

    private static final String TOMCAT_PW = "tomcat realm password 1";
    private static final String CAROL_PW = "carol realm password 2";
    private static final String DAVE_PW = "dave realm password 3";
    private static final String NEW_PW = "changed in the realm 4";
    private static final String WRONG = "not the password 5";
    private static final String PLAIN = "plain text password 6";
    private static final String BCRYPT = "^\\$2[aby]\\$10\\$.{53}$";

    static {
        for (String s : List.of(TOMCAT_PW, CAROL_PW, DAVE_PW, NEW_PW, WRONG, PLAIN)) {
            Secrets.remember(s);
        }
    }

    @TempDir
    Path dir;

    static Stream<Arguments> enginesAndContainers() {
        return Stream.of(Arguments.of(Engine.H2, Container.JETTY), Arguments.of(Engine.H2, Container.TOMCAT),
                Arguments.of(Engine.POSTGRESQL, Container.JETTY), Arguments.of(Engine.MARIADB, Container.TOMCAT));
    }

    private Map<String, String> params(RealmDatabase realm) {
        Map<String, String> p = TestSettings.params(dir);
        realm.configure(p);
        p.put("jwtgate.basic-auth", "allow");
        p.put("jwtgate.role-scopes", "admin=all:any; user=messages:read messages:send; manager=reports:read");
        return p;
    }

    private static Http.Response login(Http http, String name, String password) {
        return http.postJson("/auth/login",
                StrictJson.mapper().createObjectNode().put("username", name).put("password", password).toString());
    }

    private static JsonNode json(Http.Response r) throws Exception {
        return StrictJson.mapper().readTree(r.body());
    }

    private static Set<String> roles(Http http, Http.Response login) throws Exception {
        Http.Response me = http.bearerGet("/auth/me", json(login).get("access_token").textValue());
        assertEquals(200, me.status(), me.body());
        Set<String> roles = new TreeSet<>();
        json(me).get("roles").forEach(r -> roles.add(r.textValue()));
        return roles;
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("enginesAndContainers")
    void realmUserLogsInWithRealmRolesAndBecomesABcryptAccountWhileTheRealmStaysUnchanged(Engine engine,
            Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "user", "manager");
            realm.addUser("carol", CAROL_PW, "user");
            realm.addUser("dave", DAVE_PW);
            Map<String, List<String>> before = realm.realmSnapshot();
            try (Container.Running app = container.start(params(realm), dir)) {
                assertTrue(app.available(), app.startFailure());
                Http http = app.http();

                Http.Response first = login(http, "tomcat", TOMCAT_PW);
                assertEquals(200, first.status(), first.body());
                assertEquals(Set.of("manager", "user"), roles(http, first));
                List<String> account = realm.accounts("tomcat");
                assertEquals(1, account.size(), account.toString());
                String[] row = account.get(0).split("\\|");
                assertTrue(row[1].matches(BCRYPT), "password_hash is bcrypt at the configured cost");
                assertEquals(Set.of("manager", "user"), Set.of(row[2].split(" ")));
                assertTrue(Set.of("true", "TRUE", "t", "1").contains(row[3]), "enabled: " + row[3]);

                // From now on jwtgate_users is the truth: a later change in the realm does not matter.
                realm.update("UPDATE users SET user_pass = ? WHERE user_name = ?", RealmDatabase.tomcatDigest(NEW_PW),
                        "tomcat");
                before = realm.realmSnapshot();
                assertEquals(200, login(http, "tomcat", TOMCAT_PW).status());
                assertEquals(401, login(http, "tomcat", NEW_PW).status());

                // Basic against the store adopts the same way.
                Http.Response hello = http.get("/api/hello", "Authorization", basic("carol", CAROL_PW));
                assertEquals(200, hello.status(), hello.body());
                assertEquals(1, realm.accounts("carol").size());

                // A realm user without roles becomes an account without roles.
                assertEquals(200, login(http, "dave", DAVE_PW).status());
                assertEquals("", realm.accounts("dave").get(0).split("\\|", -1)[2]);
            }
            assertEquals(before, realm.realmSnapshot(), "the realm tables are only read");
        }
    }

    @ParameterizedTest
    @MethodSource("enginesAndContainers")
    void wrongPasswordsAndOtherSpellingsOfARealmNameFailLikeAnUnknownNameAndAdoptNothing(Engine engine,
            Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "user");
            Map<String, List<String>> before = realm.realmSnapshot();
            try (Container.Running app = container.start(params(realm), dir)) {
                Http http = app.http();
                Http.Response unknown = login(http, "nobody", TOMCAT_PW);
                assertEquals(401, unknown.status());
                Http.Response wrong = login(http, "tomcat", WRONG);
                assertEquals(401, wrong.status());
                assertEquals(unknown.body(), wrong.body());
                assertEquals(unknown.header("WWW-Authenticate"), wrong.header("WWW-Authenticate"));
                // MariaDB's default collation ignores case and trailing spaces: none of these is tomcat.
                for (String other : List.of("TOMCAT", "Tomcat", "tomcat ", "tomcat\t")) {
                    Http.Response r = login(http, other, TOMCAT_PW);
                    assertEquals(401, r.status(), "'" + other + "'");
                    assertEquals(unknown.body(), r.body());
                }
                assertEquals(401, http.get("/api/hello", "Authorization", basic("TOMCAT", TOMCAT_PW)).status());
                assertTrue(realm.rows("SELECT username FROM jwtgate_users").isEmpty(), "no account was created");
            }
            assertEquals(before, realm.realmSnapshot());
        }
    }

    @ParameterizedTest
    @MethodSource("enginesAndContainers")
    void aDroppedRealmTableIsA503WhileAdoptedAccountsKeepWorking(Engine engine, Container container)
            throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "user");
            realm.addUser("carol", CAROL_PW, "user");
            try (Container.Running app = container.start(params(realm), dir)) {
                Http http = app.http();
                assertEquals(200, login(http, "tomcat", TOMCAT_PW).status());
                realm.execute("DROP TABLE users");
                Http.Response r = login(http, "carol", CAROL_PW);
                assertEquals(503, r.status(), r.body());
                assertEquals(503, login(http, "nobody", WRONG).status());
                assertEquals(503, http.get("/api/hello", "Authorization", basic("carol", CAROL_PW)).status());
                assertEquals(200, login(http, "tomcat", TOMCAT_PW).status(), "jwtgate_users answers without the realm");
                assertTrue(realm.accounts("carol").isEmpty());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentFirstLoginsOfOneRealmUserCreateOneAccount(Engine engine) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "user");
            Map<String, String> params = params(realm);
            // Parallel attempts are counted before they are checked (decision 343): room for all of them.
            params.put("jwtgate.login.max-failures", "10");
            try (Container.Running app = Container.JETTY.start(params, dir)) {
                Http http = app.http();
                ExecutorService pool = Executors.newFixedThreadPool(6);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> futures = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        return login(http, "tomcat", TOMCAT_PW).status();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : futures) {
                    statuses.add(f.get());
                }
                pool.shutdown();
                assertEquals(List.of(200, 200, 200, 200, 200, 200), statuses);
                assertEquals(1, realm.accounts("tomcat").size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aDisabledAccountIsNeverAdoptedAgain(Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(Engine.H2, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "user");
            try (Container.Running app = container.start(params(realm), dir)) {
                Http http = app.http();
                assertEquals(200, login(http, "tomcat", TOMCAT_PW).status());
                realm.update("UPDATE jwtgate_users SET enabled = ? WHERE username = ?", false, "tomcat");
                assertEquals(401, login(http, "tomcat", TOMCAT_PW).status());
                assertEquals(1, realm.accounts("tomcat").size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aRealmNameThatLooksLikeAnExistingAccountIsNotAdopted(Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(Engine.H2, dir)) {
            realm.addUser("Alice", TOMCAT_PW, "admin");
            realm.addUser("ad@corp.example", CAROL_PW, "admin");
            Map<String, String> params = params(realm);
            try (io.jwtgate.JwtGate gate = io.jwtgate.JwtGate.start(TestSettings.settings(params))) {
                gate.accounts().create("alice", "ad@corp.example", "an account of its own 7", Set.of("user"));
            }
            try (Container.Running app = container.start(params, dir)) {
                Http http = app.http();
                assertEquals(401, login(http, "Alice", TOMCAT_PW).status());
                assertEquals(401, login(http, "ad@corp.example", CAROL_PW).status());
                assertTrue(realm.accounts("Alice").isEmpty());
                assertTrue(realm.accounts("ad@corp.example").isEmpty());
                assertTrue(LogCapture.lines().stream().anyMatch(l -> l.contains("legacy user \"Alice\"")
                        && l.contains("not adopted")), "the operator learns which realm user was refused");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void roleNamesJwtGateCannotHoldAreLeftOut(Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(Engine.H2, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "user", "two words", "a,b");
            try (Container.Running app = container.start(params(realm), dir)) {
                Http http = app.http();
                Http.Response r = login(http, "tomcat", TOMCAT_PW);
                assertEquals(200, r.status(), r.body());
                assertEquals(Set.of("user"), roles(http, r));
                assertEquals("user", realm.accounts("tomcat").get(0).split("\\|")[2]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void plainTextInTheRealmLogsInOnlyWithAllowPlaintextAndIsNeverLogged(Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(Engine.H2, dir)) {
            realm.addRow("plain", PLAIN, "user");
            Map<String, String> params = params(realm);
            // A realm without a CredentialHandler algorithm: with one, Tomcat compares digests only.
            params.remove("jwtgate.legacy.digest");
            try (Container.Running app = container.start(params, dir)) {
                assertEquals(401, login(app.http(), "plain", PLAIN).status());
                assertTrue(realm.accounts("plain").isEmpty());
            }
            assertTrue(LogCapture.lines().stream().anyMatch(l -> l.contains("legacy user \"plain\"")),
                    "the operator learns which realm row cannot be read");
            params.put("jwtgate.legacy.allow-plaintext", "true");
            try (Container.Running app = container.start(params, dir)) {
                assertEquals(200, login(app.http(), "plain", PLAIN).status());
                assertTrue(realm.accounts("plain").get(0).split("\\|")[1].matches(BCRYPT));
            }
            assertFalse(LogCapture.lines().stream().anyMatch(l -> l.contains(PLAIN)), "no log line holds the password");
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void failuresOfARealmNameCountTowardItsLockout(Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(Engine.H2, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "user");
            Map<String, String> params = params(realm);
            params.put("jwtgate.login.max-failures", "3");
            try (Container.Running app = container.start(params, dir)) {
                Http http = app.http();
                for (int i = 0; i < 3; i++) {
                    assertEquals(401, login(http, "tomcat", WRONG).status());
                }
                assertEquals(429, login(http, "tomcat", TOMCAT_PW).status());
                assertTrue(realm.accounts("tomcat").isEmpty(), "a locked-out name is not adopted");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void applicationCodeCallingRequestLoginAdoptsARealmUser(Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(Engine.H2, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "user");
            Map<String, String> params = params(realm);
            params.put("jwtgate.rules", "/public/** -> permit\n/** -> authenticated");
            try (Container.Running app = container.startDispatching(params, dir, Map.of(),
                    List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*")),
                    List.of(new Deployment.ServletMapping("servlet-api", ServletApiServlet.class, "/public/sec/*", -1)),
                    Map.of())) {
                assertTrue(app.available(), app.startFailure());
                Http http = app.http();
                Http.Response wrong = http.post("/public/sec/login", "application/x-www-form-urlencoded",
                        "user=tomcat&password=" + URLEncoder.encode(WRONG, StandardCharsets.UTF_8));
                assertEquals("Login failed", json(wrong).get("loginError").textValue(), wrong.body());
                assertTrue(realm.accounts("tomcat").isEmpty());
                Http.Response login = http.post("/public/sec/login", "application/x-www-form-urlencoded",
                        "user=tomcat&password=" + URLEncoder.encode(TOMCAT_PW, StandardCharsets.UTF_8));
                assertEquals("tomcat", json(login).get("principal").textValue(), login.body());
                assertTrue(json(login).get("isUser").booleanValue(), login.body());
                assertTrue(realm.accounts("tomcat").get(0).split("\\|")[1].matches(BCRYPT));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void selfRegistrationCannotTakeTheNameOfARealmUserWhoHasNotLoggedInYet(Container container) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(Engine.H2, dir)) {
            realm.addUser("tomcat", TOMCAT_PW, "admin");
            Map<String, String> params = params(realm);
            params.put("jwtgate.register.enabled", "true");
            try (Container.Running app = container.start(params, dir)) {
                Http http = app.http();
                Http.Response taken = null;
                for (String name : List.of("tomcat", "TOMCAT", "\uff54omcat")) {
                    Http.Response r = http.postJson("/auth/register", StrictJson.mapper().createObjectNode()
                            .put("username", name).put("password", WRONG).toString());
                    assertEquals(409, r.status(), name + ": " + r.body());
                    if (taken != null) {
                        assertEquals(taken.body(), r.body());
                    }
                    taken = r;
                }
                assertEquals(201, http.postJson("/auth/register", StrictJson.mapper().createObjectNode()
                        .put("username", "newcomer").put("password", WRONG).toString()).status());
                assertTrue(realm.accounts("tomcat").isEmpty());
                assertEquals(401, login(http, "tomcat", WRONG).status());
                Http.Response r = login(http, "tomcat", TOMCAT_PW);
                assertEquals(200, r.status(), r.body());
                assertEquals(Set.of("admin"), roles(http, r));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aRealmNameWithTwoRowsOrANullCredentialIsNotAdopted(Engine engine) throws Exception {
        try (RealmDatabase realm = RealmDatabase.create(engine, dir)) {
            // A hand-made realm table without a key on the name, and without a roles table.
            realm.execute("CREATE TABLE loose_users (user_name VARCHAR(15), user_pass VARCHAR(255))");
            String digest = RealmDatabase.tomcatDigest(TOMCAT_PW);
            realm.update("INSERT INTO loose_users (user_name, user_pass) VALUES (?, ?)", "twin", digest);
            realm.update("INSERT INTO loose_users (user_name, user_pass) VALUES (?, ?)", "twin", digest);
            realm.update("INSERT INTO loose_users (user_name, user_pass) VALUES (?, NULL)", "nullpw");
            realm.update("INSERT INTO loose_users (user_name, user_pass) VALUES (?, ?)", "single", digest);
            Map<String, String> params = params(realm);
            params.put("jwtgate.legacy.users-table", "loose_users");
            params.remove("jwtgate.legacy.roles-table");
            params.remove("jwtgate.legacy.role-column");
            try (Container.Running app = Container.JETTY.start(params, dir)) {
                assertTrue(app.available(), app.startFailure());
                Http http = app.http();
                Http.Response unknown = login(http, "nobody", TOMCAT_PW);
                for (String name : List.of("twin", "nullpw")) {
                    Http.Response r = login(http, name, TOMCAT_PW);
                    assertEquals(401, r.status(), name);
                    assertEquals(unknown.body(), r.body());
                    assertTrue(realm.accounts(name).isEmpty(), name);
                    assertTrue(LogCapture.lines().stream().anyMatch(l -> l.contains("legacy user \"" + name + "\"")),
                            "the operator learns which realm user cannot log in: " + name);
                }
                Http.Response r = login(http, "single", TOMCAT_PW);
                assertEquals(200, r.status(), r.body());
                assertEquals(Set.of(), roles(http, r));
            }
        }
    }
}
