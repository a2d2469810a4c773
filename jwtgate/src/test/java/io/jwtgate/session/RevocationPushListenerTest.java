package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.JwtGate;
import io.jwtgate.store.Database;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.support.Eventually;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.SharedLog;
import io.jwtgate.support.TcpProxy;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Push on PostgreSQL (issue 13 item 4, decisions 464-465): with a refresh interval of a minute,
 * another node refuses a revoked token within moments through NOTIFY/LISTEN; the listener comes
 * back after its server process is killed and catches up, and after a network that went silent
 * (decision 536); it ends with JwtGate; on H2 and MariaDB there is none.
 */
class RevocationPushListenerTest {

    private static final Eventually EVENTUALLY = Eventually.within(Duration.ofSeconds(10)).every(Duration.ofMillis(10));
    private static final String THREAD = "jwtgate-revocation-listener";

    @TempDir
    Path dir;

    private Map<String, String> params(SharedLog log) {
        Map<String, String> p = TestSettings.params(dir);
        p.put("jwtgate.jdbc.url", log.url());
        p.put("jwtgate.jdbc.username", log.user());
        // Far longer than the waits below: only push can deliver in time.
        p.put("jwtgate.revocation.refresh-interval", "PT60S");
        p.put("jwtgate.revocation.max-staleness", "PT120S");
        return p;
    }

    @Test
    void anotherNodeSeesARevocationLongBeforeItsRefreshInterval() throws Exception {
        try (SharedLog log = SharedLog.on(SharedLog.Engine.POSTGRESQL);
                JwtGate a = JwtGate.start(TestSettings.settings(params(log)));
                JwtGate b = JwtGate.start(TestSettings.settings(params(log)))) {
            EVENTUALLY.until("each node has its listener", () -> threads() == 2);
            long exp = System.currentTimeMillis() + Duration.ofMinutes(15).toMillis();
            for (int i = 0; i < 20; i++) {
                String jti = "pushed-" + i;
                a.revocations().revokeToken(jti, exp);
                EVENTUALLY.until("node b refuses " + jti, () -> b.revocations().isRevoked(jti, null));
            }
            b.revocations().revokeSession("sid-from-b", exp);
            EVENTUALLY.until("and the other way round", () -> a.revocations().isSessionRevoked("sid-from-b"));
        }
    }

    @Test
    void theListenerComesBackAfterItsServerProcessIsKilledAndCatchesUp() throws Exception {
        Clock clock = new MutableClock(Instant.now());
        try (SharedLog log = SharedLog.on(SharedLog.Engine.POSTGRESQL);
                HikariDataSource poolA = log.pool(2);
                HikariDataSource poolB = log.pool(2)) {
            Database dbA = SharedLog.node(poolA, clock);
            Database dbB = SharedLog.node(poolB, clock);
            Revocations a = revocations(new RevocationStore(dbA, true), clock);
            Revocations b = revocations(new RevocationStore(dbB, true), clock);
            a.refresh();
            b.refresh();
            PgRevocationListener listener = new PgRevocationListener(dbB::dedicatedConnection, b::refresh, clock);
            listener.start();
            try {
                EVENTUALLY.until("listening", () -> listener.sessions() == 1);
                int pid = listener.backendPid();
                try (Connection c = log.connect();
                        PreparedStatement p = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    p.setInt(1, pid);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        assertTrue(rs.getBoolean(1), "the listener's server process is ended");
                    }
                }
                long exp = clock.millis() + Duration.ofMinutes(15).toMillis();
                a.revokeToken("while-down", exp);
                EVENTUALLY.until("listening again", () -> listener.sessions() == 2);
                assertTrue(listener.backendPid() != pid, "on a new connection");
                EVENTUALLY.until("caught up (catch-up refresh or push)", () -> b.isRevoked("while-down", null));
                a.revokeToken("after", exp);
                EVENTUALLY.until("pushed again", () -> b.isRevoked("after", null));
            } finally {
                listener.close();
            }
            assertEquals(0, threads(), "closing ends the thread");
        }
    }

    @Test
    void afterASilentNetworkTheListenerGivesUpItsConnectionListensAgainAndIsPushedTo() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (SharedLog log = SharedLog.on(SharedLog.Engine.POSTGRESQL);
                TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
                HikariDataSource poolA = log.pool(2)) {
            Revocations a = revocations(new RevocationStore(SharedLog.node(poolA, clock), true), clock);
            Map<String, String> p = params(log);
            p.put("jwtgate.jdbc.url", log.url().replace(":5432/", ":" + proxy.port() + "/"));
            // Node B's own pool, as JwtGate opens it: its listener's connection comes from the pool's driver.
            try (Database dbB = Database.open(TestSettings.settings(p), clock)) {
                // No poll runs here at all: only the listener refreshes B.
                Revocations b = revocations(new RevocationStore(dbB, true), clock);
                b.refresh();
                PgRevocationListener listener = new PgRevocationListener(dbB::dedicatedConnection, b::refresh, clock);
                listener.start();
                try {
                    EVENTUALLY.until("listening", () -> listener.sessions() == 1);
                    proxy.silence();
                    long exp = clock.millis() + Duration.ofMinutes(15).toMillis();
                    a.revokeToken("during the silence", exp);
                    // The quiet connection's check is due; it meets the silence and the listener opens
                    // another connection, whose handshake the silent network never answers either.
                    clock.advance(Duration.ofSeconds(31));
                    Eventually.within(Duration.ofSeconds(45)).until("the listener gives up a connection attempt"
                            + " the silent network never answers (it still waits on it otherwise)",
                            () -> listener.losses() >= 2);
                    assertEquals(1, listener.sessions(), "not listening while the network is silent");

                    proxy.restore();
                    Eventually.within(Duration.ofSeconds(45)).until("listening again once the network is back",
                            () -> listener.sessions() == 2);
                    a.revokeToken("after the silence", exp);
                    EVENTUALLY.until("pushed again after the silence", () -> b.isRevoked("after the silence", null));
                    assertTrue(b.isRevoked("during the silence", null), "caught up with what the silence hid");
                } finally {
                    listener.close();
                }
            }
        }
    }

    @Test
    void closingJwtGateEndsItsListenerThreadAndConnection() throws Exception {
        try (SharedLog log = SharedLog.on(SharedLog.Engine.POSTGRESQL)) {
            try (JwtGate gate = JwtGate.start(TestSettings.settings(params(log)))) {
                EVENTUALLY.until("listening", () -> threads() == 1);
                assertEquals(0, gate.revocations().size());
            }
            assertEquals(0, threads(), "no thread left behind on redeploy");
        }
    }

    @ParameterizedTest
    @EnumSource(value = SharedLog.Engine.class, names = {"H2", "MARIADB"})
    void withoutPostgresqlThereIsNoListenerAndPollingStays(SharedLog.Engine engine) throws Exception {
        try (SharedLog log = SharedLog.on(engine)) {
            Map<String, String> p = params(log);
            p.put("jwtgate.revocation.refresh-interval", "PT0.2S");
            p.put("jwtgate.revocation.max-staleness", "PT60S");
            try (JwtGate a = JwtGate.start(TestSettings.settings(p));
                    JwtGate b = JwtGate.start(TestSettings.settings(p))) {
                assertEquals(0, threads());
                a.revocations().revokeToken("polled", System.currentTimeMillis() + 60_000);
                EVENTUALLY.until("picked up by the poll", () -> b.revocations().isRevoked("polled", null));
            }
        }
    }

    private static Revocations revocations(RevocationStore store, Clock clock) {
        return new Revocations(store, clock, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(6),
                Duration.ofSeconds(120));
    }

    private static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(THREAD) && t.isAlive()).count();
    }
}
