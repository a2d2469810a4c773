package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.IdentityProvider.Mode;
import io.jwtgate.support.MutableClock;
import io.jwtgate.token.JwsAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fetching and caching of one issuer's key set against a real HTTP endpoint on 127.0.0.1. The
 * key set is read with nimbus here, so these tests are about fetching alone; time moves by an
 * injected clock, except where a real socket timeout is what is tested.
 */
class RemoteKeySetTest {

    private final FetchWatchdog watchdog = new FetchWatchdog();
    private static final Duration MIN_REFRESH = Duration.ofSeconds(30);
    private static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final Set<JwsAlgorithm> ALGS = Set.of(JwsAlgorithm.RS256, JwsAlgorithm.ES256);

    private final RSAKey first = IdentityProvider.rsaKey("k1");
    private final RSAKey second = IdentityProvider.rsaKey("k2");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private IdentityProvider idp;

    @BeforeEach
    void startProvider() {
        idp = IdentityProvider.start();
        idp.publish(first);
    }

    @AfterEach
    void stopProvider() {
        watchdog.close();
        idp.close();
    }

    private RemoteKeySet keys(Duration readTimeout, int maxBytes) {
        return new RemoteKeySet("test", new JwksClient(idp.jwksUri(), Duration.ofSeconds(2), readTimeout, maxBytes, watchdog),
                IdentityProvider::nimbusParse, ALGS, clock, MIN_REFRESH, CACHE_TTL);
    }

    private RemoteKeySet keys() {
        return keys(Duration.ofSeconds(2), 65536);
    }

    @Test
    void nothingIsFetchedUntilAKeyIsNeededThenTheSetIsCached() {
        RemoteKeySet keys = keys();
        assertEquals(0, idp.requests(), "no network when built");
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent());
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent());
        clock.advance(CACHE_TTL.minusSeconds(1));
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent());
        assertEquals(1, idp.requests(), "cached for cache-ttl");
    }

    @Test
    void aKeyIsBoundToItsAlgorithmNotToTheHeaders() {
        RemoteKeySet keys = keys();
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent());
        assertFalse(keys.key(JwsAlgorithm.ES256, "k1").isPresent(), "an RSA key never verifies ES256");
    }

    @Test
    void anOldSetIsFetchedAgainAfterCacheTtl() {
        RemoteKeySet keys = keys();
        keys.key(JwsAlgorithm.RS256, "k1");
        idp.publish(second);
        clock.advance(CACHE_TTL);
        assertTrue(keys.key(JwsAlgorithm.RS256, "k2").isPresent());
        assertEquals(2, idp.requests());
        assertFalse(keys.key(JwsAlgorithm.RS256, "k1").isPresent(), "a retired key is gone after the refetch");
    }

    @Test
    void rotationANewKidIsFetchedAtOnceAndTheOldOneDisappearsLater() {
        RemoteKeySet keys = keys();
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent());
        idp.publish(first, second);
        clock.advance(MIN_REFRESH);
        assertTrue(keys.key(JwsAlgorithm.RS256, "k2").isPresent(), "an unknown kid triggers a refetch");
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent(), "both during the overlap");
        idp.publish(second);
        clock.advance(CACHE_TTL);
        assertFalse(keys.key(JwsAlgorithm.RS256, "k1").isPresent());
        assertTrue(keys.key(JwsAlgorithm.RS256, "k2").isPresent());
    }

    @Test
    void unknownKidsRefetchAtMostOncePerMinRefresh() {
        RemoteKeySet keys = keys();
        keys.key(JwsAlgorithm.RS256, "k1");
        clock.advance(MIN_REFRESH);
        for (int i = 0; i < 20; i++) {
            assertFalse(keys.key(JwsAlgorithm.RS256, "forged-" + i).isPresent());
        }
        assertEquals(2, idp.requests(), "one refetch for twenty unknown kids");
        clock.advance(MIN_REFRESH.minusSeconds(1));
        keys.key(JwsAlgorithm.RS256, "forged");
        assertEquals(2, idp.requests());
        clock.advance(Duration.ofSeconds(1));
        keys.key(JwsAlgorithm.RS256, "forged");
        assertEquals(3, idp.requests());
    }

    @Test
    void lastGoodKeysAreKeptThroughFailures() {
        RemoteKeySet keys = keys();
        keys.key(JwsAlgorithm.RS256, "k1");
        for (Mode bad : List.of(Mode.FAIL, Mode.NOT_JSON, Mode.REDIRECT, Mode.OVERSIZED)) {
            idp.mode(bad);
            clock.advance(CACHE_TTL);
            assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent(), bad.toString());
        }
        idp.goDown();
        clock.advance(CACHE_TTL);
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent(), "connection refused");
        assertEquals(5, idp.requests(), "every failure was an attempt");
    }

    @Test
    void anEmptyKeySetIsAFailureNotAnAnswer() {
        RemoteKeySet keys = keys();
        keys.key(JwsAlgorithm.RS256, "k1");
        idp.publish();
        clock.advance(CACHE_TTL);
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent(), "an empty set does not replace the keys held");
        RemoteKeySet fresh = keys();
        clock.advance(MIN_REFRESH);
        assertThrows(IssuerKeysUnavailableException.class, () -> fresh.key(JwsAlgorithm.RS256, "k1"));
    }

    @Test
    void withoutKeysEveryFailureIsUnavailableAndNeverCachedAsEmpty() {
        idp.goDown();
        RemoteKeySet keys = keys();
        assertThrows(IssuerKeysUnavailableException.class, () -> keys.key(JwsAlgorithm.RS256, "k1"));
        idp.up();
        // Spaced by min-refresh: one attempt per interval, not one per client request.
        assertThrows(IssuerKeysUnavailableException.class, () -> keys.key(JwsAlgorithm.RS256, "k1"));
        clock.advance(MIN_REFRESH);
        assertTrue(keys.key(JwsAlgorithm.RS256, "k1").isPresent(), "the provider is back: its keys are fetched");
    }

    @Test
    void eachBadAnswerLeavesAnIssuerWithoutKeysUnavailable() {
        for (Mode bad : List.of(Mode.FAIL, Mode.NOT_JSON, Mode.REDIRECT, Mode.OVERSIZED)) {
            idp.mode(bad);
            RemoteKeySet keys = keys();
            IssuerKeysUnavailableException e = assertThrows(IssuerKeysUnavailableException.class,
                    () -> keys.key(JwsAlgorithm.RS256, "k1"), bad.toString());
            assertTrue(e.getMessage().contains("'test'"), e.getMessage());
        }
    }

    @Test
    void aRedirectIsNotFollowed() {
        idp.mode(Mode.REDIRECT);
        RemoteKeySet keys = keys();
        IssuerKeysUnavailableException e = assertThrows(IssuerKeysUnavailableException.class,
                () -> keys.key(JwsAlgorithm.RS256, "k1"));
        assertTrue(e.getMessage().contains("302"), e.getMessage());
        assertEquals(1, idp.requests(), "the redirect target was never asked");
    }

    @Test
    void anOversizedAnswerIsCutOffAtTheLimit() {
        idp.mode(Mode.OVERSIZED);
        RemoteKeySet keys = keys(Duration.ofSeconds(2), 4096);
        IssuerKeysUnavailableException e = assertThrows(IssuerKeysUnavailableException.class,
                () -> keys.key(JwsAlgorithm.RS256, "k1"));
        assertTrue(e.getMessage().contains("4096"), e.getMessage());
    }

    @Test
    void aSlowEndpointIsBoundedByTheReadTimeout() {
        idp.mode(Mode.SLOW);
        idp.slowness(Duration.ofSeconds(5));
        RemoteKeySet keys = keys(Duration.ofMillis(300), 65536);
        long start = System.nanoTime();
        assertThrows(IssuerKeysUnavailableException.class, () -> keys.key(JwsAlgorithm.RS256, "k1"));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < 3000, "gave up after " + millis + " ms, not after the provider's 5 s");
    }

    @Test
    void oneFetchIsInFlightPerIssuerAndWaitersShareItsResult() throws Exception {
        ECKey ec = IdentityProvider.ecKey("e1");
        idp.publish(first, ec);
        idp.mode(Mode.SLOW);
        idp.slowness(Duration.ofMillis(500));
        RemoteKeySet keys = keys();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JwsAlgorithm alg = i % 2 == 0 ? JwsAlgorithm.RS256 : JwsAlgorithm.ES256;
                String kid = i % 2 == 0 ? "k1" : "e1";
                calls.add(() -> keys.key(alg, kid).isPresent());
            }
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, idp.requests(), "eight concurrent first requests, one fetch");
    }

    @Test
    void withoutAKidTheOnlyKeyOfTheAlgorithmIsUsed() {
        RemoteKeySet keys = keys();
        assertTrue(keys.key(JwsAlgorithm.RS256, null).isPresent());
        idp.publish(first, second);
        clock.advance(CACHE_TTL);
        assertFalse(keys.key(JwsAlgorithm.RS256, null).isPresent(), "two candidates: none is guessed");
    }

    @Test
    void fetchesLeaveNoThreadThatHoldsAnApplicationClassLoader() {
        RemoteKeySet keys = keys();
        for (int i = 0; i < 3; i++) {
            keys.key(JwsAlgorithm.RS256, "k1");
            clock.advance(CACHE_TTL);
        }
        assertEquals(3, idp.requests(), "three fetches");
        // The fetch ran on this thread. The JDK's keep-alive cache may hold the connection: its timer
        // thread must be a system thread without a context class loader, so that a redeployed
        // application's class loader is never pinned by it (decision 432).
        List<Thread> timers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("Keep-Alive-Timer")).toList();
        for (Thread t : timers) {
            assertTrue(t.isDaemon());
            assertEquals(null, t.getContextClassLoader(), "the timer thread holds no class loader");
        }
    }
}
