package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtgate.config.ConfigSource;
import io.jwtgate.config.Settings;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import io.jwtgate.token.AccessTokenIssuer;
import io.jwtgate.token.AccessTokenVerifier;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.token.ExpiredTokenException;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import io.jwtgate.token.RevokedTokenException;
import io.jwtgate.token.VerifiedToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tokens of four provider styles, signed by nimbus-jose-jwt, through {@link BearerVerifier}: the
 * good ones accepted and mapped, every tampered or misdirected one refused. Keys come from a JWKS
 * endpoint on 127.0.0.1, read by JwtGate's own JWK parser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalTokenVerifierTest {

    private final FetchWatchdog watchdog = new FetchWatchdog();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final RSAKey rsa = IdentityProvider.rsaKey("rsa-1");
    private final ECKey ec = IdentityProvider.ecKey("ec-1");
    private IdentityProvider idp;
    private BearerVerifier verifier;
    private AccessTokenIssuer own;

    @BeforeAll
    void start() {
        idp = IdentityProvider.start();
        idp.publish(rsa, ec);
        Map<String, String> params = new HashMap<>(ProviderStyles.settings(idp.jwksUri()));
        params.put("jwtgate.signing.secret", TestSettings.SECRET);
        Settings settings = Settings.from(List.of(ConfigSource.of("test", params)));
        KeyRing ring = KeyRing.single(JwtKey.hmac(JwsAlgorithm.HS256, null, TestSettings.secretBytes()));
        AccessTokenVerifier ownVerifier = new AccessTokenVerifier(ring, settings.tokens().issuer(), settings.tokens().audience(),
                settings.tokens().clockSkew(), settings.tokens().accessTokenMaxTtl(), clock,
                (jti, sid) -> revoked.contains(jti) || (sid != null && revoked.contains(sid)));
        own = new AccessTokenIssuer(ring, settings.tokens().issuer(), settings.tokens().audience(), clock);
        verifier = new BearerVerifier(ownVerifier, settings.tokens().issuer(), TrustedIssuerVerifiers.create(
                settings.trustedIssuers(), RemoteJwks.PARSER, settings.tokens().clockSkew(),
                settings.tokens().accessTokenMaxTtl(), clock,
                (jti, sid) -> revoked.contains(jti) || (sid != null && revoked.contains(sid)), watchdog));
    }

    @AfterAll
    void stop() {
        watchdog.close();
        idp.close();
    }

    private Instant now() {
        return clock.instant();
    }

    private String keycloak(JWTClaimsSet claims) {
        return IdentityProvider.sign(rsa, "JWT", claims);
    }

    private BadTokenException refused(String token) {
        return assertThrows(BadTokenException.class, () -> verifier.verify(token));
    }

    @Test
    void keycloakAccessTokenIsAcceptedWithClientRolesAndScopes() throws java.text.ParseException {
        JWTClaimsSet claims = ProviderStyles.keycloak(now(), "kate", List.of("admin", "user"),
                "openid messages:read").build();
        VerifiedToken t = verifier.verify(keycloak(claims));
        assertEquals("keycloak", t.trustedIssuer());
        assertEquals("kate", t.username());
        assertEquals(claims.getSubject(), t.subject());
        assertEquals(Set.of("admin", "user"), t.roles(), "resource_access.legacy-app.roles, not the realm's");
        assertEquals(Set.of("openid", "messages:read"), t.scopes());
        assertEquals("keycloak:" + claims.getJWTID(), t.tokenId());
        assertEquals("keycloak:" + claims.getStringClaim("sid"), t.sessionId());
        assertEquals(ProviderStyles.KEYCLOAK_ISS, t.claims().get("iss"));
    }

    @Test
    void es256TokensOfAnIssuerAllowedThemAreAccepted() {
        String token = IdentityProvider.sign(ec, "JWT", ProviderStyles.keycloak(now(), "erin", List.of("user"),
                "openid").build());
        assertEquals("erin", verifier.verify(token).username());
    }

    @Test
    void auth0AccessTokenIsAcceptedWithNamespacedClaimsAndWithoutJti() {
        String token = IdentityProvider.sign(rsa, "at+jwt", ProviderStyles.auth0(now(), "ann@example.com",
                List.of("admin"), "messages:read messages:send").build());
        VerifiedToken t = verifier.verify(token);
        assertEquals("auth0", t.trustedIssuer());
        assertEquals("ann@example.com", t.username());
        assertEquals(Set.of("admin"), t.roles());
        assertEquals(Set.of("messages:read", "messages:send"), t.scopes());
        assertTrue(t.tokenId().startsWith("auth0:#"), t.tokenId());
        assertEquals(t.tokenId(), verifier.verify(token).tokenId(), "the digest id is stable per token");
        assertNull(t.sessionId());
    }

    @Test
    @SuppressWarnings("deprecation")
    void entraAccessTokenIsAcceptedWithScpAndAppRolesAndAnX5tHeader() {
        String token = IdentityProvider.sign(rsa, "JWT", ProviderStyles.entra(now(), "abe@contoso.com",
                List.of("Messages.Admin"), "Messages.Read Messages.Send").build(),
                h -> h.x509CertThumbprint(new com.nimbusds.jose.util.Base64URL("NjVBRjY5MDlCMUIwNzU4RTA2QzZFMDQ4QzQ2MDAyQjVDNjk1RTM2Qg")));
        VerifiedToken t = verifier.verify(token);
        assertEquals("entra", t.trustedIssuer());
        assertEquals("abe@contoso.com", t.username());
        assertEquals(Set.of("Messages.Admin"), t.roles());
        assertEquals(Set.of("Messages.Read", "Messages.Send"), t.scopes());
    }

    @Test
    void cognitoAccessTokenIsAcceptedByClientIdWithoutTypOrAud() {
        String token = IdentityProvider.sign(rsa, null, ProviderStyles.cognito(now(), "carl", List.of("admin"),
                "messages:read").build());
        VerifiedToken t = verifier.verify(token);
        assertEquals("cognito", t.trustedIssuer());
        assertEquals("carl", t.username());
        assertEquals(Set.of("admin"), t.roles());
        assertEquals(Set.of("messages:read"), t.scopes());
    }

    @Test
    void idTokensNeverPassAsAccessTokens() {
        refused(keycloak(ProviderStyles.keycloakIdToken(now(), "kate").build()));
        refused(IdentityProvider.sign(rsa, null, ProviderStyles.cognitoIdToken(now(), "carl").build()));
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid").claim("typ", "Refresh").build()));
    }

    @Test
    void jwtGatesOwnTokensStillGoToItsOwnVerifier() {
        String token = own.issue("u1", "alice", List.of("user"), Set.of("messages:read"), "s1",
                Duration.ofMinutes(5)).token();
        VerifiedToken t = verifier.verify(token);
        assertEquals("alice", t.username());
        assertNull(t.trustedIssuer());
    }

    @Test
    void tamperedTokensAreRefused() {
        String token = keycloak(ProviderStyles.keycloak(now(), "kate", List.of("user"), "openid").build());
        String[] parts = token.split("\\.");
        String forgedPayload = TokenForge.b64(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8).replace("\"user\"", "\"admin\""));
        refused(parts[0] + "." + forgedPayload + "." + parts[2]);
        byte[] sig = java.util.Base64.getUrlDecoder().decode(parts[2]);
        sig[10] ^= 1;
        refused(parts[0] + "." + parts[1] + "." + TokenForge.b64(sig));
    }

    @Test
    void wrongAudienceIssuerOrKeyIsRefused() {
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid").audience("account").build()));
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .issuer("https://evil.example.com/realms/main").build()));
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .issuer(ProviderStyles.KEYCLOAK_ISS + "/").build()));
        // Right issuer, key from nowhere: the kid is unknown even after a refetch.
        RSAKey stranger = IdentityProvider.rsaKey("stranger");
        refused(IdentityProvider.sign(stranger, "JWT", ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .build()));
        // A stranger's key under a known kid: the signature does not verify.
        RSAKey impostor = IdentityProvider.rsaKey("rsa-1");
        refused(IdentityProvider.sign(impostor, "JWT", ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .build()));
    }

    @Test
    void anotherIssuersAudienceDoesNotCarryOver() {
        // An Entra token for Cognito's client is still Entra's: its aud must be Entra's configured one.
        refused(IdentityProvider.sign(rsa, "JWT", ProviderStyles.entra(now(), "abe@contoso.com", List.of(), "x")
                .audience(ProviderStyles.COGNITO_CLIENT).build()));
    }

    @Test
    void expiryAndNotBeforeFollowTheInjectedClockWithTheSkew() {
        String token = keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid").build());
        clock.advance(Duration.ofSeconds(300 + 29));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(1));
        assertThrows(ExpiredTokenException.class, () -> verifier.verify(token));
        String early = keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .notBeforeTime(Date.from(now().plusSeconds(60))).build());
        refused(early);
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid").expirationTime(null).build()));
    }

    @Test
    void aTokenLivingLongerThanARevocationIsKeptIsRefused() {
        // jwtgate.access-token.max-ttl is 24 h: Auth0's default of 86400 s passes, 25 h does not.
        Instant t = now();
        verifier.verify(IdentityProvider.sign(rsa, "at+jwt", ProviderStyles.auth0(t, "ann@example.com", List.of(), "x")
                .build()));
        BadTokenException e = refused(IdentityProvider.sign(rsa, "at+jwt", ProviderStyles.auth0(t, "ann@example.com",
                List.of(), "x").expirationTime(Date.from(t.plus(Duration.ofHours(25)))).build()));
        assertTrue(e.getMessage().contains("max-ttl"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pem", "der"})
    void hs256SignedWithThePublicKeyAsSecretIsRefused(String form) throws JOSEException {
        byte[] der = rsa.toRSAPublicKey().getEncoded();
        byte[] secret = form.equals("der") ? der
                : ("-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1")
                .type(new JOSEObjectType("JWT")).build(),
                ProviderStyles.keycloak(now(), "kate", List.of("admin"), "openid").build());
        jwt.sign(new MACSigner(secret));
        BadTokenException e = refused(jwt.serialize());
        assertTrue(e.getMessage().contains("alg"), e.getMessage());
    }

    @Test
    void anAlgorithmTheIssuerIsNotConfiguredForIsRefusedEvenWithTheRightKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1")
                .type(new JOSEObjectType("JWT")).build(),
                ProviderStyles.keycloak(now(), "kate", List.of(), "openid").build());
        jwt.sign(new RSASSASigner(rsa));
        refused(jwt.serialize());
        // Cognito is configured for RS256 only.
        refused(IdentityProvider.sign(ec, null, ProviderStyles.cognito(now(), "carl", List.of(), "x").build()));
    }

    @Test
    void headersThatCarryOrPointToKeysAreRefusedEvenWhenTheSignatureIsGood() {
        JWTClaimsSet claims = ProviderStyles.keycloak(now(), "kate", List.of("admin"), "openid").build();
        URI elsewhere = URI.create("https://evil.example.com/jwks.json");
        List<String> refusedHeaders = List.of(
                IdentityProvider.sign(rsa, "JWT", claims, h -> h.jwkURL(elsewhere)),
                IdentityProvider.sign(rsa, "JWT", claims, h -> h.x509CertURL(elsewhere)),
                IdentityProvider.sign(rsa, "JWT", claims, h -> h.jwk(rsa.toPublicJWK())),
                IdentityProvider.sign(rsa, "JWT", claims, h -> h.x509CertChain(List.of(new Base64("MIIBszCCAVmgAwIBAgIU")))));
        for (String token : refusedHeaders) {
            BadTokenException e = refused(token);
            assertTrue(e.getMessage().contains("header carries"), e.getMessage());
        }
    }

    @Test
    void critAndUnexpectedTypAreRefused() {
        JWTClaimsSet claims = ProviderStyles.keycloak(now(), "kate", List.of(), "openid").build();
        refused(IdentityProvider.sign(rsa, "JWT", claims, h -> h.criticalParams(Set.of("exp")).customParam("exp", 1)));
        refused(IdentityProvider.sign(rsa, "at+jwt", claims));
        refused(IdentityProvider.sign(rsa, null, claims));
        refused(IdentityProvider.sign(rsa, "JWT", ProviderStyles.cognito(now(), "carl", List.of(), "x").build()));
    }

    @Test
    void missingSubjectOrUserNameOrMisshapenRolesAreRefused() {
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid").subject(null).build()));
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .claim("preferred_username", null).build()));
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .claim("resource_access", Map.of(ProviderStyles.KEYCLOAK_CLIENT, Map.of("roles", 42)))
                .build()));
        refused(IdentityProvider.sign(rsa, "at+jwt", ProviderStyles.auth0(now(), "ann@example.com", List.of(), "x")
                .claim(ProviderStyles.AUTH0_ROLES, Map.of("admin", true)).build()));
    }

    @Test
    void anUnknownIssuerIsRefusedWithoutAnyFetch() {
        int before = idp.requests();
        refused(IdentityProvider.sign(rsa, "JWT", ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .issuer("https://unknown.example.com").build()));
        assertEquals(before, idp.requests());
    }

    @Test
    void aTokenClaimingJwtGatesIssuerButSignedByTheProviderIsRefused() {
        refused(keycloak(ProviderStyles.keycloak(now(), "kate", List.of("admin"), "openid").issuer("jwtgate")
                .audience("jwtgate").build()));
    }

    @Test
    void revocationByIdAndSessionAppliesUnderTheIssuersPrefix() throws java.text.ParseException {
        JWTClaimsSet claims = ProviderStyles.keycloak(now(), "kate", List.of(), "openid").build();
        String token = keycloak(claims);
        revoked.add(claims.getJWTID());
        verifier.verify(token);
        revoked.add("keycloak:" + claims.getJWTID());
        assertThrows(RevokedTokenException.class, () -> verifier.verify(token));

        JWTClaimsSet other = ProviderStyles.keycloak(now(), "kate", List.of(), "openid").build();
        revoked.add("keycloak:" + other.getStringClaim("sid"));
        assertThrows(RevokedTokenException.class, () -> verifier.verify(keycloak(other)));

        String auth0 = IdentityProvider.sign(rsa, "at+jwt", ProviderStyles.auth0(now(), "ann@example.com",
                List.of(), "x").build());
        revoked.add(verifier.verify(auth0).tokenId());
        assertThrows(RevokedTokenException.class, () -> verifier.verify(auth0));
    }
}
