package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.config.LegacyTable;
import io.jwtgate.legacy.LegacyRealm;
import io.jwtgate.legacy.RealmAdoption;
import io.jwtgate.password.LegacyCredentials;
import io.jwtgate.password.TomcatDigest;
import io.jwtgate.rules.RoleScopes;
import io.jwtgate.session.Revocations;
import io.jwtgate.session.SessionService;
import io.jwtgate.session.TokenPair;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import io.jwtgate.support.TestSettings;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import io.jwtgate.web.AuthOutcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mindrot.jbcrypt.BCrypt;

/**
 * No pooled connection is checked out while bcrypt runs, on any path that hashes or checks a password:
 * with a pool of two connections, logins are then bounded by bcrypt alone (issue 14). Proved by what
 * the pool says, not by timing: the real bcrypt is wrapped, and each hash and check records how many
 * of the pool's connections are in use as it starts. Everything runs on this one thread, so any
 * connection in use then is one this very call path holds. Real H2, real jbcrypt at a low cost.
 */
class BcryptOutsideConnectionsTest {

    private static final int COST = 5;
    private static final String ADDRESS = "192.0.2.40";
    private static final String AUDIENCE = "bcrypt-test";
    private static final String PASSWORD = "Violet-harbour-Quince-4817";
    private static final String NEW_PASSWORD = "Lantern-meadow-Osprey-2093";

    @TempDir
    Path dir;

    private HikariDataSource pool;
    private Database db;
    private Clock clock;
    private ConnectionsSeenByBcrypt bcrypt;
    private PasswordHasher hasher;
    private UserStore users;
    private AuditLog audit;
    private LoginFailureStore failures;
    private LoginThrottle throttle;
    private Accounts accounts;
    private Revocations revocations;
    private SessionService sessions;
    private AccessTokenVerifier verifier;

    /** Real jbcrypt; records the pool's connections in use each time the slow work starts. */
    private static final class ConnectionsSeenByBcrypt implements Bcrypt {
        private final HikariPoolMXBean pool;
        private final List<Integer> inUse = Collections.synchronizedList(new ArrayList<>());

        ConnectionsSeenByBcrypt(HikariPoolMXBean pool) {
            this.pool = pool;
        }

        @Override
        public String hash(String password, int cost, SecureRandom random) {
            inUse.add(pool.getActiveConnections());
            return Bcrypt.JBCRYPT.hash(password, cost, random);
        }

        @Override
        public boolean check(String password, String hash) {
            inUse.add(pool.getActiveConnections());
            return Bcrypt.JBCRYPT.check(password, hash);
        }

        List<Integer> during(Runnable action) {
            inUse.clear();
            action.run();
            return List.copyOf(inUse);
        }
    }

    @BeforeEach
    void open() {
        clock = Clock.systemUTC();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("store") + ";DB_CLOSE_ON_EXIT=FALSE");
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        db = Database.wrap(pool, clock);
        bcrypt = new ConnectionsSeenByBcrypt(pool.getHikariPoolMXBean());
        hasher = new PasswordHasher(COST, bcrypt);
        users = new UserStore(db, clock, UsernameKey::of);
        audit = new AuditLog(db, clock);
        failures = new LoginFailureStore(db);
        throttle = new LoginThrottle(failures, audit, 5, Duration.ofMinutes(5), 50, 64);
        accounts = new Accounts(users, hasher, new PasswordStrength(0, "jwtgate"), UsernamePolicy.standard());
        revocations = new Revocations(new RevocationStore(db), clock, Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofMinutes(6));
        revocations.refresh();
        KeyRing keys = KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes()));
        RoleScopes roleScopes = roleScopes();
        sessions = new SessionService(new AccessTokenIssuer(keys, "jwtgate", AUDIENCE, clock), new SessionStore(db),
                revocations, users, roleScopes, audit, clock, Duration.ofMinutes(5), Duration.ofDays(1),
                Duration.ofDays(7), 10, AUDIENCE);
        verifier = new AccessTokenVerifier(keys, "jwtgate", AUDIENCE, Duration.ofSeconds(30), Duration.ofHours(1), clock,
                revocations);
    }

    @AfterEach
    void close() {
        db.close();
        pool.close();
    }

    private static RoleScopes roleScopes() {
        return RoleScopes.parse("user=messages:read");
    }

    private LoginService login(CredentialChecker credentials) {
        return new LoginService(credentials, throttle, sessions, roleScopes(), audit);
    }

    private LoginService login() {
        return login(new CredentialChecker(users, hasher));
    }

    private User seed(String name) {
        return accounts.create(name, name + "@example.org", PASSWORD, Set.of("user"));
    }

    /** The action hashed at least once, and never with a connection of the pool in use. */
    private void assertHashedWithoutConnections(String path, Runnable action) {
        List<Integer> inUse = bcrypt.during(action);
        assertFalse(inUse.isEmpty(), path + ": no bcrypt ran");
        assertTrue(inUse.stream().allMatch(n -> n == 0), path + ": connections in use at each bcrypt: " + inUse);
        assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), path + ": a connection was left open");
    }

    @Test
    void theProbeSeesAConnectionHeldAroundAHash() throws Exception {
        List<Integer> inUse;
        try (Connection held = db.connection()) {
            inUse = bcrypt.during(() -> hasher.hash(PASSWORD));
            assertFalse(held.isClosed());
        }
        assertEquals(List.of(1), inUse);
    }

    @Test
    void aLoginChecksItsPasswordWithNoConnectionHeld() {
        seed("alice");
        assertHashedWithoutConnections("login by name", () ->
                login().login(new LoginRequest("alice", null, PASSWORD, null), ADDRESS));
        assertHashedWithoutConnections("login by email", () ->
                login().login(new LoginRequest(null, "alice@example.org", PASSWORD, null), ADDRESS));
        assertHashedWithoutConnections("servlet login", () ->
                login().checkServletLogin("alice", PASSWORD, ADDRESS));
    }

    @Test
    void aWrongPasswordAndAnUnknownNameAreCheckedWithNoConnectionHeld() {
        seed("bruno");
        assertHashedWithoutConnections("wrong password", () -> assertThrows(LoginFailedException.class,
                () -> login().login(new LoginRequest("bruno", null, "not-his-password", null), ADDRESS)));
        assertHashedWithoutConnections("unknown name (the dummy hash)", () -> assertThrows(LoginFailedException.class,
                () -> login().login(new LoginRequest("nobody", null, PASSWORD, null), ADDRESS)));
        // The failures were still counted, between the checks.
        assertEquals(1, failures.ages(LoginFailureStore.USER, users.findByUsername("bruno").orElseThrow().id(),
                Duration.ofMinutes(5), 10).size());
    }

    @Test
    void aHashOfAnotherCostIsReplacedAtLoginWithNoConnectionHeld() {
        User user = accounts.createWithHash("carol", null, BCrypt.hashpw(PASSWORD, BCrypt.gensalt(4)), Set.of("user"),
                Accounts.NameCheck.CHARACTER_SET);
        List<Integer> inUse = bcrypt.during(() -> login().login(new LoginRequest("carol", null, PASSWORD, null), ADDRESS));
        // The check (with the dummy work that makes up the cheaper cost), then the new hash.
        assertTrue(inUse.size() >= 3 && inUse.stream().allMatch(n -> n == 0), "connections in use: " + inUse);
        String stored = users.findById(user.id()).orElseThrow().passwordHash();
        assertTrue(stored.startsWith("$2a$0" + COST + "$"), "the hash was not replaced by one of cost " + COST);
    }

    @Test
    void aLegacyDigestIsReplacedAtLoginWithNoConnectionHeld() throws Exception {
        String sha = "{SHA}" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-1").digest(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        User user = accounts.createWithHash("dora", null, sha, Set.of("user"), Accounts.NameCheck.CHARACTER_SET);
        assertHashedWithoutConnections("legacy digest upgrade", () ->
                login().login(new LoginRequest("dora", null, PASSWORD, null), ADDRESS));
        assertTrue(BCrypt.checkpw(PASSWORD, users.findById(user.id()).orElseThrow().passwordHash()));
    }

    @Test
    void aRealmUserIsAdoptedWithNoConnectionHeld() throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE realm_users (user_name VARCHAR(100) PRIMARY KEY, user_pass VARCHAR(200))");
            s.execute("INSERT INTO realm_users VALUES ('erik', '" + PASSWORD + "')");
        }
        LegacyRealm realm = new LegacyRealm(db, new LegacyTable("realm_users", "user_name", "user_pass", null, null));
        realm.verify();
        CredentialChecker credentials = new CredentialChecker(users, hasher,
                new RealmAdoption(realm, new LegacyCredentials(true, TomcatDigest.AUTO, COST), hasher, users));
        assertHashedWithoutConnections("realm adoption", () ->
                login(credentials).login(new LoginRequest("erik", null, PASSWORD, null), ADDRESS));
        assertTrue(users.findByUsername("erik").isPresent());
    }

    @Test
    void aBasicCheckRunsBcryptWithNoConnectionHeld() {
        seed("fiona");
        StoreBasicChecker basic = new StoreBasicChecker(new CredentialChecker(users, hasher), roleScopes(), throttle,
                new BasicCache(clock), new BasicFailureAudit(audit, clock, Duration.ofMinutes(5), 64));
        assertHashedWithoutConnections("Basic, right password", () ->
                assertInstanceOf(AuthOutcome.Authenticated.class, basic.check("fiona", PASSWORD, ADDRESS)));
        assertHashedWithoutConnections("Basic, wrong password", () ->
                assertInstanceOf(AuthOutcome.Rejected.class, basic.check("fiona", "not-her-password", ADDRESS)));
    }

    @Test
    void aRegistrationHashesWithNoConnectionHeld() {
        Registration registration = new Registration(accounts, Set.of("user"), audit,
                new RegistrationThrottle(failures, audit, 20, Duration.ofHours(1), 64));
        assertHashedWithoutConnections("registration", () ->
                registration.register("gustav", "gustav@example.org", PASSWORD, ADDRESS));
        assertTrue(users.findByUsername("gustav").isPresent());
    }

    @Test
    void aPasswordChangeChecksAndHashesWithNoConnectionHeld() {
        seed("hanna");
        TokenPair tokens = login().login(new LoginRequest("hanna", null, PASSWORD, null), ADDRESS);
        JwtGateAuthentication caller = JwtGateAuthentication.bearer(verifier.verify(tokens.access().token()));
        PasswordChange change = new PasswordChange(users, new CredentialChecker(users, hasher), accounts, throttle,
                new BasicCache(clock), sessions, revocations, audit);
        List<Integer> inUse = bcrypt.during(() -> change.change(caller, PASSWORD, NEW_PASSWORD, ADDRESS));
        // The current password's check and the new password's hash.
        assertEquals(List.of(0, 0), inUse);
        assertTrue(BCrypt.checkpw(NEW_PASSWORD, users.findByUsername("hanna").orElseThrow().passwordHash()));
    }

    @Test
    void accountsMadeOrChangedByTheOperatorAreHashedWithNoConnectionHeld() {
        assertHashedWithoutConnections("create", () -> seed("ivan"));
        assertHashedWithoutConnections("create with an existing password", () -> accounts.createWithExistingPassword(
                "jana", null, "short", Set.of("user"), Accounts.NameCheck.CHARACTER_SET));
        User ivan = users.findByUsername("ivan").orElseThrow();
        assertHashedWithoutConnections("set password", () -> accounts.setPassword(ivan, NEW_PASSWORD));
    }
}
