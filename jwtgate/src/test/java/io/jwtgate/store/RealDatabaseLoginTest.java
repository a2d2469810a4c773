package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Secrets;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Name look-ups and the lockout on real PostgreSQL and MariaDB, over HTTP in both containers. */
class RealDatabaseLoginTest {

    private static final String WRONG = "wrong guess 1";

    static {
        Secrets.remember(WRONG);
        for (int i = 0; i < 8; i++) {
            Secrets.remember("wrong guess " + i);
        }
    }

    @TempDir
    Path dir;

    static Stream<Arguments> databasesAndContainers() {
        List<Arguments> all = new ArrayList<>();
        for (RealDatabase db : RealDatabase.values()) {
            for (Container container : Container.values()) {
                all.add(Arguments.of(db, container));
            }
        }
        return all.stream();
    }

    private Map<String, String> params(RealDatabase.Schema schema) {
        Map<String, String> p = TestSettings.params(dir);
        p.put("jwtgate.jdbc.url", schema.url());
        p.put("jwtgate.jdbc.username", schema.user());
        p.put("jwtgate.login.max-failures", "3");
        return p;
    }

    private static Http.Response login(Http http, String field, String name, String password) {
        return http.postJson("/auth/login",
                StrictJson.mapper().createObjectNode().put(field, name).put("password", password).toString());
    }

    /** MariaDB's utf8mb4_bin is PAD SPACE: without an exact comparison 'alice   ' would log in as alice. */
    @ParameterizedTest
    @MethodSource("databasesAndContainers")
    void namesWithTrailingSpacesDoNotFindTheAccount(RealDatabase db, Container container) throws Exception {
        try (RealDatabase.Schema schema = db.create()) {
            Map<String, String> params = params(schema);
            try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
                gate.accounts().create("alice", "alice@example.org", Seed.PASSWORD, Set.of("user"));
                assertTrue(gate.accounts().findByUsername("alice   ").isEmpty(), "store look-up must be exact");
            }
            try (Container.Running app = container.start(params, dir)) {
                Http http = app.http();
                Http.Response unknown = login(http, "username", "nobody", Seed.PASSWORD);
                for (String name : List.of("alice   ", "alice ")) {
                    Http.Response r = login(http, "username", name, Seed.PASSWORD);
                    assertEquals(401, r.status(), "'" + name + "'");
                    assertEquals(unknown.body(), r.body());
                }
                assertEquals(401, login(http, "email", "alice@example.org  ", Seed.PASSWORD).status());
                assertEquals(200, login(http, "username", "alice", Seed.PASSWORD).status());
                assertEquals(200, login(http, "email", "Alice@Example.org", Seed.PASSWORD).status());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databasesAndContainers")
    void parallelWrongGuessesSpendTheBudgetOneByOne(RealDatabase db, Container container) throws Exception {
        try (RealDatabase.Schema schema = db.create()) {
            Map<String, String> params = params(schema);
            try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
                gate.accounts().create("racer", "racer@example.org", Seed.PASSWORD, Set.of("user"));
            }
            try (Container.Running app = container.start(params, dir)) {
                Http http = app.http();
                ExecutorService pool = Executors.newFixedThreadPool(8);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String field = i % 2 == 0 ? "username" : "email";
                    String name = i % 2 == 0 ? "racer" : (i % 4 == 1 ? "Racer@example.org" : "RACER@example.org");
                    String password = "wrong guess " + i;
                    futures.add(pool.submit(() -> {
                        go.await();
                        return login(http, field, name, password).status();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : futures) {
                    statuses.add(f.get());
                }
                pool.shutdown();
                long checked = statuses.stream().filter(s -> s == 401).count();
                assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 429), statuses.toString());
                assertTrue(checked <= 3, checked + " of 8 parallel guesses were checked: " + statuses);
                for (long i = checked; i < 3; i++) {
                    assertEquals(401, login(http, "username", "racer", WRONG).status());
                }
                assertEquals(429, login(http, "email", "racer@example.org", Seed.PASSWORD).status());
            }
        }
    }

    /**
     * Audit rows of hostile names read back from each engine: escapes for controls, bidi
     * characters and a lone surrogate; emoji (outside the BMP, utf8mb4 on MariaDB) kept; an
     * over-long name cut at the column without splitting a surrogate pair.
     */
    @ParameterizedTest
    @MethodSource("databasesAndContainers")
    void auditRowsOfHostileNamesAreStoredEscapedOnEveryEngine(RealDatabase db, Container container) throws Exception {
        String smile = "\uD83D\uDE00";
        try (RealDatabase.Schema schema = db.create()) {
            Map<String, String> params = params(schema);
            params.put("jwtgate.basic-auth", "allow");
            try (Container.Running app = container.start(params, dir)) {
                Http http = app.http();
                assertEquals(401, login(http, "username", "eve\r\n\u001b\u202e" + smile + " user=admin",
                        WRONG).status());
                // A JSON escape: the client's own encoder would turn a raw lone surrogate into '?'.
                assertEquals(401, http.postJson("/auth/login",
                        "{\"username\":\"lone\\ud800\",\"password\":\"" + WRONG + "\"}").status());
                assertEquals(401, login(http, "username", "a" + smile.repeat(300), WRONG).status());
                String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                        ("mallory\u202e\u0085" + smile + ":" + WRONG).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(401, http.get("/api/hello", "Authorization", basic).status());
            }
            List<String> names = new ArrayList<>();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(schema.url(), schema.user(), "");
                    java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery(
                            "SELECT username FROM jwtgate_audit_events WHERE event = 'login_failure'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            assertEquals(Set.of("eve\\u000d\\u000a\\u001b\\u202e" + smile + " user=admin", "lone\\ud800",
                    "a" + smile.repeat(199), "mallory\\u202e\\u0085" + smile), Set.copyOf(names));
            assertEquals(4, names.size(), names.toString());
        }
    }
}
