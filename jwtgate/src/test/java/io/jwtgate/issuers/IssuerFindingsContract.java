package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jwtgate.support.Http;
import io.jwtgate.support.IdentityProvider;
import io.jwtgate.support.ProviderStyles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Findings of the attack on trusted external issuers (issue 12), over real HTTP in each container,
 * with the documented provider settings of {@code docs/keys.md} ({@link ProviderStyles}). Each test
 * asserts the correct behaviour; each failed before its fix (decisions 442-444); the evidence of what
 * was observed is on each test.
 */
abstract class IssuerFindingsContract extends IssuerHttpFixture {

    /**
     * <b>An Entra ID token passes as an access token.</b> Decision 435: "Where a provider does not
     * say (Auth0, Entra), the audience keeps ID tokens out: their aud is the client id, not the API's
     * audience." For Entra v2 that is not so: {@code docs/keys.md} configures
     * {@code entra.audience=<application-client-id>}, and an Entra v2 access token for the app's own
     * API and the ID token issued to that same app registration both carry {@code aud} = the client
     * id, the same {@code iss}, the same keys, header {@code typ: JWT}, and no payload {@code typ} or
     * {@code token_use}. App roles are put into ID tokens too. Observed: an ID-token-shaped Entra token
     * ({@code nonce}, no {@code scp}, no {@code azp}, {@code roles: [admin]}) gets 200 at
     * {@code /admin/users} under {@code role:admin}. An ID token is handed to the client (browser,
     * SPA), often logged or stored by it, and was never meant as a bearer credential for the API
     * (RFC 8725 §3.11, RFC 9068 §4). Correct: refused (401), e.g. by treating a {@code nonce}
     * (OIDC ID tokens only) as an ID-token marker, or by requiring Entra's access-token shape
     * ({@code scp} or {@code azp}), or by documenting {@code typ=at+jwt}-only / a distinct App ID URI
     * audience for Entra.
     */
    @Test
    void anEntraIdTokenForTheSameAppRegistrationIsNotAnAccessToken() {
        Map<String, Object> id = IssuerTokens.claims(ProviderStyles.entra(now(), "abe@contoso.com",
                List.of("admin"), "unused"));
        id.remove("scp");
        id.remove("azp");
        id.remove("azpacr");
        id.put("nonce", "n-0S6_WzA2Mj");
        id.put("email", "abe@contoso.com");
        Http.Response r = http.bearerGet("/admin/users", IssuerTokens.sign(rsa, id));
        assertEquals(401, r.status(), "an Entra ID token must not open role:admin: " + r.body());
        assertFalse(r.body().contains("\"reached\""));
    }

    /**
     * <b>A provider-granted {@code all:any} satisfies every scope rule.</b> {@code all:any} is
     * JwtGate's own super-scope (spec §4, {@code Scopes.ALL}); decision 437 says external scopes are
     * "what the provider granted" and {@code role-scopes} does not narrow them, but neither
     * {@code docs/keys.md} nor decision 437 says that a provider scope spelled {@code all:any} (or
     * {@code resource:*}) is read with JwtGate's wildcard meaning. A provider's scope names are chosen
     * by whoever administers that provider's client scopes/API permissions (in Keycloak any realm admin,
     * and dynamic/optional scopes a client may request), not by the JwtGate operator. Observed: a
     * Keycloak token with {@code scope: "openid all:any"} gets 200 at {@code /api/messages/1}
     * ({@code scope:messages:read}). Correct (this test): refused, 403 {@code insufficient_scope};
     * the alternative fix is an explicit, documented per-issuer choice.
     */
    @Test
    void aProviderScopeNamedAllAnyDoesNotSatisfyEveryScopeRule() {
        Http.Response r = http.bearerGet("/api/messages/1", keycloak("kate", List.of(), "openid all:any"));
        assertEquals(403, r.status(), "a provider's all:any must not be JwtGate's super-scope: " + r.body());
    }

    /** As above for the {@code resource:*} wildcard. Observed: 200. */
    @Test
    void aProviderScopeWithAWildcardDoesNotSatisfyTheResourcesScopes() {
        Http.Response r = http.bearerGet("/api/messages/1", keycloak("kate", List.of(), "openid messages:*"));
        assertEquals(403, r.status(), "a provider's messages:* must not be JwtGate's wildcard: " + r.body());
    }

    /**
     * <b>Provider user names with control characters reach the application.</b> JwtGate's own user
     * names never hold control characters (decisions 88-90, {@code UsernamePolicy}), so an application
     * that logs {@code getRemoteUser()} or {@code jwtgate.username} was safe from log injection;
     * {@code ClaimMapping.username} only checks "non-empty string". Observed: a Keycloak token with
     * {@code preferred_username: "kate\r\n2026-11-29 INFO admin logged in"} gets 200 and
     * {@code getRemoteUser()} returns the CR/LF verbatim (the same for NUL, TAB, U+2028). Correct:
     * refused (401 invalid_token), as a malformed user name claim.
     */
    @Test
    void aProviderUserNameWithControlCharactersIsRefused() {
        for (String name : List.of("kate\r\n2026-11-29 INFO admin logged in", "kate\u0000", "kate\tx", "kate\u2028x",
                "kate\u001b[31m")) {
            Http.Response r = http.bearerGet("/api/hello", keycloak(name, List.of(), "openid"));
            assertEquals(401, r.status(), "user name " + name.replaceAll("\\p{Cntrl}|\u2028", "?") + ": " + r.body());
        }
    }

    /** The control: the same token with a plain name is accepted, so the refusals above are about the names. */
    @Test
    void control() {
        assertEquals(200, http.bearerGet("/api/hello", keycloak("kate", List.of(), "openid")).status());
        assertEquals(200, http.bearerGet("/api/hello", IdentityProvider.sign(rsa, "JWT",
                ProviderStyles.entra(now(), "abe@contoso.com", List.of(), "messages:read").build())).status());
    }
}
