package io.jwtgate.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jwtgate.JwtGate;
import io.jwtgate.store.User;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import io.jwtgate.token.BadTokenException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grace period of refreshes through the session cookie (decision 656), on a real H2 store
 * under an injected clock: a token rotated a moment ago gets an access token in its session, a
 * later replay is reuse and ends the session, and {@code /auth/refresh} stays strict.
 */
class RefreshGraceTest {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final String ADDRESS = "127.0.0.1";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private JwtGate gate;
    private User alice;

    @BeforeEach
    void start() {
        Map<String, String> params = TestSettings.params(dir);
        gate = JwtGate.start(TestSettings.settings(params), clock);
        alice = gate.accounts().create("alice", null, Seed.PASSWORD, Set.of("user"));
    }

    @AfterEach
    void stop() {
        gate.close();
    }

    private TokenPair login() {
        return gate.sessions().start(alice, Set.of("messages:read"), ADDRESS);
    }

    private TokenPair rotate(String refresh) {
        RefreshResult result = gate.sessions().refreshForCookie(refresh, ADDRESS, GRACE);
        return assertInstanceOf(RefreshResult.Rotated.class, result).pair();
    }

    private String refusal(String refresh, Duration grace) {
        return assertThrows(RefreshFailedException.class,
                () -> gate.sessions().refreshForCookie(refresh, ADDRESS, grace)).reason();
    }

    private void assertSessionEnded(TokenPair latest) {
        assertThrows(RefreshFailedException.class, () -> gate.sessions().refresh(latest.refreshToken(), ADDRESS));
        assertThrows(BadTokenException.class, () -> gate.verifier().verify(latest.access().token()));
    }

    @Test
    void theOldTokenWithinTheGraceGetsAnAccessTokenInTheSameSessionAndTheSessionLives() {
        TokenPair first = login();
        TokenPair second = rotate(first.refreshToken());
        clock.advance(Duration.ofSeconds(9));

        RefreshResult late = gate.sessions().refreshForCookie(first.refreshToken(), ADDRESS, GRACE);
        RefreshResult.Superseded superseded = assertInstanceOf(RefreshResult.Superseded.class, late);
        assertEquals(first.access().sessionId(), superseded.access().sessionId());
        assertNotEquals(second.access().tokenId(), superseded.access().tokenId());
        assertEquals("alice", gate.verifier().verify(superseded.access().token()).username());

        // The winner's refresh token still rotates: nothing was revoked.
        TokenPair third = rotate(second.refreshToken());
        assertEquals(first.access().sessionId(), third.access().sessionId());
    }

    @Test
    void aTokenTheStrictEndpointRotatedGetsNoGraceAsACookieAndEndsTheSession() {
        TokenPair first = login();
        TokenPair second = gate.sessions().refresh(first.refreshToken(), ADDRESS);
        clock.advance(Duration.ofSeconds(1));

        assertEquals("reuse", refusal(first.refreshToken(), GRACE));
        assertSessionEnded(second);
    }

    @Test
    void aClockSteppedBackOpensNoGraceForALongSpentToken() {
        TokenPair first = login();
        TokenPair second = rotate(first.refreshToken());
        clock.advance(Duration.ofMinutes(-30));

        assertEquals("reuse", refusal(first.refreshToken(), GRACE));
        assertSessionEnded(second);
    }

    @Test
    void anExpiredTokenIsRefusedWithoutBeingSpentSoItsReplayGetsNoGrace() {
        TokenPair first = login();
        clock.advance(gate.settings().tokens().refreshTokenTtl().plusSeconds(1));

        assertEquals("expired", refusal(first.refreshToken(), GRACE));
        assertEquals("expired", refusal(first.refreshToken(), GRACE), "still expired, never a fresh grace");
    }

    @Test
    void theOldTokenAfterTheGraceIsReuseAndEndsTheSession() {
        TokenPair first = login();
        TokenPair second = rotate(first.refreshToken());
        clock.advance(GRACE.plusMillis(1));

        assertEquals("reuse", refusal(first.refreshToken(), GRACE));
        assertSessionEnded(second);
    }

    @Test
    void zeroGraceIsStrict() {
        TokenPair first = login();
        TokenPair second = rotate(first.refreshToken());

        assertEquals("reuse", refusal(first.refreshToken(), Duration.ZERO));
        assertSessionEnded(second);
    }

    @Test
    void aRevokedSessionGetsNoGrace() {
        TokenPair first = login();
        TokenPair second = rotate(first.refreshToken());
        gate.sessions().endSessionOf(second.refreshToken(), "logout", ADDRESS);

        assertEquals("revoked", refusal(first.refreshToken(), GRACE));
    }

    @Test
    void theRefreshEndpointStaysStrictAfterACookieRotation() {
        TokenPair first = login();
        TokenPair second = rotate(first.refreshToken());

        assertEquals("reuse", assertThrows(RefreshFailedException.class,
                () -> gate.sessions().refresh(first.refreshToken(), ADDRESS)).reason());
        assertSessionEnded(second);
    }

    @Test
    void twoConcurrentRefreshesOfOneTokenGiveOneRotationAndOneAccessToken() throws Exception {
        TokenPair first = login();
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<RefreshResult>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    barrier.await();
                    return gate.sessions().refreshForCookie(first.refreshToken(), ADDRESS, GRACE);
                }));
            }
            int rotated = 0;
            int superseded = 0;
            for (Future<RefreshResult> f : results) {
                RefreshResult r = f.get();
                if (r instanceof RefreshResult.Rotated) {
                    rotated++;
                } else {
                    superseded++;
                }
                assertEquals("alice", gate.verifier().verify(r.access().token()).username());
            }
            assertEquals(1, rotated);
            assertEquals(1, superseded);
        } finally {
            pool.shutdownNow();
        }
    }
}
