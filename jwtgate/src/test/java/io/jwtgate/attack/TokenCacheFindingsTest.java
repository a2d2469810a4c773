package io.jwtgate.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.issuers.BearerVerifier;
import io.jwtgate.issuers.FetchWatchdog;
import io.jwtgate.issuers.RemoteJwks;
import io.jwtgate.issuers.TrustedIssuerVerifiers;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.BoundedTokenCache;
import io.jwtgate.token.ClaimsMap;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import io.jwtgate.token.RevocationCheck;
import io.jwtgate.token.VerifiedToken;
import io.jwtgate.token.VerifiedTokenCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Defects found by the outside review of the verified-token cache and the lean request path
 * (issue 14). Each test states the behaviour JwtGate had before, or promises, and fails now; see
 * /work/briefs/DONE-attack.md for the reproduction and the suggested fix of each.
 */
class TokenCacheFindingsTest {

    private static final long NOW = 1_900_000_000L;

    private final FetchWatchdog watchdog = new FetchWatchdog();
    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));
    private final RSAKey rsa = IdentityProvider.rsaKey("rsa-1");
    private final ECKey ec = IdentityProvider.ecKey("ec-1");
    private IdentityProvider idp;
    private Settings settings;
    private AccessTokenVerifier ownVerifier;

    @BeforeEach
    void start() {
        idp = IdentityProvider.start();
        idp.publish(rsa, ec);
        Map<String, String> params = new HashMap<>(ProviderStyles.settings(idp.jwksUri()));
        params.put("jwtgate.signing.secret", TestSettings.SECRET);
        params.put("jwtgate.issuer", "jwtgate");
        params.put("jwtgate.access-token.max-ttl", "PT1H");
        params.put("jwtgate.trusted-issuer.keycloak.cache-ttl", "PT5M");
        params.put("jwtgate.trusted-issuer.keycloak.min-refresh", "PT30S");
        settings = Settings.from(List.of(ConfigSource.of("test", params)));
        KeyRing ring = KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes()));
        ownVerifier = new AccessTokenVerifier(ring, settings.tokens().issuer(), null,
                settings.tokens().clockSkew(), settings.tokens().accessTokenMaxTtl(), clock, RevocationCheck.NONE);
    }

    @AfterEach
    void stop() {
        watchdog.close();
        idp.close();
    }

    private BearerVerifier verifier(VerifiedTokenCache cache) {
        return new BearerVerifier(ownVerifier, settings.tokens().issuer(), TrustedIssuerVerifiers.create(
                settings.trustedIssuers(), RemoteJwks.PARSER, settings.tokens().clockSkew(),
                settings.tokens().accessTokenMaxTtl(), clock, RevocationCheck.NONE, watchdog), cache, RevocationCheck.NONE);
    }

    private BoundedTokenCache cache() {
        return new BoundedTokenCache(16, 1 << 20, settings.tokens().clockSkew(), clock);
    }

    private static String ownToken(String extraClaims) {
        String payload = TokenForge.claims(NOW).replace("\"iss\":\"jwtgate\",", "\"iss\":\"jwtgate\"," + extraClaims + ",");
        return new TokenForge(TestSettings.secretBytes()).hs256(TokenForge.HEADER, payload);
    }

    /**
     * F1. Before issue 14 the claims map was {@code convertValue} of the strictly parsed tree, whose
     * decimal nodes Jackson normalises (trailing zeros stripped); the lazy {@link ClaimsMap} reads the
     * bytes again and keeps the scale, so {@code 1.0} is {@code BigDecimal("1.0")} where it was
     * {@code BigDecimal("1")}, and {@code equals} (scale-sensitive) tells them apart.
     */
    @Test
    void theLazyClaimsMapHoldsTheSameValuesAsTheConvertedTreeDid() {
        String payload = "{\"a\":1.0,\"b\":1.50,\"c\":1e2,\"d\":100.00,\"e\":0.0,\"f\":-0.0,\"g\":{\"h\":[2.10,3]}}";
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> before = new LinkedHashMap<>(StrictJson.mapper().convertValue(StrictJson.parseObject(bytes), Map.class));
        assertEquals(before, new ClaimsMap(bytes));
    }

    /**
     * F2. A nested claim value (an object or an array) of a cached token is one mutable object shared
     * by every request that presents the token: an application that changes what it read from
     * {@code jwtgate.claims} (say, adds a group to a list) changes the claims every later request
     * with that token sees. Before the cache every request had its own map.
     */
    @Test
    void aNestedClaimOfACachedTokenCannotBeChangedForTheRequestsThatFollow() {
        BearerVerifier verifier = verifier(cache());
        String token = ownToken("\"groups\":[\"staff\"],\"org\":{\"unit\":\"sales\"}");
        VerifiedToken first = verifier.verify(token);
        Object groups = first.claims().get("groups");
        Object org = first.claims().get("org");
        try {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) groups;
            list.add("admins");
        } catch (UnsupportedOperationException expected) {
            // Read-only: what the record documents.
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) org;
            map.put("unit", "board");
        } catch (UnsupportedOperationException expected) {
            // Read-only.
        }
        VerifiedToken second = verifier.verify(token);
        assertEquals(List.of("staff"), second.claims().get("groups"), "the next request's claims");
        assertEquals(Map.of("unit", "sales"), second.claims().get("org"));
    }

    /**
     * F3. The claims map was an unmodifiable view of a {@code LinkedHashMap}, which serialises; an
     * application that keeps {@code JwtGateAuthentication.claims()} in a replicated or persisted
     * HttpSession now gets {@code NotSerializableException: io.jwtgate.token.ClaimsMap}.
     */
    @Test
    void theClaimsMapSerialisesAsTheMapItReplacedDid() throws IOException {
        VerifiedToken verified = verifier(VerifiedTokenCache.NONE).verify(ownToken("\"x\":1"));
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(verified.claims());
        }
    }

    /**
     * F4. A trusted issuer's token is refused while its {@code exp} lies further ahead than
     * {@code access-token.max-ttl} (a revocation is not kept longer). The cache accepts a hit from
     * {@code notBefore - skew} on, so after the node's clock steps back, a cached token whose full
     * verification now fails on that rule is still answered. Without {@code iat} and {@code nbf}
     * (allowed for trusted issuers) any step back does it.
     */
    @Test
    void aCachedTrustedIssuerTokenIsRefusedAfterAClockStepBackAsFullVerificationRefusesIt() {
        Instant t = clock.instant();
        String token = IdentityProvider.sign(rsa, "JWT", ProviderStyles.keycloak(t, "kate", List.of("user"), "openid")
                .issueTime(Date.from(t)).expirationTime(Date.from(t.plus(Duration.ofHours(2)))).build());
        clock.advance(Duration.ofMinutes(90));
        BearerVerifier cached = verifier(cache());
        cached.verify(token);
        cached.verify(token); // remembered now that the keys are held
        clock.advance(Duration.ofMinutes(-80));
        assertThrows(BadTokenException.class, () -> verifier(VerifiedTokenCache.NONE).verify(token),
                "full verification: exp is 110 minutes away, more than max-ttl");
        assertThrows(BadTokenException.class, () -> cached.verify(token), "the cache must give the same verdict");
    }
}
