package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.Seed;
import io.jwtgate.support.TestSettings;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The attack on trusted external issuers (issue 12) as an outsider, over real HTTP with servlets
 * mapped exact, by prefix, by extension and default: every probe here is refused as it should be
 * (the ones that are not are in the {@code *FindingsTest} classes). The Entra issuer's keys are at a
 * second provider with its own key, the Cognito issuer's at a provider that stays down.
 */
abstract class IssuerAttackContract extends IssuerHttpFixture {

    private final RSAKey otherProviderKey = IdentityProvider.rsaKey("rsa-b");
    private IdentityProvider entraIdp;
    private IdentityProvider cognitoDown;
    private IdentityProvider trap;
    private IdentityProvider fresh;
    private static final String FRESH_ISS = "https://fresh.example.com/realms/main";

    @Override
    protected Map<String, String> moreSettings() {
        entraIdp = IdentityProvider.start();
        entraIdp.publish(otherProviderKey);
        cognitoDown = IdentityProvider.down();
        trap = IdentityProvider.start();
        trap.publish(rsa);
        fresh = IdentityProvider.start();
        fresh.publish(rsa);
        fresh.mode(IdentityProvider.Mode.SLOW);
        fresh.slowness(java.time.Duration.ofMillis(800));
        return Map.of("jwtgate.trusted-issuer.entra.jwks-uri", entraIdp.jwksUri().toString(),
                "jwtgate.trusted-issuer.cognito.jwks-uri", cognitoDown.jwksUri().toString(),
                "jwtgate.trusted-issuer.fresh.issuer", FRESH_ISS,
                "jwtgate.trusted-issuer.fresh.audience", ProviderStyles.KEYCLOAK_CLIENT,
                "jwtgate.trusted-issuer.fresh.jwks-uri", fresh.jwksUri().toString(),
                "jwtgate.trusted-issuer.fresh.typ", "JWT");
    }

    @AfterAll
    void stopProviders() {
        entraIdp.close();
        cognitoDown.close();
        trap.close();
        fresh.close();
    }

    private Map<String, Object> kc(String user, List<String> roles, String scope) {
        return IssuerTokens.claims(ProviderStyles.keycloak(now(), user, roles, scope));
    }

    private void assertRefused(String what, String token) {
        for (String path : List.of("/api/hello", "/admin/users", "/reports/x.do", "/anything")) {
            Http.Response r = http.bearerGet(path, token);
            assertEquals(401, r.status(), what + " at " + path + ": " + r.body());
            assertFalse(r.body().contains("\"reached\""), what + " reached the application at " + path);
        }
    }

    private JsonNode ownPayload(String ownToken) {
        return StrictJson.parse(Base64.getUrlDecoder().decode(ownToken.split("\\.")[1]));
    }

    // --- issuer confusion ---

    @Test
    void aProviderSignedTokenClaimingJwtGatesOwnIssuerIsRefused() {
        JsonNode own = ownPayload(login("alice").get("access_token").textValue());
        Map<String, Object> claims = kc("alice", List.of("admin"), "openid");
        claims.put("iss", own.get("iss").textValue());
        claims.put("aud", own.get("aud").isTextual() ? own.get("aud").textValue() : own.get("aud").get(0).textValue());
        claims.put("sub", own.get("sub").textValue());
        claims.put("sid", own.has("sid") ? own.get("sid").textValue() : "s");
        assertRefused("provider key, own iss", IssuerTokens.sign(rsa, claims));
        assertRefused("provider key, own iss, no kid", IssuerTokens.sign(rsa, JWSAlgorithm.RS256, "JWT",
                IssuerTokens.json(claims), b -> b.keyID(null)));
    }

    @Test
    void aTokenSignedWithJwtGatesSecretClaimingTheProvidersIssuerIsRefused() {
        String payload = IssuerTokens.json(kc("kate", List.of("admin"), "openid"));
        assertRefused("HS256 with JwtGate's own secret, keycloak iss",
                IssuerTokens.hmac(JWSAlgorithm.HS256, null, TestSettings.secretBytes(), payload));
    }

    @Test
    void issValueVariantsAreNoTrustedIssuer() {
        String iss = ProviderStyles.KEYCLOAK_ISS;
        List<Object> variants = List.of(iss + "/", iss.toUpperCase(), iss.replace("sso.", "ssо."), " " + iss,
                iss + " ", iss + "\u200b", List.of(iss), 42, Map.of("iss", iss));
        for (Object v : variants) {
            Map<String, Object> claims = kc("kate", List.of("admin"), "openid");
            claims.put("iss", v);
            assertRefused("iss " + v, IssuerTokens.sign(rsa, claims));
        }
    }

    @Test
    void duplicateIssMembersAreRefused() {
        String body = IssuerTokens.json(kc("kate", List.of("admin"), "openid"));
        String dup = "{\"iss\":\"https://evil.example.com\"," + body.substring(1);
        String dup2 = body.substring(0, body.length() - 1) + ",\"iss\":\"https://evil.example.com\"}";
        String dupRoles = body.substring(0, body.length() - 1)
                + ",\"resource_access\":{\"legacy-app\":{\"roles\":[\"admin\"]}}}";
        assertRefused("duplicate iss first", IssuerTokens.sign(rsa, dup));
        assertRefused("duplicate iss last", IssuerTokens.sign(rsa, dup2));
        assertRefused("duplicate resource_access", IssuerTokens.sign(rsa, dupRoles));
    }

    @Test
    void aTokenOfOneTrustedIssuerSignedWithAnotherTrustedIssuersKeyIsRefused() {
        // Keycloak's iss, signed with Entra's key under Entra's kid.
        String token = IssuerTokens.sign(otherProviderKey, kc("kate", List.of("admin"), "openid"));
        assertRefused("keycloak claims, entra key", token);
        // And the reverse: Entra's iss signed with Keycloak's key.
        Map<String, Object> entra = IssuerTokens.claims(ProviderStyles.entra(now(), "abe@contoso.com",
                List.of("admin"), "messages:read"));
        assertRefused("entra claims, keycloak key", IssuerTokens.sign(rsa, entra));
        assertEquals(200, http.bearerGet("/admin/users", IssuerTokens.sign(otherProviderKey, entra)).status(),
                "the control: Entra's own key works");
    }

    // --- algorithm confusion ---

    @Test
    void hmacTokensKeyedWithTheProvidersPublicKeyInEveryEncodingAreRefused() throws Exception {
        String payload = IssuerTokens.json(kc("kate", List.of("admin"), "openid"));
        byte[] der = rsa.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        List<byte[]> secrets = List.of(der, pem.getBytes(StandardCharsets.US_ASCII),
                pem.trim().getBytes(StandardCharsets.US_ASCII),
                rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                idp.jwksJson().getBytes(StandardCharsets.UTF_8),
                unsigned(rsa.getModulus().decodeToBigInteger()),
                rsa.getModulus().toString().getBytes(StandardCharsets.US_ASCII));
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            for (byte[] secret : secrets) {
                assertRefused(alg + " keyed with the public key", IssuerTokens.hmac(alg, "rsa-1", secret, payload));
            }
        }
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    @Test
    void unsignedAndAlgorithmSwappedTokensAreRefused() {
        String payload = IssuerTokens.json(kc("kate", List.of("admin"), "openid"));
        for (String alg : List.of("none", "None", "NONE", "nOnE", "")) {
            assertRefused("alg " + alg, IssuerTokens.raw("{\"alg\":\"" + alg + "\",\"kid\":\"rsa-1\",\"typ\":\"JWT\"}",
                    payload, new byte[0]));
        }
        // Keycloak allows RS256 and ES256: the same RSA key under RS384/RS512/PS256, the EC key under ES384/ES512.
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
                JWSAlgorithm.PS384)) {
            assertRefused("RSA key under " + alg, IssuerTokens.sign(rsa, alg, "JWT", payload, b -> { }));
        }
        // A valid RS256 signature presented under another alg name.
        String good = IssuerTokens.sign(rsa, payload);
        String[] parts = good.split("\\.");
        for (String alg : List.of("RS384", "PS256", "ES256", "EdDSA")) {
            String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"kid\":\"rsa-1\",\"typ\":\"JWT\"}").toString();
            assertRefused("RS256 signature relabelled " + alg, header + "." + parts[1] + "." + parts[2]);
        }
        // An ES256 signature relabelled ES384, and in DER form.
        String ecGood = IssuerTokens.sign(ec, payload);
        String[] ecParts = ecGood.split("\\.");
        String es384 = Base64URL.encode("{\"alg\":\"ES384\",\"kid\":\"ec-1\",\"typ\":\"JWT\"}").toString();
        assertRefused("ES256 relabelled ES384", es384 + "." + ecParts[1] + "." + ecParts[2]);
        assertRefused("all-zero ES256 signature", ecParts[0] + "." + ecParts[1] + "." + Base64URL.encode(new byte[64]));
        assertEquals(200, http.bearerGet("/api/hello", ecGood).status(), "the control");
    }

    @Test
    void keyCarryingHeadersAreRefusedAndNothingIsFetchedFromThem() throws Exception {
        String payload = IssuerTokens.json(kc("kate", List.of("admin"), "openid"));
        URI trapUri = trap.jwksUri();
        List<String> tokens = new ArrayList<>();
        tokens.add(IssuerTokens.sign(rsa, JWSAlgorithm.RS256, "JWT", payload, b -> b.jwkURL(trapUri)));
        tokens.add(IssuerTokens.sign(rsa, JWSAlgorithm.RS256, "JWT", payload, b -> b.x509CertURL(trapUri)));
        tokens.add(IssuerTokens.sign(rsa, JWSAlgorithm.RS256, "JWT", payload, b -> b.jwk(rsa.toPublicJWK())));
        RSAKey attacker = IdentityProvider.rsaKey("rsa-1");
        tokens.add(IssuerTokens.sign(attacker, JWSAlgorithm.RS256, "JWT", payload, b -> b.jwk(attacker.toPublicJWK())));
        tokens.add(IssuerTokens.sign(attacker, JWSAlgorithm.RS256, "JWT", payload, b -> b.jwkURL(trapUri).keyID("trap")));
        tokens.add(IssuerTokens.sign(rsa, JWSAlgorithm.RS256, "JWT", payload,
                b -> b.x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(new byte[] {48, 3, 2, 1, 1})))));
        for (String t : tokens) {
            assertRefused("key-carrying header", t);
        }
        assertEquals(0, trap.requests(), "a jku/x5u must never be fetched");
        // x5t is informational (decision 434): ignored, fetches nothing, the token verifies by kid.
        String x5t = IssuerTokens.sign(rsa, JWSAlgorithm.RS256, "JWT", payload,
                b -> b.x509CertSHA256Thumbprint(Base64URL.encode(new byte[32])));
        assertEquals(200, http.bearerGet("/api/hello", x5t).status());
        assertEquals(0, trap.requests());
    }

    // --- claims ---

    @Test
    void audienceShapesOtherThanAStringOrArrayOfStringsHoldingTheAudienceAreRefused() {
        List<Object> auds = List.of(List.of(), List.of(1, ProviderStyles.KEYCLOAK_CLIENT), Map.of("a", "legacy-app"),
                ProviderStyles.KEYCLOAK_CLIENT + " ", "Legacy-App", List.of(List.of("legacy-app")));
        for (Object aud : auds) {
            Map<String, Object> c = kc("kate", List.of(), "openid");
            c.put("aud", aud);
            assertRefused("aud " + aud, IssuerTokens.sign(rsa, c));
        }
        Map<String, Object> none = kc("kate", List.of(), "openid");
        none.remove("aud");
        assertRefused("no aud", IssuerTokens.sign(rsa, none));
    }

    @Test
    void timeClaimsOfTheWrongShapeOrTooFarAwayAreRefused() {
        long now = now().getEpochSecond();
        List<Object> exps = List.of(String.valueOf(now + 300), now + 10L * 365 * 86400, 1e300, -1, true,
                List.of(now + 300));
        for (Object exp : exps) {
            Map<String, Object> c = kc("kate", List.of(), "openid");
            c.put("exp", exp);
            assertRefused("exp " + exp, IssuerTokens.sign(rsa, c));
        }
        Map<String, Object> noExp = kc("kate", List.of(), "openid");
        noExp.remove("exp");
        assertRefused("no exp", IssuerTokens.sign(rsa, noExp));
        Map<String, Object> nbf = kc("kate", List.of(), "openid");
        nbf.put("nbf", now + 3600);
        assertRefused("nbf an hour ahead", IssuerTokens.sign(rsa, nbf));
        Map<String, Object> fraction = kc("kate", List.of(), "openid");
        fraction.put("exp", now + 300.75);
        assertEquals(200, http.bearerGet("/api/hello", IssuerTokens.sign(rsa, fraction)).status(),
                "a fractional exp is a NumericDate");
    }

    @Test
    void roleClaimShapesAndLookAlikeRolesGrantNothing() {
        String path = "resource_access";
        List<Object> badShapes = List.of(Map.of("x", "admin"), List.of(1), List.of(true), List.of(List.of("admin")));
        for (Object roles : badShapes) {
            Map<String, Object> c = kc("kate", List.of(), "openid");
            c.put(path, Map.of("legacy-app", Map.of("roles", roles)));
            assertRefused("roles " + roles, IssuerTokens.sign(rsa, c));
        }
        for (String lookAlike : List.of("admin ", " admin", "ADMIN", "Admin", "аdmin", "*", "**", "role:admin")) {
            String token = keycloak("kate", List.of(lookAlike), "openid");
            Http.Response r = http.bearerGet("/admin/users", token);
            assertEquals(403, r.status(), "role '" + lookAlike + "': " + r.body());
            assertEquals(403, http.bearerGet("/reports/x.do", token).status(), "role '" + lookAlike + "' at *.do");
        }
        // A role holding a control character refuses the whole token (decision 444).
        assertRefused("role 'admin' + NUL", keycloak("kate", List.of("admin\u0000"), "openid"));
        // The realm's roles are not the client's; a realm_access that is an array is no roles.
        Map<String, Object> realmAdmin = kc("kate", List.of(), "openid");
        realmAdmin.put("realm_access", Map.of("roles", List.of("admin")));
        assertEquals(403, http.bearerGet("/admin/users", IssuerTokens.sign(rsa, realmAdmin)).status());
        Map<String, Object> realmArray = kc("kate", List.of(), "openid");
        realmArray.put("resource_access", List.of(Map.of("legacy-app", Map.of("roles", List.of("admin")))));
        Http.Response r = http.bearerGet("/admin/users", IssuerTokens.sign(rsa, realmArray));
        assertEquals(403, r.status(), r.body());
        // Ten thousand roles: accepted or refused, never a 500, and no admin among them.
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add("r" + i);
        }
        Http.Response big = http.bearerGet("/admin/users", keycloak("kate", many, "openid"));
        assertTrue(big.status() == 403 || big.status() == 401 || big.status() == 431 || big.status() == 400,
                "10 000 roles: " + big.status());
    }

    @Test
    void aProviderUserNamedLikeALocalUserGetsOnlyTheProvidersRolesAndCannotActOnTheLocalAccount() {
        for (String name : List.of("admin", "alice", "ADMIN", "аdmin")) {
            String token = keycloak(name, List.of(), "openid");
            Http.Response r = http.bearerGet("/admin/users", token);
            assertEquals(403, r.status(), name + " must not get the local account's roles: " + r.body());
            Http.Response hello = http.bearerGet("/api/hello", token);
            assertEquals(200, hello.status());
            JsonNode body = json(hello);
            if (name.chars().allMatch(ch -> ch < 128)) {
                // The echo servlet writes without a charset (Tomcat: ISO-8859-1), so only ASCII compares.
                assertEquals(name, body.get("remoteUser").textValue());
            }
            assertFalse(body.get("isUser").booleanValue(), "local alice is a user; the provider's is not");
            assertFalse(body.get("isAdmin").booleanValue());
            for (Http.Response own : List.of(
                    http.postJson("/auth/token", "{\"scopes\":[]}", "Authorization", "Bearer " + token),
                    http.postJson("/auth/password", "{\"current_password\":\"" + Seed.PASSWORD
                            + "\",\"new_password\":\"a brand new passphrase 42\"}", "Authorization", "Bearer " + token),
                    http.postJson("/auth/logout", "{}", "Authorization", "Bearer " + token))) {
                assertEquals(401, own.status(), name + ": " + own.body());
            }
        }
        // The local accounts are untouched: their password still logs them in.
        login("alice");
        login("admin");
    }

    @Test
    void logoutWithARefreshTokenBodyAndAnExternalBearerEndsNothingOfTheProvidersOrTheLocalUser() {
        JsonNode alice = login("alice");
        String aliceAccess = alice.get("access_token").textValue();
        String token = keycloak("alice", List.of("user"), "openid");
        Http.Response r = http.postJson("/auth/logout", "{\"refresh_token\":\"not-a-refresh-token\"}",
                "Authorization", "Bearer " + token);
        // The bearer is only looked at as JwtGate's own token here; an external one is ignored (204 as RFC 7009).
        assertEquals(204, r.status(), r.body());
        assertEquals(200, http.bearerGet("/api/hello", token).status(), "the external token is not revoked");
        assertEquals(200, http.bearerGet("/api/hello", aliceAccess).status(), "local alice's session goes on");
    }

    @Test
    void externalJtiCollidingWithAnOwnTokenIdRevokesNeither() {
        JsonNode alice = login("alice");
        String own = alice.get("access_token").textValue();
        String ownJti = ownPayload(own).get("jti").textValue();
        Map<String, Object> c = kc("alice", List.of("user"), "openid");
        c.put("jti", ownJti);
        c.put("sid", ownPayload(own).has("sid") ? ownPayload(own).get("sid").textValue() : "x");
        String external = IssuerTokens.sign(rsa, c);
        // Local alice revokes her own token by id: the external token with the same jti lives on.
        Http.Response del = http.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/" + ownJti,
                List.of("Authorization: Bearer " + own), null);
        assertTrue(del.status() / 100 == 2, "DELETE own: " + del.status() + " " + del.body());
        assertEquals(401, http.bearerGet("/api/hello", own).status(), "the own token is revoked");
        assertEquals(200, http.bearerGet("/api/hello", external).status(), "the external token is keyed keycloak:<jti>");
        // Revoking "keycloak:<jti>" through JwtGate's own endpoint is not possible for a local user.
        String second = login("alice").get("access_token").textValue();
        Http.Response del2 = http.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/keycloak:" + ownJti,
                List.of("Authorization: Bearer " + second), null);
        assertEquals(200, http.bearerGet("/api/hello", external).status(), "after DELETE keycloak:<jti>: " + del2.status());
    }

    @Test
    void nonAccessTokenKindsAreRefused() {
        Map<String, Object> id = IssuerTokens.claims(ProviderStyles.keycloakIdToken(now(), "kate"));
        assertRefused("keycloak ID", IssuerTokens.sign(rsa, id));
        for (String typ : List.of("Refresh", "Offline", "Logout", "ID", "Serialized-ID", "", "bearer ")) {
            Map<String, Object> c = kc("kate", List.of("admin"), "openid");
            c.put("typ", typ);
            assertRefused("keycloak payload typ " + typ, IssuerTokens.sign(rsa, c));
        }
        Map<String, Object> logout = kc("kate", List.of("admin"), "openid");
        logout.remove("typ");
        logout.put("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        assertRefused("back-channel logout token", IssuerTokens.sign(rsa, JWSAlgorithm.RS256, "logout+jwt",
                IssuerTokens.json(logout), b -> { }));
        Map<String, Object> at = kc("kate", List.of("admin"), "openid");
        at.put("typ", "ID");
        assertRefused("at+jwt header, ID payload", IssuerTokens.sign(rsa, JWSAlgorithm.RS256, "at+jwt",
                IssuerTokens.json(at), b -> { }));
        // Cognito's marker on a provider that is up (this fixture's Cognito stays down).
        for (Object use : List.of("id", "ID", "", 1)) {
            Map<String, Object> c = kc("kate", List.of("admin"), "openid");
            c.put("token_use", use);
            assertRefused("token_use " + use, IssuerTokens.sign(rsa, c));
        }
    }

    // --- failure semantics ---

    @Test
    void aProviderThatIsDownGives503ForItsTokensOnlyAndNeverForOwnTokensOrBasic() {
        String cognito = IdentityProvider.sign(rsa, null, ProviderStyles.cognito(now(), "carl", List.of(),
                "messages:read").build());
        for (String path : List.of("/api/hello", "/admin/users", "/reports/x.do", "/x", "/auth/me")) {
            Http.Response r = http.bearerGet(path, cognito);
            assertEquals(503, r.status(), path + ": " + r.body());
            assertEquals("5", r.header("Retry-After"), path);
            assertNull(r.header("WWW-Authenticate"), path);
        }
        String own = login("alice").get("access_token").textValue();
        assertEquals(200, http.bearerGet("/api/hello", own).status());
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + Seed.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Http.Response b = http.get("/api/hello", "Authorization", basic);
        assertTrue(b.status() == 200 || b.status() == 401, "Basic never 503: " + b.status());
        assertEquals(200, http.bearerGet("/api/hello", keycloak("kate", List.of(), "openid")).status(),
                "another provider's tokens go on");
        // Refusable from the header alone: still a 401 while the provider is down.
        String hs = IssuerTokens.hmac(JWSAlgorithm.HS256, "x", TestSettings.secretBytes(), IssuerTokens.json(
                IssuerTokens.claims(ProviderStyles.cognito(now(), "carl", List.of(), "x"))));
        assertEquals(401, http.bearerGet("/api/hello", hs).status());
        assertEquals(0, trap.requests());
        // Observed and reported: claims are read only after the key, so a token of the down provider
        // that is an ID token, for another audience or long expired is a 503 too, not a 401.
        List<String> badButNeedsKeys = List.of(
                IdentityProvider.sign(rsa, null, ProviderStyles.cognitoIdToken(now(), "carl").build()),
                IdentityProvider.sign(rsa, null, ProviderStyles.cognito(now(), "carl", List.of(), "x")
                        .claim("client_id", "another-client").build()),
                IdentityProvider.sign(rsa, null, ProviderStyles.cognito(now().minusSeconds(86_400), "carl", List.of(),
                        "x").build()));
        for (String t : badButNeedsKeys) {
            assertEquals(503, http.bearerGet("/api/hello", t).status());
        }
    }

    // --- fetching under load ---

    @Test
    void concurrentFirstRequestsShareOneFetchAndMadeUpKidFloodsCostOneFetchPerMinRefresh() throws Exception {
        Map<String, Object> claims = kc("kate", List.of("user"), "openid");
        claims.put("iss", FRESH_ISS);
        String good = IssuerTokens.sign(rsa, claims);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 16; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return http.bearerGet("/api/hello", good).status();
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<Integer> a : answers) {
                assertEquals(200, a.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fresh.requests(), "16 concurrent first requests, one fetch in flight");
        fresh.mode(IdentityProvider.Mode.NORMAL);
        for (int round = 1; round <= 2; round++) {
            clock.advance(java.time.Duration.ofSeconds(30));
            for (int i = 0; i < 50; i++) {
                RSAKey madeUp = i % 10 == 0 ? IdentityProvider.rsaKey("made-up-" + round + "-" + i) : rsa;
                String token = IssuerTokens.sign(madeUp, JWSAlgorithm.RS256, "JWT", IssuerTokens.json(claims),
                        b -> b.keyID("made-up-" + java.util.UUID.randomUUID()));
                assertEquals(401, http.bearerGet("/api/hello", token).status());
            }
            assertEquals(1 + round, fresh.requests(), "round " + round + ": one refetch per min-refresh");
        }
        assertEquals(200, http.bearerGet("/api/hello", good).status());
    }
}
