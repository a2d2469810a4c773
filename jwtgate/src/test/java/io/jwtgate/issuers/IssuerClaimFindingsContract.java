package io.jwtgate.issuers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jwtgate.support.Http;
import io.jwtgate.support.ProviderStyles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Findings of the second attack round (attack2, issue 12) on the claims of a trusted issuer's token
 * that reach the application, over real HTTP in each container with the documented provider settings
 * ({@link ProviderStyles}). Each test asserts the correct behaviour; each failed before its fix (decisions 445-447).
 */
abstract class IssuerClaimFindingsContract extends IssuerHttpFixture {

    /**
     * <b>A provider's {@code sub} with control or bidirectional characters reaches the application.</b>
     * Decision 444 refuses a user name claim holding a code point {@code AuditText.mustEscape} escapes,
     * so that applications logging {@code getRemoteUser()} are safe from log injection; but
     * {@code ExternalTokenVerifier} only checks that {@code sub} is a non-empty string, and {@code sub}
     * reaches the application as the request attribute {@code jwtgate.subject} (README: "attributes
     * {@code jwtgate.subject}, ...") and as {@code JwtGatePrincipal.subject()}. JwtGate's own subjects
     * are store ids (never such characters), so applications have every reason to log them as they
     * are. Observed: a Keycloak token with {@code sub: "f81d\r\n2026-11-29 INFO admin logged in"} (and
     * with U+202E, NUL, ESC) gets 200 and the echo servlet reads the CR/LF verbatim from
     * {@code jwtgate.subject}. Correct: refused (401), as decision 444 does for the user name.
     */
    @Test
    void aProviderSubjectWithControlOrInvisibleCharactersIsRefused() {
        for (String sub : List.of("f81d\r\n2026-11-29 INFO admin logged in", "f81d\u202egnp.exe", "f81d\u0000",
                "f81d\u001b[31m", "f81d\u200d", "\ufefff81d")) {
            Http.Response r = http.bearerGet("/api/hello",
                    keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid").subject(sub).build()));
            String shown = sub.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                    : Character.toString(c)).reduce("", String::concat);
            assertEquals(401, r.status(), "sub " + shown + " must be refused: " + r.body());
            assertFalse(r.body().contains("\"reached\""), shown);
        }
    }

    /**
     * <b>Provider roles and scopes with control characters reach the application.</b> The same gap as
     * above for the role and scope claims: {@code ClaimMapping.roles}/{@code scopes} take any non-empty
     * string, and they reach {@code jwtgate.roles}/{@code jwtgate.scopes}, {@code isUserInRole} and, under
     * JASPIC, the container's group principals. Observed: a Keycloak token with the client role
     * {@code "user\r\nINFO granted admin"} gets 200 and the echo shows it verbatim in {@code jwtgate.roles}; the
     * scope case (U+202E and NUL in a scope) is asserted second: {@code ClaimMapping.scopes} has no such check either.
     */
    @Test
    void providerRolesAndScopesWithControlCharactersAreRefused() {
        Http.Response roles = http.bearerGet("/api/hello", keycloak("kate", List.of("user\r\nINFO granted admin"), "openid"));
        assertEquals(401, roles.status(), "role with CR/LF: " + roles.body());
        Http.Response scopes = http.bearerGet("/api/hello", keycloak("kate", List.of(), "openid msg\u202e\u0000"));
        assertEquals(401, scopes.status(), "scope with U+202E and NUL: " + scopes.body());
    }

    /** The control: a plain {@code sub} passes and reaches {@code jwtgate.subject} as it is. */
    @Test
    void control() {
        Http.Response r = http.bearerGet("/api/hello",
                keycloak(ProviderStyles.keycloak(now(), "kate", List.of(), "openid").subject("f81d-4fae").build()));
        assertEquals(200, r.status(), r.body());
        assertEquals("f81d-4fae", json(r).get("subject").textValue());
    }
}
