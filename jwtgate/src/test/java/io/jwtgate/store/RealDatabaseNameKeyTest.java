package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.login.UsernameKey;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The look-alike key of usernames ({@code jwtgate_users.name_key}, decisions 88 and 91) on H2 and
 * on real PostgreSQL and MariaDB servers: the unique index, racing creations, and the backfill of
 * accounts stored before the key existed.
 */
class RealDatabaseNameKeyTest {

    private static final List<String> RACERS = List.of("racer", "Racer", "RACER", "r\u0430cer", "\uff52\uff41\uff43\uff45\uff52",
            "race\u0155", "r\u0430c\u0435r", "rac\u00e9r");

    @TempDir
    Path dir;

    /** One store: the H2 default or a fresh schema on a real server. */
    private interface Store extends AutoCloseable {
        Map<String, String> params();

        Connection connect() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    private Store h2() {
        Map<String, String> p = TestSettings.params(dir);
        return new Store() {
            public Map<String, String> params() {
                return p;
            }

            public Connection connect() throws SQLException {
                return DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve(TestSettings.APP_STORE)
                        + ";DB_CLOSE_ON_EXIT=FALSE");
            }

            public void close() {
            }
        };
    }

    private Store real(RealDatabase db) {
        RealDatabase.Schema schema = db.create();
        Map<String, String> p = TestSettings.params(dir);
        p.put("jwtgate.jdbc.url", schema.url());
        p.put("jwtgate.jdbc.username", schema.user());
        return new Store() {
            public Map<String, String> params() {
                return p;
            }

            public Connection connect() throws SQLException {
                return DriverManager.getConnection(schema.url(), schema.user(), "");
            }

            public void close() throws SQLException {
                schema.close();
            }
        };
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void lookAlikeCreationsRacingEachOtherLeaveExactlyOneAccount(RealDatabase db) throws Exception {
        try (Store store = real(db)) {
            race(store);
        }
    }

    @Test
    void lookAlikeCreationsRacingEachOtherLeaveExactlyOneAccountOnH2() throws Exception {
        race(h2());
    }

    private static void race(Store store) throws Exception {
        try (JwtGate gate = JwtGate.start(TestSettings.settings(store.params()))) {
            ExecutorService pool = Executors.newFixedThreadPool(RACERS.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (String name : RACERS) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        gate.accounts().create(name, null, "a fine password", Set.of("user"));
                        return "created";
                    } catch (DuplicateUserException e) {
                        return "duplicate";
                    }
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            assertEquals(1, outcomes.stream().filter("created"::equals).count(), outcomes.toString());
            assertEquals(RACERS.size() - 1, outcomes.stream().filter("duplicate"::equals).count(), outcomes.toString());
        }
        try (Connection c = store.connect();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM jwtgate_users WHERE name_key = ?")) {
            p.setString(1, UsernameKey.of("racer"));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void theUniqueIndexRefusesASecondRowWithTheSameKey(RealDatabase db) throws Exception {
        try (Store store = real(db)) {
            uniqueIndex(store);
        }
    }

    @Test
    void theUniqueIndexRefusesASecondRowWithTheSameKeyOnH2() throws Exception {
        uniqueIndex(h2());
    }

    /** Past the look-up that {@link UserStore#create} makes first: only the index can refuse this. */
    private static void uniqueIndex(Store store) throws Exception {
        JwtGate.start(TestSettings.settings(store.params())).close();
        try (Connection c = store.connect()) {
            insert(c, "first", "first", 1, UsernameKey.of("first"));
            SQLException e = assertThrows(SQLException.class, () -> insert(c, "second", "FIRST", 2, UsernameKey.of("FIRST")));
            assertTrue(e.getSQLState().startsWith("23"), e.getSQLState());
            insert(c, "legacy-a", "x1", 3, null);
            insert(c, "legacy-b", "x2", 4, null);
        }
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void accountsStoredBeforeTheKeyAreBackfilledOldestFirstAndLookAlikesAmongThemWarnedAbout(RealDatabase db)
            throws Exception {
        try (Store store = real(db)) {
            backfill(store);
        }
    }

    @Test
    void accountsStoredBeforeTheKeyAreBackfilledOldestFirstAndLookAlikesAmongThemWarnedAboutOnH2() throws Exception {
        backfill(h2());
    }

    private static void backfill(Store store) throws Exception {
        JwtGate.start(TestSettings.settings(store.params())).close();
        String hash = org.mindrot.jbcrypt.BCrypt.hashpw("a fine password", org.mindrot.jbcrypt.BCrypt.gensalt(10));
        try (Connection c = store.connect()) {
            insert(c, "old-carol", "carol", 1, null, hash);
            insert(c, "young-carol", "CAROL", 2, null, hash);
            insert(c, "other-dave", "dave", 3, null, hash);
        }
        for (int start = 1; start <= 2; start++) {
            long before = warnings();
            try (JwtGate gate = JwtGate.start(TestSettings.settings(store.params()))) {
                assertEquals(before + 1, warnings(), "one warning per legacy collision and start");
                assertEquals("CAROL", gate.accounts().findByUsername("CAROL").orElseThrow().username());
                assertEquals("carol", gate.accounts().findByUsername("carol").orElseThrow().username());
                assertThrows(DuplicateUserException.class,
                        () -> gate.accounts().create("Carol", null, "a fine password", Set.of()));
                assertThrows(DuplicateUserException.class,
                        () -> gate.accounts().create("Dave", null, "a fine password", Set.of()));
            }
        }
        try (Connection c = store.connect();
                PreparedStatement p = c.prepareStatement("SELECT id, name_key FROM jwtgate_users ORDER BY created_at")) {
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertEquals(UsernameKey.of("carol"), rs.getString(2));
                rs.next();
                assertNull(rs.getString(2), "the younger look-alike keeps no key");
                rs.next();
                assertNotNull(rs.getString(2));
            }
        }
    }

    private static long warnings() {
        return LogCapture.lines().stream().filter(l -> l.contains("WARNING") && l.contains("young-carol")
                && l.contains("old-carol") && !l.contains("CAROL")).count();
    }

    static Stream<Arguments> databasesAndContainers() {
        List<Arguments> all = new ArrayList<>();
        for (RealDatabase db : RealDatabase.values()) {
            for (Container container : Container.values()) {
                all.add(Arguments.of(db, container));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("databasesAndContainers")
    void registeringALookAlikeOrAnOverlongNameOverHttpGets409Or422(RealDatabase db, Container container) throws Exception {
        try (Store store = real(db)) {
            Map<String, String> params = store.params();
            params.put("jwtgate.register.enabled", "true");
            try (Container.Running app = container.start(params, dir)) {
                Http http = app.http();
                assertEquals(201, register(http, "admin").status());
                for (String name : List.of("Admin", "ADMIN", "\u0430dmin", "\uff41\uff44\uff4d\uff49\uff4e", "admi\u0144", "adrnin")) {
                    assertEquals(409, register(http, name).status(), name);
                }
                assertEquals(422, register(http, "<svg/onload=alert(document.domain)>").status());
                assertEquals(201, register(http, "root").status());
                for (String name : List.of("r00t", "rO0t", "ROOT", "root.", "_root")) {
                    assertEquals(409, register(http, name).status(), name);
                }
                String gothic = new String(Character.toChars(0x10330));
                assertEquals(201, register(http, gothic.repeat(50)).status(), "100 UTF-16 units, 50 code points");
                assertEquals(422, register(http, gothic.repeat(51)).status(), "one unit over on H2, refused everywhere");
            }
        }
    }

    private static Http.Response register(Http http, String name) {
        return http.postJson("/auth/register", StrictJson.mapper().createObjectNode().put("username", name)
                .put("password", "plum Vortex 93 quietly").toString());
    }

    private static void insert(Connection c, String id, String name, long created, String key) throws SQLException {
        insert(c, id, name, created, key, "$2a$10$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva");
    }

    private static void insert(Connection c, String id, String name, long created, String key, String hash)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO jwtgate_users (id, username, email, password_hash,"
                + " roles, enabled, created_at, updated_at, name_key) VALUES (?, ?, NULL, ?, 'user', ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, name);
            p.setString(3, hash);
            p.setBoolean(4, true);
            p.setLong(5, created);
            p.setLong(6, created);
            p.setString(7, key);
            p.executeUpdate();
        }
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void theSchemaStepOfTheSecondRoundRecomputesEveryKeyAtStart(RealDatabase db) throws Exception {
        try (Store store = real(db)) {
            recompute(store);
        }
    }

    @Test
    void theSchemaStepOfTheSecondRoundRecomputesEveryKeyAtStartOnH2() throws Exception {
        recompute(h2());
    }

    /**
     * A database written by the first round: keys computed the old way (aIice apart from alice), and the
     * schema one step behind. The next start forgets them and computes them again (decision 137).
     */
    private static void recompute(Store store) throws Exception {
        JwtGate.start(TestSettings.settings(store.params())).close();
        try (Connection c = store.connect()) {
            insert(c, "old-alice", "alice", 1, "old-key-of-alice");
            insert(c, "young-aIice", "aIice", 2, "old-key-of-aIice");
            // Step 7 forgets the keys of the first round; the steps after it (issue 11 on) are idempotent DDL
            // that runs again with it.
            try (PreparedStatement p = c.prepareStatement("DELETE FROM jwtgate_schema WHERE version >= 7")) {
                assertTrue(p.executeUpdate() >= 1);
            }
        }
        try (JwtGate gate = JwtGate.start(TestSettings.settings(store.params()))) {
            assertThrows(DuplicateUserException.class,
                    () -> gate.accounts().create("AIice", null, "a fine password", Set.of()));
        }
        try (Connection c = store.connect();
                PreparedStatement p = c.prepareStatement("SELECT name_key FROM jwtgate_users ORDER BY created_at")) {
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                assertEquals(UsernameKey.of("alice"), rs.getString(1));
                rs.next();
                assertNull(rs.getString(1), "aIice is now a legacy look-alike of alice");
            }
        }
        assertTrue(LogCapture.lines().stream().anyMatch(l -> l.contains("WARNING") && l.contains("young-aIice")
                && l.contains("old-alice")));
    }

    @ParameterizedTest
    @EnumSource(RealDatabase.class)
    void aValueTooLongForItsColumnIsTheCallersFaultAndNeverLogged(RealDatabase db) throws Exception {
        try (Store store = real(db)) {
            tooLong(store);
        }
    }

    @Test
    void aValueTooLongForItsColumnIsTheCallersFaultAndNeverLoggedOnH2() throws Exception {
        tooLong(h2());
    }

    /** Past the rules in front of the store (an altered column would do the same): SQLState 22001. */
    private static void tooLong(Store store) {
        String name = "overlong" + "x".repeat(93);
        try (Database database = Database.open(TestSettings.settings(store.params()), Clock.systemUTC())) {
            UserStore users = new UserStore(database, Clock.systemUTC(), UsernameKey::of);
            assertThrows(ValueTooLongException.class, () -> users.create(name, null, "$2a$10$x", Set.of("user")));
            assertTrue(users.findByUsername(name).isEmpty());
        }
        assertTrue(LogCapture.lines().stream().noneMatch(l -> l.contains("overlongxxx")), "the value is not logged");
    }
}
