package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.store.Database;
import io.jwtgate.store.RevocationStore;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.SharedLog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One poll of the revocation log takes one connection from the pool (decision 535): the check that
 * the log still ends where this node read up to and the read that follows share it, also when the
 * check finds the log went back and the whole log is read again.
 */
class RevocationPollConnectionTest {

    @ParameterizedTest
    @EnumSource(SharedLog.Engine.class)
    void anIncrementalPollTakesOneConnection(SharedLog.Engine engine) throws Exception {
        Clock clock = new MutableClock(Instant.now());
        AtomicInteger taken = new AtomicInteger();
        try (SharedLog log = SharedLog.on(engine);
                HikariDataSource poolA = log.pool(2);
                HikariDataSource poolB = log.pool(2)) {
            Revocations a = revocations(new RevocationStore(SharedLog.node(poolA, clock)), clock);
            Revocations b = revocations(new RevocationStore(Database.wrap(counting(poolB, taken), clock)), clock);
            long exp = clock.millis() + Duration.ofMinutes(15).toMillis();
            a.revokeToken("first", exp);
            b.refresh();
            assertTrue(b.isRevoked("first", null), "the first poll reads the whole log");

            a.revokeToken("second", exp);
            int before = taken.get();
            b.refresh();
            assertTrue(b.isRevoked("second", null), "the poll read the new row");
            assertEquals(before + 1, taken.get(), "connections taken by one incremental poll");
        }
    }

    @ParameterizedTest
    @EnumSource(SharedLog.Engine.class)
    void aPollThatFindsTheLogWentBackReadsItAgainOnTheSameConnection(SharedLog.Engine engine) throws Exception {
        Clock clock = new MutableClock(Instant.now());
        AtomicInteger taken = new AtomicInteger();
        try (SharedLog log = SharedLog.on(engine);
                HikariDataSource poolA = log.pool(2);
                HikariDataSource poolB = log.pool(2)) {
            Revocations a = revocations(new RevocationStore(SharedLog.node(poolA, clock)), clock);
            Revocations b = revocations(new RevocationStore(Database.wrap(counting(poolB, taken), clock)), clock);
            long exp = clock.millis() + Duration.ofMinutes(15).toMillis();
            a.revokeToken("kept", exp);
            a.revokeToken("lost in the restore", exp);
            b.refresh();
            // A restore from a backup taken before the newest row: the log now ends below B's number.
            try (Connection c = log.connect();
                    PreparedStatement p = c.prepareStatement("DELETE FROM jwtgate_revocation_log WHERE seq ="
                            + " (SELECT m FROM (SELECT MAX(seq) AS m FROM jwtgate_revocation_log) t)")) {
                assertEquals(1, p.executeUpdate());
            }
            int before = taken.get();
            b.refresh();
            assertEquals(before + 1, taken.get(), "connections taken by the check and the full read");
            assertTrue(b.isRevoked("kept", null));
            assertTrue(b.isRevoked("lost in the restore", null), "what B held stays revoked");
            a.revokeToken("after the restore", exp);
            b.refresh();
            assertTrue(b.isRevoked("after the restore", null), "B reads on from the restored log's end");
        }
    }

    private static Revocations revocations(RevocationStore store, Clock clock) {
        return new Revocations(store, clock, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(6),
                Duration.ofSeconds(120));
    }

    /** {@code pool}, counting each connection handed out. */
    private static DataSource counting(DataSource pool, AtomicInteger taken) {
        return (DataSource) Proxy.newProxyInstance(RevocationPollConnectionTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        taken.incrementAndGet();
                    }
                    try {
                        return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
