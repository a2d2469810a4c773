package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.json.StrictJson;
import io.jwtgate.support.Container;
import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.LogCapture;
import io.jwtgate.support.MutableClock;
import io.jwtgate.support.ProviderStyles;
import io.jwtgate.support.Seed;
import io.jwtgate.support.ServletApiServlet;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.engine.Deployment;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tokens of trusted external issuers through the filter over real HTTP, in each embedded
 * container: a JWKS endpoint on 127.0.0.1 plays the identity provider and its keys are read by
 * JwtGate's own JWK parser; the clock is injected. The provider is down while the application
 * starts: start-up neither waits for it nor fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class TrustedIssuersContract {

    static final String RULES = String.join("\n",
            "GET,POST   /admin/**          -> role:admin",
            "GET        /api/messages/**   -> scope:messages:read",
            "           /public/**         -> permit",
            "           /**                -> authenticated");

    static final String GONE_ISS = "https://gone.example.com/realms/main";
    static final String OWN_TOKENS_ONLY = "This endpoint accepts only access tokens issued by JwtGate";

    private final RSAKey rsa = IdentityProvider.rsaKey("rsa-1");
    private final ECKey ec = IdentityProvider.ecKey("ec-1");
    private final MutableClock clock = new MutableClock(Instant.now());
    private IdentityProvider idp;
    private IdentityProvider outage;
    private IdentityProvider gone;
    private Path dir;
    private Container.Running server;
    private Http http;

    protected abstract Container container();

    @BeforeAll
    void start() throws Exception {
        idp = IdentityProvider.down();
        idp.publish(rsa, ec);
        outage = IdentityProvider.down();
        outage.publish(rsa);
        gone = IdentityProvider.down();
        dir = Files.createTempDirectory("jwtgate-issuers");
        Map<String, String> params = TestSettings.params(dir);
        params.putAll(ProviderStyles.settings(idp.jwksUri()));
        // Entra's keys live at a provider that stays down until a test brings it up.
        params.put("jwtgate.trusted-issuer.entra.jwks-uri", outage.jwksUri().toString());
        // A provider that never comes back: its tokens get 503 wherever they are presented.
        params.put("jwtgate.trusted-issuer.gone.issuer", GONE_ISS);
        params.put("jwtgate.trusted-issuer.gone.audience", ProviderStyles.KEYCLOAK_CLIENT);
        params.put("jwtgate.trusted-issuer.gone.jwks-uri", gone.jwksUri().toString());
        params.put("jwtgate.rules", RULES);
        Seed.users(params);
        server = container().startDispatching(params, dir, Map.of("io.jwtgate.clock", clock),
                List.of(new Deployment.FilterMapping("JwtAuthFilter", JwtAuthFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ASYNC,
                                DispatcherType.ERROR))),
                List.of(new Deployment.ServletMapping("servlet-api", ServletApiServlet.class, "/api/sec/*", -1)),
                Map.of());
        http = server.http();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        idp.close();
        outage.close();
        gone.close();
    }

    private Instant now() {
        return clock.instant();
    }

    private String keycloak(List<String> roles, String scope) {
        return IdentityProvider.sign(rsa, "JWT", ProviderStyles.keycloak(now(), "kate", roles, scope).build());
    }

    private static JsonNode json(Http.Response r) {
        return StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalidToken(Http.Response r) {
        assertEquals(401, r.status(), r.body());
        assertTrue(r.header("WWW-Authenticate").contains("error=\"invalid_token\""), r.header("WWW-Authenticate"));
        assertFalse(r.body().contains("\"reached\""), "must not reach the application");
    }

    @Test
    @Order(1)
    void startUpNeitherWaitsForNorFailsBecauseOfTheProviderAndTheFirstTokenWorksOnceItIsUp() {
        assertTrue(server.available(), server.startFailure());
        assertEquals(0, idp.requests(), "nothing fetched at start");
        assertTrue(LogCapture.lines().stream().anyMatch(l -> l.contains("accepts tokens of trusted issuer")
                && l.contains("trusted issuer 'keycloak' (iss " + ProviderStyles.KEYCLOAK_ISS + ", aud legacy-app")), "the start-up log names the trusted issuers");
        idp.up();
        Http.Response r = http.bearerGet("/api/hello", keycloak(List.of("user"), "openid"));
        assertEquals(200, r.status(), r.body());
        JsonNode body = json(r);
        assertEquals("kate", body.get("remoteUser").textValue());
        assertEquals("BEARER", body.get("authType").textValue());
        assertEquals(ProviderStyles.KEYCLOAK_ISS, body.get("claimIss").textValue());
        assertTrue(body.get("tokenId").textValue().startsWith("keycloak:"), body.toString());
        assertEquals(1, idp.requests());
    }

    @Test
    @Order(2)
    void anIssuerWhoseKeysCannotBeHadGets503WithRetryAfterNot401() {
        String token = IdentityProvider.sign(rsa, "JWT", ProviderStyles.entra(now(), "abe@contoso.com",
                List.of(), "messages:read").build());
        Http.Response r = http.bearerGet("/api/hello", token);
        assertEquals(503, r.status(), r.body());
        assertEquals("5", r.header("Retry-After"));
        assertNull(r.header("WWW-Authenticate"), "not the client's fault: no challenge");
        outage.up();
        assertEquals(503, http.bearerGet("/api/hello", token).status(), "attempts are spaced by min-refresh");
        clock.advance(Duration.ofSeconds(30));
        Http.Response later = http.bearerGet("/api/hello", token);
        assertEquals(200, later.status(), later.body());
        assertEquals("abe@contoso.com", json(later).get("remoteUser").textValue());
    }

    @Test
    void roleRuleAppliesToExternalRolesAtAPrefixMapping() {
        Http.Response admin = http.bearerGet("/admin/users", keycloak(List.of("admin"), "openid"));
        assertEquals(200, admin.status(), admin.body());
        JsonNode body = json(admin);
        assertEquals("echo-admin", body.get("servlet").textValue());
        assertTrue(body.get("isAdmin").booleanValue());
        assertEquals("[admin]", body.get("roles").textValue());

        Http.Response user = http.bearerGet("/admin/users", keycloak(List.of("user"), "openid"));
        assertEquals(403, user.status());
        assertFalse(user.body().contains("\"reached\""));

        String auth0Admin = IdentityProvider.sign(rsa, "at+jwt", ProviderStyles.auth0(now(), "ann@example.com",
                List.of("admin"), "openid").build());
        assertEquals(200, http.bearerGet("/admin/users", auth0Admin).status());
    }

    @Test
    void scopeRuleAppliesToExternalScopes() {
        String cognito = IdentityProvider.sign(rsa, null, ProviderStyles.cognito(now(), "carl", List.of(),
                "messages:read").build());
        Http.Response ok = http.bearerGet("/api/messages/1", cognito);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("carl", json(ok).get("remoteUser").textValue());
        assertEquals("[messages:read]", json(ok).get("scopes").textValue());

        Http.Response without = http.bearerGet("/api/messages/1", keycloak(List.of("admin"), "openid profile"));
        assertEquals(403, without.status());
        assertTrue(without.header("WWW-Authenticate").contains("insufficient_scope"), without.header("WWW-Authenticate"));
    }

    @Test
    void es256KeysFromTheSameSetAreUsed() {
        String token = IdentityProvider.sign(ec, "JWT", ProviderStyles.keycloak(now(), "erin", List.of(), "openid")
                .build());
        assertEquals(200, http.bearerGet("/api/hello", token).status());
    }

    @Test
    void refusedTokensGet401InvalidToken() {
        String good = keycloak(List.of("user"), "openid");
        String[] parts = good.split("\\.");
        assertInvalidToken(http.bearerGet("/api/hello", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10)
                + (parts[2].charAt(10) == 'A' ? 'B' : 'A') + parts[2].substring(11)));
        assertInvalidToken(http.bearerGet("/api/hello", IdentityProvider.sign(rsa, "JWT",
                ProviderStyles.keycloak(now(), "kate", List.of(), "openid").audience("other-app").build())));
        assertInvalidToken(http.bearerGet("/api/hello", IdentityProvider.sign(rsa, "JWT",
                ProviderStyles.keycloak(now(), "kate", List.of(), "openid").issuer("https://other.example.com").build())));
        assertInvalidToken(http.bearerGet("/api/hello", IdentityProvider.sign(rsa, "JWT",
                ProviderStyles.keycloakIdToken(now(), "kate").build())));
        assertInvalidToken(http.bearerGet("/api/hello", IdentityProvider.sign(rsa, "JWT",
                ProviderStyles.keycloak(now(), "kate", List.of(), "openid").build(),
                h -> h.jwkURL(URI.create("https://evil.example.com/jwks")))));
        assertInvalidToken(http.bearerGet("/api/hello",
                IdentityProvider.sign(IdentityProvider.rsaKey("rsa-1"), "JWT",
                        ProviderStyles.keycloak(now(), "kate", List.of(), "openid").build())));
    }

    @Test
    void anExpiredExternalTokenGets401ExpiredByTheInjectedClock() {
        JWTClaimsSet claims = ProviderStyles.keycloak(now().minusSeconds(600), "kate", List.of(), "openid").build();
        Http.Response r = http.bearerGet("/api/hello", IdentityProvider.sign(rsa, "JWT", claims));
        assertEquals(401, r.status());
        assertTrue(r.body().contains("The access token expired"), r.body());
    }

    @Test
    void keyRotationAtTheProviderIsFollowedWithoutRestart() {
        RSAKey next = IdentityProvider.rsaKey("rsa-2");
        idp.publish(rsa, next, ec);
        clock.advance(Duration.ofSeconds(30));
        String signedByNext = IdentityProvider.sign(next, "JWT", ProviderStyles.keycloak(now(), "kate", List.of(),
                "openid").build());
        assertEquals(200, http.bearerGet("/api/hello", signedByNext).status(), "a new kid is fetched at once");
        assertEquals(200, http.bearerGet("/api/hello", keycloak(List.of(), "openid")).status(), "the old one still works");
        idp.publish(next, ec);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(200, http.bearerGet("/api/hello", signedByNext).status());
        assertInvalidToken(http.bearerGet("/api/hello", keycloak(List.of(), "openid")));
        // Back to the original key for the other tests: their rsa-1 is an unknown kid after min-refresh.
        idp.publish(rsa, next, ec);
        clock.advance(Duration.ofSeconds(30));
    }

    @Test
    void requestLogoutOfAnExternalCallerLeavesTheProvidersSessionAlone() {
        String token = keycloak(List.of("user"), "openid");
        Http.Response logout = http.bearerGet("/api/sec/logout", token);
        assertEquals(200, logout.status(), logout.body());
        assertFalse(logout.body().contains("logoutError"), logout.body());
        Http.Response after = http.bearerGet("/api/hello", token);
        assertEquals(200, after.status(), "the provider ends its sessions; JwtGate revoked nothing: " + after.body());
    }

    @Test
    void jwtGatesOwnLoginStillWorksBesideTrustedIssuers() {
        Http.Response login = http.postJson("/auth/login",
                "{\"username\":\"alice\",\"password\":\"" + Seed.PASSWORD + "\"}");
        assertEquals(200, login.status(), login.body());
        String own = json(login).get("access_token").textValue();
        io.jwtgate.support.Secrets.remember(own);
        Http.Response r = http.bearerGet("/api/hello", own);
        assertEquals(200, r.status());
        assertEquals("alice", json(r).get("remoteUser").textValue());
    }

    @Test
    void meAnswersForAnExternalCaller() {
        JWTClaimsSet claims = ProviderStyles.keycloak(now(), "kate", List.of("admin", "user"), "openid messages:read")
                .build();
        Http.Response r = http.bearerGet("/auth/me", IdentityProvider.sign(rsa, "JWT", claims));
        assertEquals(200, r.status(), r.body());
        JsonNode me = json(r);
        assertEquals(claims.getSubject(), me.get("sub").textValue());
        assertEquals("kate", me.get("username").textValue());
        assertEquals("[\"admin\",\"user\"]", me.get("roles").toString());
        assertEquals("[\"messages:read\",\"openid\"]", me.get("scopes").toString());
        assertEquals("keycloak:" + claims.getJWTID(), me.get("token_id").textValue());
        assertEquals(claims.getExpirationTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                me.get("expires_at").textValue(), "exp is whole seconds in the token");
    }

    @Test
    void endpointsActingOnJwtGatesOwnSessionsRefuseExternalTokensAsInvalid() {
        String token = keycloak(List.of("admin"), "openid");
        List<Http.Response> answers = List.of(
                http.postJson("/auth/token", "{\"scopes\":[]}", "Authorization", "Bearer " + token),
                http.postJson("/auth/logout", "{}", "Authorization", "Bearer " + token),
                http.postJson("/auth/password", "{\"current_password\":\"a\",\"new_password\":\"b\"}",
                        "Authorization", "Bearer " + token),
                http.raw("DELETE", Container.CONTEXT_PATH + "/auth/token/keycloak:abc",
                        List.of("Authorization: Bearer " + token), null));
        for (Http.Response r : answers) {
            assertEquals(401, r.status(), r.body());
            assertEquals("{\"error\":\"invalid_token\",\"error_description\":\"" + OWN_TOKENS_ONLY + "\"}", r.body());
            assertEquals("Bearer realm=\"jwtgate\", error=\"invalid_token\", error_description=\"" + OWN_TOKENS_ONLY
                    + "\"", r.header("WWW-Authenticate"));
        }
        assertEquals(200, http.bearerGet("/api/hello", token).status(), "the token itself was not revoked");
    }

    @Test
    void anUnreachableProvidersTokenGets503AtTheFilterAndAtMe() {
        String token = IdentityProvider.sign(rsa, "JWT", ProviderStyles.keycloak(now(), "kate", List.of(), "openid")
                .issuer(GONE_ISS).build());
        for (String path : List.of("/api/hello", "/auth/me")) {
            Http.Response r = http.bearerGet(path, token);
            assertEquals(503, r.status(), path + ": " + r.body());
            assertEquals("5", r.header("Retry-After"), path);
            assertTrue(r.body().contains("temporarily_unavailable"), r.body());
        }
    }
}
