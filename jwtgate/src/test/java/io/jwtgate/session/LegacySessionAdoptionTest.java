package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jwtgate.JwtGate;
import io.jwtgate.store.User;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refresh sessions stored before audiences were (audience NULL) belong to the first application
 * of a shared store that presents one of their tokens; to the others they are then unknown.
 */
class LegacySessionAdoptionTest {

    @TempDir
    Path dir;

    private Map<String, String> params(String audience) {
        Map<String, String> p = TestSettings.params(dir);
        p.put("jwtgate.audience", audience);
        return p;
    }

    private void forgetAudiences() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve(TestSettings.APP_STORE)
                + ";DB_CLOSE_ON_EXIT=FALSE"); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE jwtgate_refresh_tokens SET audience_hash = NULL"));
        }
    }

    @Test
    void legacySessionIsAdoptedByTheFirstApplicationThatRefreshesIt() throws Exception {
        try (JwtGate a = JwtGate.start(TestSettings.settings(params("app-a")));
                JwtGate b = JwtGate.start(TestSettings.settings(params("app-b")))) {
            User alice = a.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
            TokenPair legacy = a.sessions().start(alice, Set.of("messages:read"), "127.0.0.1");
            forgetAudiences();

            TokenPair atB = b.sessions().refresh(legacy.refreshToken(), "127.0.0.1");
            // Now B's: unknown to A, whether the spent legacy token (no reuse detection) or the new one.
            assertThrows(RefreshFailedException.class, () -> a.sessions().refresh(legacy.refreshToken(), "127.0.0.1"));
            assertThrows(RefreshFailedException.class, () -> a.sessions().refresh(atB.refreshToken(), "127.0.0.1"));
            assertFalse(a.sessions().endSessionOf(atB.refreshToken(), "logout", "127.0.0.1"));
            b.sessions().refresh(atB.refreshToken(), "127.0.0.1");
        }
    }

    @Test
    void legacySessionLoggedOutAtTheFirstApplicationIsEnded() throws Exception {
        try (JwtGate a = JwtGate.start(TestSettings.settings(params("app-a")));
                JwtGate b = JwtGate.start(TestSettings.settings(params("app-b")))) {
            User alice = a.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
            TokenPair legacy = a.sessions().start(alice, Set.of("messages:read"), "127.0.0.1");
            forgetAudiences();

            assertEquals(true, b.sessions().endSessionOf(legacy.refreshToken(), "logout", "127.0.0.1"));
            assertThrows(RefreshFailedException.class, () -> b.sessions().refresh(legacy.refreshToken(), "127.0.0.1"));
            assertThrows(RefreshFailedException.class, () -> a.sessions().refresh(legacy.refreshToken(), "127.0.0.1"));
        }
    }
}
