package io.jwtgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.JwtGate;
import io.jwtgate.json.StrictJson;
import io.jwtgate.login.PasswordHasher;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store left at every earlier schema version, with a user, a refresh session, a revocation and a
 * name's login failures in it, is upgraded by the latest JwtGate, and all of them still work: the user
 * logs in, the session refreshes, the revocation holds, the failures keep the name locked out (as
 * failures, not as attempts in flight: decision 570). Runs on the engine of {@code test.jwtgate.database} (H2 by
 * default; the postgresql and mariadb surefire executions run it on the real servers).
 */
class SchemaMigrationOnEveryEngineTest {

    private static final String REFRESH_TOKEN = "MigratedRefreshTokenAAAAAAAAAAAAAAAAAAAAAAA";
    private static final int MAX_FAILURES = 3;

    static IntStream earlierVersions() {
        return IntStream.range(1, Schema.latestVersion());
    }

    @ParameterizedTest(name = "from schema version {0}")
    @MethodSource("earlierVersions")
    void aStoreOfAnEarlierVersionIsUpgradedAndItsUserSessionAndRevocationStillWork(int version) throws Exception {
        Path dir = Files.createTempDirectory("jwtgate-migration-" + version);
        Map<String, String> params = TestSettings.params(dir);
        params.put("jwtgate.login.max-failures", Integer.toString(MAX_FAILURES));
        MutableClock clock = new MutableClock(Instant.now());
        long now = clock.millis();
        String jti = "revoked-at-version-" + version;
        try (Database db = Database.openWithoutMigrating(TestSettings.settings(params))) {
            Schema.migrateUpTo(db, clock, version);
            assertEquals(version, db.schemaVersion());
            try (Connection c = db.connection()) {
                String userId = UUID.randomUUID().toString();
                EngineRows.insert(c, "INSERT INTO jwtgate_users (id, username, email, password_hash, roles, enabled,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", userId, "olduser",
                        "olduser@example.com", new PasswordHasher(10).hash(Seed.PASSWORD), "user", true, now, now);
                if (version >= 2) {
                    // Version 1 held the users only; sessions and revocations came with version 2.
                    EngineRows.insert(c, "INSERT INTO jwtgate_refresh_tokens (token_hash, session_id, user_id, scopes,"
                            + " created_at, expires_at, session_expires_at, spent_at, revoked)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)", sha256(REFRESH_TOKEN),
                            "session-of-version-" + version, userId, "messages:read", now,
                            now + Duration.ofDays(1).toMillis(), now + Duration.ofDays(7).toMillis(), false);
                    // From version 9 on revocations are appended to the log; before it they lived in
                    // jwtgate_revocations, which migration 9 copies into the log.
                    String table = version >= 9 ? "jwtgate_revocation_log" : "jwtgate_revocations";
                    EngineRows.insert(c, "INSERT INTO " + table + " (kind, token_value, created_at, expires_at)"
                            + " VALUES (?, ?, ?, ?)", RevocationStore.TOKEN, jti, now,
                            now + Duration.ofHours(1).toMillis());
                }
                // The failure table came with version 2 too; its rows name the node-clock time, close enough to
                // the database's on one host for a five-minute window.
                if (version >= 2) {
                    for (int i = 0; i < MAX_FAILURES; i++) {
                        EngineRows.insert(c, "INSERT INTO jwtgate_login_failures (scope, subject, failed_at)"
                                + " VALUES (?, ?, ?)", LoginFailureStore.NAME, "lockedname", now - 1000 * i);
                    }
                }
            }
        }

        try (Container.Running app = Container.JETTY.start(params, dir)) {
            Http http = app.http();
            Http.Response login = http.postJson("/auth/login",
                    "{\"username\":\"olduser\",\"password\":\"" + Seed.PASSWORD + "\"}");
            assertEquals(200, login.status(), login.body());
            assertEquals(200, http.bearerGet("/auth/me", json(login).get("access_token").textValue()).status());
            if (version >= 2) {
                Http.Response refreshed = http.postJson("/auth/refresh",
                        "{\"refresh_token\":\"" + REFRESH_TOKEN + "\"}");
                assertEquals(200, refreshed.status(), refreshed.body());
                Http.Response me = http.bearerGet("/auth/me", json(refreshed).get("access_token").textValue());
                assertEquals(200, me.status(), me.body());
                assertTrue(me.body().contains("olduser"), me.body());
                Http.Response locked = http.postJson("/auth/login",
                        "{\"username\":\"lockedname\",\"password\":\"" + Seed.PASSWORD + "\"}");
                assertEquals(429, locked.status(), locked.body());
                assertTrue(Long.parseLong(locked.header("Retry-After")) > 60, "the lockout's Retry-After, not a wait"
                        + " for attempts in flight: " + locked.header("Retry-After"));
            }
        }

        try (Database db = Database.openWithoutMigrating(TestSettings.settings(params));
                Connection c = db.connection()) {
            assertEquals(Schema.latestVersion(), db.schemaVersion());
            assertEquals(EngineRows.oneRowPerVersion(), EngineRows.schemaRows(db));
            assertEquals(version >= 2 ? 1 : 0, EngineRows.count(c, "SELECT COUNT(*) FROM jwtgate_revocation_log"
                    + " WHERE kind = ? AND token_value = ?", RevocationStore.TOKEN, jti),
                    "the revocation is carried into the log once");
        }
        if (version >= 2) {
            // Revocation state is read from the log: a row of the old table (carried over by migration 9) and
            // one appended at version 9 both refuse their token after the upgrade.
            try (JwtGate gate = JwtGate.start(TestSettings.settings(params))) {
                assertTrue(gate.revocations().isRevoked(jti, null), "the revocation written at version " + version
                        + " holds");
            }
        }
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
