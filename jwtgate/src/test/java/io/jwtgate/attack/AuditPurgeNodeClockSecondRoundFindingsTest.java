package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.config.Settings;
import io.jwtgate.session.RetentionPurge;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.Database;
import io.jwtgate.store.LoginFailureStore;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.store.SessionStore;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestDatabase;
import io.jwtgate.support.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding S3 of the second review of issue 13: audit events are stamped and purged in the node's
 * time, so one node whose clock runs ahead erases the whole cluster's recent audit trail.
 *
 * <p>{@code AuditLog.record} stamps {@code occurred_at} with the recording node's clock, and
 * {@code RetentionPurge} cuts at the purging node's {@code clock.millis() - jwtgate.audit.retention}.
 * The purge runs on whichever node holds the lease (decision 482). A node whose clock is ahead by
 * more than the retention less the age of an event deletes that event, recorded by any node; one
 * ahead by X shortens the retention of every event by X. Decision 530 moved login failures to the
 * database's time for the same reason (F8), and the revocation log and leases were already there;
 * the audit log is the one shared, time-windowed table still in node time (and the session purge,
 * {@code sessions.purgeExpired(now)}, deletes refresh tokens by the purging node's clock as well,
 * ending sessions early by X).
 *
 * <p>Impact: the audit trail (logins, lockouts, revocations) is what an incident is investigated
 * from, days later (decision 457). A node with a clock days ahead (a VM with a broken clock source,
 * a wrong NTP server) silently deletes it for every node at its next purge. An attacker who can
 * push one node's clock ahead (e.g. NTP spoofing) can erase the evidence of a brute force.
 *
 * <p>Expected: an event younger than the retention in the database's time survives a purge run by
 * any node, whatever its clock; i.e. stamp {@code occurred_at} with {@code ${now}} and cut at the
 * database's now less the retention, as decision 530 does for login failures. The test records
 * events over HTTP on one node with a correct clock, then runs the purge of a node of the same
 * store whose clock is three days ahead, with the shortest retention allowed (one day).
 */
class AuditPurgeNodeClockSecondRoundFindingsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aNodeWhoseClockRunsAheadDoesNotPurgeAuditEventsInsideTheRetention(Container container, RealDatabase server)
            throws Exception {
        try (RealDatabase.Schema schema = server.create()) {
            String url = TestDatabase.withUser(schema);
            Map<String, String> params = TestSettings.params(Files.createTempDirectory(dir, "a"));
            params.put("jwtgate.jdbc.url", url);
            params.put("jwtgate.rules", "/** -> authenticated");
            params.put("jwtgate.audit.retention", "P1D");
            Seed.users(params);
            try (Container.Running node = container.start(params, Files.createTempDirectory(dir, "wa"))) {
                Http http = node.http();
                assertEquals(200, http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\""
                        + Seed.PASSWORD + "\"}").status());
                assertEquals(401, http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"a wrong guess\"}")
                        .status());
            }
            long before = auditEvents(url);
            assertTrue(before >= 2, "the login and the failure were audited: " + before);

            MutableClock ahead = new MutableClock(Instant.now().plus(Duration.ofDays(3)));
            Settings settings = TestSettings.settings(params);
            try (Database db = Database.open(settings, ahead)) {
                new RetentionPurge(db, new RevocationStore(db), new SessionStore(db), new LoginFailureStore(db),
                        new AuditLog(db, ahead), ahead, settings.login().loginFailureRetention(),
                        settings.store().auditRetention()).run();
            }
            assertEquals(before, auditEvents(url), "a purge run by a node whose clock is 3 days ahead deleted"
                    + " audit events recorded seconds ago by another node, inside the 1-day retention");
        }
    }

    private static long auditEvents(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM jwtgate_audit_events");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
