package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Eventually;
import io.jwtgate.support.Http;
import io.jwtgate.support.RealDatabase;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TwoNodes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finding of the issue-13 review; it failed before its fix (decision 472): a node reads the revocation log only above its high-water mark (plus recent gaps) and
 * never notices the log going BACK. When the database is restored from a backup, or fails over to
 * an asynchronous replica that had not received the last rows, the sequence hands out numbers the
 * running nodes have already passed; every revocation written after that (a logout, a DELETE, a
 * reuse detection, a password change) is invisible to every other node until it is restarted:
 * node B accepts a token logged out on node A for its whole lifetime, with no error and no log
 * line. Simulated here as a restore of a backup taken at log number K (rows above K gone, the
 * sequence back at K). The test asserts the correct behaviour: B refuses the token within the
 * refresh interval plus a poll, as for any other logout.
 */
class RestoredLogSeveralNodesFindingsTest {

    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration DEADLINE = INTERVAL.multipliedBy(3).plusSeconds(2);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.jwtgate.support.RealDatabase#everyContainerOnEveryServer")
    void aLogoutAfterTheStoreWasRestoredFromABackupIsRefusedOnTheOtherNode(Container container, RealDatabase server)
            throws Exception {
        try (TwoNodes nodes = TwoNodes.of(container, server, dir).params(p -> {
                    p.put("jwtgate.rules", "/** -> authenticated");
                    p.put("jwtgate.revocation.refresh-interval", INTERVAL.toString());
                    p.put("jwtgate.revocation.push", "false");
                }).start()) {
            Http a = nodes.a();
            Http b = nodes.b();
            long backupPoint = maxSeq(nodes.url());
            String before = login(a);
            String after = login(a);
            assertEquals(204, logout(a, before));
            refusedOnB(b, before, "a logout before the restore");

            restoreBackupTakenAt(nodes.url(), server, backupPoint);
            assertEquals(200, b.bearerGet("/api/hello", after).status());
            assertEquals(204, logout(a, after));
            refusedOnB(b, after, "a logout made after the store was restored from a backup");
        }
    }

    private static void refusedOnB(Http b, String token, String what) {
        int status = Eventually.within(DEADLINE).lastOf(() -> b.bearerGet("/api/hello", token).status(), s -> s != 200);
        assertEquals(401, status, what + ": node B still accepts the token " + DEADLINE.toMillis() + " ms later");
    }

    private static long maxSeq(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM jwtgate_revocation_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The log as a backup taken when its highest number was {@code k} holds it: later rows gone, the counter back. */
    private static void restoreBackupTakenAt(String url, RealDatabase server, long k) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM jwtgate_revocation_log WHERE seq > " + k);
            if (server == RealDatabase.POSTGRESQL) {
                s.execute("SELECT setval(pg_get_serial_sequence('jwtgate_revocation_log', 'seq'), " + Math.max(k, 1)
                        + ", " + (k > 0) + ")");
            } else {
                s.execute("ALTER TABLE jwtgate_revocation_log AUTO_INCREMENT = " + (k + 1));
            }
        }
    }

    private static String login(Http http) {
        Http.Response r = http.postJson("/auth/login", "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode tokens = StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
        return tokens.get("access_token").textValue();
    }

    private static int logout(Http http, String access) {
        return http.post("/auth/logout", "application/json", "", "Authorization", "Bearer " + access).status();
    }
}
