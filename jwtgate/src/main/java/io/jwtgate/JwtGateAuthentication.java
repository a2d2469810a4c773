package io.jwtgate;

import io.jwtgate.token.VerifiedToken;
import jakarta.servlet.ServletRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated caller, as application code reads it:
 * {@code JwtGateAuthentication.of(request).map(JwtGateAuthentication::username)}. The same facts are
 * also plain request attributes ({@code jwtgate.subject}, {@code jwtgate.roles}, …) for code that
 * should not depend on JwtGate's classes.
 */
public final class JwtGateAuthentication {

    /** Request attribute holding this object. */
    public static final String ATTRIBUTE = JwtGateAuthentication.class.getName();
    /** {@link jakarta.servlet.http.HttpServletRequest#getAuthType()} for token callers. */
    public static final String BEARER = "BEARER";
    /** {@link jakarta.servlet.http.HttpServletRequest#getAuthType()} for Basic callers. */
    public static final String BASIC = jakarta.servlet.http.HttpServletRequest.BASIC_AUTH;
    /**
     * {@link jakarta.servlet.http.HttpServletRequest#getAuthType()} for callers the application
     * itself logged in with {@code request.login(username, password)} (decision 262).
     */
    public static final String FORM = jakarta.servlet.http.HttpServletRequest.FORM_AUTH;

    private final String subject;
    private final String username;
    private final Set<String> roles;
    private final Set<String> scopes;
    private final String tokenId;
    private final String sessionId;
    private final Instant expiresAt;
    private final Map<String, Object> claims;
    private final String authMethod;
    private final String trustedIssuer;
    // Cookie mode: the double-submit token pages render into forms; null for any other caller.
    private final String csrfToken;

    private JwtGateAuthentication(String subject, String username, Set<String> roles, Set<String> scopes,
            String tokenId, String sessionId, Instant expiresAt, Map<String, Object> claims, String authMethod) {
        this(subject, username, roles, scopes, tokenId, sessionId, expiresAt, claims, authMethod, null, null);
    }

    private JwtGateAuthentication(String subject, String username, Set<String> roles, Set<String> scopes,
            String tokenId, String sessionId, Instant expiresAt, Map<String, Object> claims, String authMethod,
            String trustedIssuer, String csrfToken) {
        this.subject = subject;
        this.username = username;
        this.roles = Set.copyOf(roles);
        this.scopes = Set.copyOf(scopes);
        this.tokenId = tokenId;
        this.sessionId = sessionId;
        this.expiresAt = expiresAt;
        this.claims = claims;
        this.authMethod = authMethod;
        this.trustedIssuer = trustedIssuer;
        this.csrfToken = csrfToken;
    }

    /** A caller authenticated by a verified access token. */
    public static JwtGateAuthentication bearer(VerifiedToken token) {
        return new JwtGateAuthentication(token.subject(), token.username(), token.roles(), token.scopes(),
                token.tokenId(), token.sessionId(), token.expiresAt(), token.claims(), BEARER, token.trustedIssuer(),
                null);
    }

    /**
     * A caller authenticated by JwtGate's access token in the session cookie (cookie mode). The
     * auth type stays {@link #BEARER}: the credential is the same token (decision 665).
     *
     * @param csrfToken the double-submit token of the browser session, for pages to render
     */
    public static JwtGateAuthentication cookie(VerifiedToken token, String csrfToken) {
        return new JwtGateAuthentication(token.subject(), token.username(), token.roles(), token.scopes(),
                token.tokenId(), token.sessionId(), token.expiresAt(), token.claims(), BEARER, token.trustedIssuer(),
                java.util.Objects.requireNonNull(csrfToken));
    }

    /** A caller authenticated by HTTP Basic credentials; no token, so no id, session or expiry. */
    public static JwtGateAuthentication basic(String subject, String username, Set<String> roles, Set<String> scopes) {
        return new JwtGateAuthentication(subject, username, roles, scopes, null, null, null, Map.of(), BASIC);
    }

    /**
     * A caller the application logged in with {@code request.login}: like Basic, no token, so no
     * id, session or expiry.
     */
    public static JwtGateAuthentication form(String subject, String username, Set<String> roles, Set<String> scopes) {
        return new JwtGateAuthentication(subject, username, roles, scopes, null, null, null, Map.of(), FORM);
    }

    /** The caller of {@code request}, when JwtGate authenticated one. */
    public static Optional<JwtGateAuthentication> of(ServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        return value instanceof JwtGateAuthentication ? Optional.of((JwtGateAuthentication) value) : Optional.empty();
    }

    /** Stable user id ({@code sub}). */
    public String subject() {
        return subject;
    }

    public String username() {
        return username;
    }

    public Set<String> roles() {
        return roles;
    }

    public Set<String> scopes() {
        return scopes;
    }

    /** The access token's {@code jti}, or null for Basic. */
    public String tokenId() {
        return tokenId;
    }

    /** The session ({@code sid}), or null for Basic. */
    public String sessionId() {
        return sessionId;
    }

    /** The token's expiry, or null for Basic. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Every claim of the token (empty for Basic), read-only. */
    public Map<String, Object> claims() {
        return claims;
    }

    /** {@link #BEARER}, {@link #BASIC} or {@link #FORM}. */
    public String authMethod() {
        return authMethod;
    }

    /**
     * The configuration name of the trusted external issuer ({@code jwtgate.trusted-issuer.<name>.*})
     * whose token authenticated the caller; null for JwtGate's own tokens, Basic and form callers.
     * Such a caller passes the rules like any other but cannot use the endpoints that act on
     * JwtGate's own sessions and accounts (decision 440).
     */
    public String trustedIssuer() {
        return trustedIssuer;
    }

    /** Whether the access token came in JwtGate's session cookie rather than an Authorization header. */
    public boolean viaCookie() {
        return csrfToken != null;
    }

    /**
     * The CSRF token a page renders as the {@code _csrf} field of its forms (or scripts send as
     * {@code X-CSRF-Token}); null unless {@link #viaCookie()}. No secret from the page itself.
     */
    public String csrfToken() {
        return csrfToken;
    }

    /**
     * Whether the scopes satisfy {@code scope}: under the rules of {@link io.jwtgate.rules.Scopes} for
     * JwtGate's own callers ({@code all:any}, {@code resource:*}); literally for a trusted issuer's, whose
     * scope names are the provider's, not JwtGate's wildcards (decision 442).
     */
    public boolean hasScope(String scope) {
        return trustedIssuer != null ? scopes.contains(scope) : io.jwtgate.rules.Scopes.satisfies(scopes, scope);
    }

    @Override
    public String toString() {
        // Never a token: neither the access token's claims beyond these nor the CSRF token.
        return "JwtGateAuthentication[" + username + ", " + authMethod + (csrfToken != null ? ", cookie" : "")
                + ", roles=" + roles + "]";
    }
}
