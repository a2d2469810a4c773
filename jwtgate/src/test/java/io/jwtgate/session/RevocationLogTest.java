package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.store.Database;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.SharedLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The revocation log read incrementally (issue 13 item 3) by two nodes, each with its own pool, on
 * H2, PostgreSQL and MariaDB: start-up loads the unexpired rows, a refresh reads only what is new,
 * a row that commits after a higher-numbered one is still picked up.
 */
class RevocationLogTest {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration HOUR = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(Instant.now());

    /** Two nodes on one store. */
    private final class Nodes implements AutoCloseable {
        final SharedLog log;
        final HikariDataSource poolA;
        final HikariDataSource poolB;
        final Revocations a;
        final Revocations b;
        final List<String> credentialsSeenByB = new ArrayList<>();

        Nodes(SharedLog.Engine engine) {
            log = SharedLog.on(engine);
            poolA = log.pool(2);
            poolB = log.pool(2);
            a = revocations(SharedLog.node(poolA, clock));
            b = revocations(SharedLog.node(poolB, clock));
            b.onCredentialsChanged(credentialsSeenByB::add);
            a.refresh();
            b.refresh();
        }

        Revocations restartB() {
            Revocations again = revocations(SharedLog.node(poolB, clock));
            again.refresh();
            return again;
        }

        @Override
        public void close() throws java.sql.SQLException {
            poolA.close();
            poolB.close();
            log.close();
        }
    }

    private Revocations revocations(Database db) {
        return new Revocations(new RevocationStore(db), clock, INTERVAL, HOUR, Duration.ofMinutes(6),
                Duration.ofSeconds(60));
    }

    private long expiry() {
        return clock.millis() + Duration.ofMinutes(15).toMillis();
    }

    @ParameterizedTest
    @EnumSource(SharedLog.Engine.class)
    void aRevocationOnOneNodeReachesTheOtherWithItsNextRefreshWhichReadsOnlyNewRows(SharedLog.Engine engine)
            throws Exception {
        try (Nodes nodes = new Nodes(engine)) {
            nodes.a.revokeToken("jti-1", expiry());
            nodes.a.revokeSession("sid-1", expiry());
            assertFalse(nodes.b.isRevoked("jti-1", null), "not before B refreshes");
            nodes.b.refresh();
            assertTrue(nodes.b.isRevoked("jti-1", null));
            assertTrue(nodes.b.isRevoked("other", "sid-1"));
            long high = nodes.b.logHighWater();
            assertEquals(2, high - firstSeq(nodes) + 1, "two rows read");
            nodes.a.revokeToken("jti-2", expiry());
            nodes.b.refresh();
            assertTrue(nodes.b.isRevoked("jti-2", null));
            assertEquals(high + 1, nodes.b.logHighWater());
            assertEquals(0, nodes.b.logGaps());
        }
    }

    @ParameterizedTest
    @EnumSource(SharedLog.Engine.class)
    void revokingAgainAppendsARowAndAPasswordChangedTwiceIsToldTwice(SharedLog.Engine engine) throws Exception {
        try (Nodes nodes = new Nodes(engine)) {
            nodes.a.revokeToken("jti-1", expiry());
            nodes.a.revokeToken("jti-1", expiry());
            nodes.a.credentialsChanged("user-7");
            nodes.b.refresh();
            assertEquals(3, rows(nodes));
            assertEquals(1, nodes.b.size());
            assertEquals(List.of("user-7"), nodes.credentialsSeenByB);
            nodes.b.refresh();
            assertEquals(List.of("user-7"), nodes.credentialsSeenByB, "a row read before is not told again");
            nodes.a.credentialsChanged("user-7");
            nodes.b.refresh();
            assertEquals(List.of("user-7", "user-7"), nodes.credentialsSeenByB);
        }
    }

    @ParameterizedTest
    @EnumSource(SharedLog.Engine.class)
    void aRowCommittedAfterAHigherNumberedOneIsStillRead(SharedLog.Engine engine) throws Exception {
        try (Nodes nodes = new Nodes(engine); Connection slow = nodes.log.connect()) {
            slow.setAutoCommit(false);
            insert(slow, "late");
            nodes.a.revokeToken("early", expiry());
            nodes.b.refresh();
            assertTrue(nodes.b.isRevoked("early", null));
            assertFalse(nodes.b.isRevoked("late", null), "not committed yet");
            assertEquals(1, nodes.b.logGaps(), "the uncommitted number is awaited");
            slow.commit();
            nodes.b.refresh();
            assertTrue(nodes.b.isRevoked("late", null), "picked up below the high-water mark");
            assertEquals(0, nodes.b.logGaps());
        }
    }

    @ParameterizedTest
    @EnumSource(SharedLog.Engine.class)
    void aRolledBackInsertLeavesAGapThatIsAwaitedButDoesNotHideLaterRows(SharedLog.Engine engine) throws Exception {
        try (Nodes nodes = new Nodes(engine); Connection slow = nodes.log.connect()) {
            slow.setAutoCommit(false);
            insert(slow, "never");
            slow.rollback();
            nodes.a.revokeToken("after", expiry());
            nodes.b.refresh();
            nodes.a.revokeToken("later", expiry());
            nodes.b.refresh();
            assertTrue(nodes.b.isRevoked("after", null));
            assertTrue(nodes.b.isRevoked("later", null));
            assertFalse(nodes.b.isRevoked("never", null));
            assertEquals(1, nodes.b.logGaps(), "awaited until the grace period of database time passes");
        }
    }

    @ParameterizedTest
    @EnumSource(SharedLog.Engine.class)
    void aRestartLoadsOnlyUnexpiredRowsAndExpiredEntriesLeaveMemory(SharedLog.Engine engine) throws Exception {
        try (Nodes nodes = new Nodes(engine)) {
            nodes.a.revokeToken("short", clock.millis());
            nodes.a.revokeToken("long", expiry());
            nodes.b.refresh();
            assertEquals(2, nodes.b.size());
            ageRows(nodes, Duration.ofMinutes(11));
            Revocations restarted = nodes.restartB();
            assertEquals(1, restarted.size(), "the row past its 10-minute margin is not loaded");
            assertTrue(restarted.isRevoked("long", null));
            clock.advance(Duration.ofMinutes(11));
            nodes.b.refresh();
            assertEquals(1, nodes.b.size(), "swept out once expired");
            assertTrue(nodes.b.isRevoked("long", null));
        }
    }

    private static void insert(Connection c, String jti) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO jwtgate_revocation_log"
                + " (kind, token_value, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            long now = System.currentTimeMillis();
            p.setString(1, RevocationStore.TOKEN);
            p.setString(2, jti);
            p.setLong(3, now);
            p.setLong(4, now + HOUR.toMillis());
            p.executeUpdate();
        }
    }

    private static long firstSeq(Nodes nodes) throws Exception {
        return single(nodes, "SELECT MIN(seq) FROM jwtgate_revocation_log");
    }

    private static long rows(Nodes nodes) throws Exception {
        return single(nodes, "SELECT COUNT(*) FROM jwtgate_revocation_log");
    }

    private static long single(Nodes nodes, String sql) throws Exception {
        try (Connection c = nodes.log.connect(); PreparedStatement p = c.prepareStatement(sql);
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Moves the rows' database times back, as if made {@code by} ago. */
    private static void ageRows(Nodes nodes, Duration by) throws Exception {
        try (Connection c = nodes.log.connect(); PreparedStatement p = c.prepareStatement(
                "UPDATE jwtgate_revocation_log SET created_at = created_at - ?, expires_at = expires_at - ?")) {
            p.setLong(1, by.toMillis());
            p.setLong(2, by.toMillis());
            p.executeUpdate();
        }
    }
}
