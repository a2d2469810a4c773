package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.TestSettings;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.BoundedTokenCache;
import io.jwtgate.token.IssuedToken;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import io.jwtgate.token.RevocationCheck;
import io.jwtgate.token.RevokedTokenException;
import io.jwtgate.token.VerifiedToken;
import io.jwtgate.token.VerifiedTokenCache;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BearerVerifier} with the verified-token cache in front (decision 610): hits still meet
 * revocation, forged tokens never get in, and a trusted issuer's key set fetched anew sends its
 * cached tokens through full verification, which refuses them once their key is gone.
 */
class CachingBearerVerifierTest {

    private final FetchWatchdog watchdog = new FetchWatchdog();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final RevocationCheck revocations = (jti, sid) -> revoked.contains(jti) || (sid != null && revoked.contains(sid));
    private final RSAKey rsa = IdentityProvider.rsaKey("rsa-1");
    private final ECKey ec = IdentityProvider.ecKey("ec-1");
    private IdentityProvider idp;
    private Settings settings;
    private AccessTokenIssuer own;
    private AccessTokenVerifier ownVerifier;
    private BoundedTokenCache cache;
    private BearerVerifier verifier;

    @BeforeEach
    void start() {
        idp = IdentityProvider.start();
        idp.publish(rsa, ec);
        Map<String, String> params = new HashMap<>(ProviderStyles.settings(idp.jwksUri()));
        params.put("jwtgate.signing.secret", TestSettings.SECRET);
        params.put("jwtgate.trusted-issuer.keycloak.cache-ttl", "PT5M");
        params.put("jwtgate.trusted-issuer.keycloak.min-refresh", "PT30S");
        settings = Settings.from(List.of(ConfigSource.of("test", params)));
        KeyRing ring = KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes()));
        ownVerifier = new AccessTokenVerifier(ring, settings.tokens().issuer(), settings.tokens().audience(),
                settings.tokens().clockSkew(), settings.tokens().accessTokenMaxTtl(), clock, revocations);
        own = new AccessTokenIssuer(ring, settings.tokens().issuer(), settings.tokens().audience(), clock);
        cache = new BoundedTokenCache(4, 1 << 20, settings.tokens().clockSkew(), clock);
        verifier = verifier(cache);
    }

    private BearerVerifier verifier(VerifiedTokenCache c) {
        return new BearerVerifier(ownVerifier, settings.tokens().issuer(), TrustedIssuerVerifiers.create(
                settings.trustedIssuers(), RemoteJwks.PARSER, settings.tokens().clockSkew(),
                settings.tokens().accessTokenMaxTtl(), clock, revocations, watchdog), c, revocations);
    }

    @AfterEach
    void stop() {
        watchdog.close();
        idp.close();
    }

    private IssuedToken issue(String user) {
        return own.issue(user, user, Set.of("user"), Set.of("messages:read"), "sid-" + user, Duration.ofMinutes(15));
    }

    @Test
    void aTokenSeenAgainIsAnsweredFromTheCacheAndWithoutOneIsVerifiedAgain() {
        String token = issue("alice").token();
        VerifiedToken first = verifier.verify(token);
        assertSame(first, verifier.verify(token), "the remembered verification");
        BearerVerifier uncached = verifier(VerifiedTokenCache.NONE);
        assertNotSame(uncached.verify(token), uncached.verify(token));
        assertEquals(first.claims(), uncached.verify(token).claims(), "the claims read lazily are the same");
    }

    @Test
    void aCachedTokenIsRefusedOnceItsIdOrSessionIsRevoked() {
        IssuedToken a = issue("alice");
        IssuedToken b = issue("bob");
        verifier.verify(a.token());
        verifier.verify(b.token());
        revoked.add(a.tokenId());
        assertThrows(RevokedTokenException.class, () -> verifier.verify(a.token()));
        revoked.add(b.sessionId());
        assertThrows(RevokedTokenException.class, () -> verifier.verify(b.token()));
        revoked.clear();
        assertEquals("alice", verifier.verify(a.token()).username(), "revocation is asked, never remembered");
    }

    @Test
    void aFloodOfForgedTokensNeverEntersTheCacheNorEvictsAGoodOne() {
        String good = issue("alice").token();
        VerifiedToken remembered = verifier.verify(good);
        assertEquals(1, cache.size());
        long bytes = cache.bytes();
        String[] parts = good.split("\\.");
        RSAKey forger = IdentityProvider.rsaKey("rsa-1");
        for (int i = 0; i < 2_000; i++) {
            String forged = switch (i % 4) {
                // Another signature of the right length: one character in the middle changed.
                case 0 -> parts[0] + "." + parts[1] + "." + changed(parts[2], i);
                // Another payload under the good signature.
                case 1 -> parts[0] + "." + issue("mallory" + i).token().split("\\.")[1] + "." + parts[2];
                // An external issuer's claims signed by another key under the published key's kid.
                case 2 -> IdentityProvider.sign(forger, "JWT",
                        ProviderStyles.keycloak(clock.instant(), "eve" + i, List.of("admin"), "openid").build());
                default -> "not.a.token" + i;
            };
            assertThrows(BadTokenException.class, () -> verifier.verify(forged));
        }
        assertEquals(1, cache.size(), "forged tokens never enter");
        assertEquals(bytes, cache.bytes());
        assertSame(remembered, verifier.verify(good), "the good token is still remembered");
    }

    private static String changed(String part, int i) {
        int at = 1 + i % (part.length() - 2);
        char c = part.charAt(at);
        return part.substring(0, at) + (c == 'A' ? 'B' : 'A') + part.substring(at + 1);
    }

    @Test
    void anExternalTokenIsVerifiedAgainWhenItsIssuersKeysAreFetchedAnewAndRefusedOnceItsKeyIsGone() {
        String token = IdentityProvider.sign(rsa, "JWT", ProviderStyles.keycloak(clock.instant(), "kate",
                List.of("user"), "openid").build());
        // Verified before any key set was held: remembered with an epoch that is never current.
        VerifiedToken first = verifier.verify(token);
        VerifiedToken second = verifier.verify(token);
        assertNotSame(first, second, "verified once more now that the keys are held");
        assertSame(second, verifier.verify(token), "then answered from the cache");
        int fetches = idp.requests();
        idp.publish(ec);
        clock.advance(Duration.ofMinutes(4));
        assertSame(second, verifier.verify(token), "within cache-ttl the keys held stay current");
        assertEquals(fetches, idp.requests());
        clock.advance(Duration.ofMinutes(2));
        assertThrows(BadTokenException.class, () -> verifier.verify(token),
                "past cache-ttl a hit asks the key set, which is fetched anew without the token's key");
        assertTrue(idp.requests() > fetches);
        assertThrows(BadTokenException.class, () -> verifier.verify(token), "and stays refused");
    }
}
