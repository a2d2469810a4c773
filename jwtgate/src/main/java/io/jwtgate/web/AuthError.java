package io.jwtgate.web;

/**
 * An error answer as a value (RFC 6750 §3 and the JSON error body of spec §3): status, error
 * code, description, and which {@code WWW-Authenticate} challenge goes with it. Written only by
 * {@link ErrorWriter}. Descriptions use RFC 6750's error_description characters only (no
 * quotes or backslashes), so they need no escaping in the header.
 */
public record AuthError(int status, String error, String description, Challenge challenge, String scope,
        Long retryAfterSeconds) {

    /** Which challenge a response carries. */
    public enum Challenge {
        /** No WWW-Authenticate header. */
        NONE,
        /** {@code Bearer realm="…"} alone: no or unusable credentials (RFC 6750 §3.1 asks for no error code). */
        PLAIN,
        /** {@code Bearer realm="…", error="…", error_description="…"}. */
        WITH_ERROR
    }

    /** An error without {@code Retry-After}. */
    public AuthError(int status, String error, String description, Challenge challenge, String scope) {
        this(status, error, description, challenge, scope, null);
    }

    public static AuthError unauthorized() {
        return new AuthError(401, "unauthorized", "Authentication is required", Challenge.PLAIN, null);
    }

    public static AuthError invalidToken(String description) {
        return new AuthError(401, "invalid_token", description, Challenge.WITH_ERROR, null);
    }

    /**
     * 401 for a trusted external issuer's token at an endpoint that acts on JwtGate's own sessions
     * and accounts (minting, logout, password change, revocation by id): refused like an invalid
     * token, saying why (decision 440).
     */
    public static AuthError ownTokensOnly() {
        return invalidToken("This endpoint accepts only access tokens issued by JwtGate");
    }

    public static AuthError invalidRequest(String description) {
        return new AuthError(400, "invalid_request", description, Challenge.WITH_ERROR, null);
    }

    /**
     * A dispatched path the rules cannot judge as served (spec §5): the same answer from the filter
     * and the Jakarta Authentication module.
     */
    public static AuthError refusedPath() {
        return invalidRequest("The request path holds an encoded semicolon, backslash, dot segment or control character");
    }

    public static AuthError insufficientScope(String scope) {
        return new AuthError(403, "insufficient_scope",
                "The request requires higher privileges than provided by the access token",
                Challenge.WITH_ERROR, scope);
    }

    public static AuthError forbidden() {
        return new AuthError(403, "forbidden", "Access to this resource is denied", Challenge.NONE, null);
    }

    /**
     * 403 for a request authenticated by Basic that changes state but comes from another site's
     * page (or says so through {@code Sec-Fetch-Site}): no challenge, the credentials were not the problem.
     */
    public static AuthError crossOriginBasic() {
        return new AuthError(403, "forbidden", "A request that changes state with Basic credentials must come"
                + " from this site's own origin or one listed in jwtgate.allowed-origins", Challenge.NONE, null);
    }

    /**
     * 403 for a cookie-authenticated request that changes state without the CSRF token matching
     * the CSRF cookie, or from another site's page (decisions 657 to 659): no challenge, the
     * session itself was not the problem.
     */
    public static AuthError csrfRefused() {
        return new AuthError(403, "forbidden", "A request that changes state with a JwtGate session cookie must"
                + " carry the CSRF token (X-CSRF-Token header or _csrf form field) and come from this site's own"
                + " origin or one listed in jwtgate.allowed-origins", Challenge.NONE, null);
    }

    /**
     * 400 for a request carrying both an {@code Authorization} header and a JwtGate session cookie
     * (decision 653): which of the two callers is meant cannot be guessed.
     */
    public static AuthError bothCookieAndHeader() {
        return invalidRequest("The request carries both an Authorization header and a JwtGate session cookie;"
                + " send one");
    }

    /** 400 for a request that repeats one of JwtGate's cookies (decision 653). */
    public static AuthError repeatedCookie() {
        return invalidRequest("The request carries a JwtGate cookie more than once; clear the site's cookies");
    }

    public static AuthError invalidGrant() {
        return new AuthError(401, "invalid_grant", "The username or password is incorrect", Challenge.PLAIN, null);
    }

    public static AuthError invalidScope(String description) {
        return new AuthError(400, "invalid_scope", description, Challenge.NONE, null);
    }

    /** A malformed request body or parameter: 400 without a challenge (the credentials were not the problem). */
    public static AuthError badRequest(String description) {
        return new AuthError(400, "invalid_request", description, Challenge.NONE, null);
    }

    public static AuthError unavailable() {
        return new AuthError(503, "temporarily_unavailable",
                "The service is temporarily unavailable, retry later", Challenge.NONE, null, 5L);
    }

    /** 429 while an account or address is locked out. */
    public static AuthError tooManyAttempts(long retryAfterSeconds) {
        return new AuthError(429, "too_many_attempts", "Too many failed attempts, retry later", Challenge.NONE,
                null, retryAfterSeconds);
    }

    /**
     * 429 when a client address group has used its request budget at the token endpoints
     * ({@code jwtgate.rate-limit.*}): the error code of the other 429s, so clients need one case.
     */
    public static AuthError tooManyRequests(long retryAfterSeconds) {
        return new AuthError(429, "too_many_attempts", "Too many requests from this address, retry later",
                Challenge.NONE, null, retryAfterSeconds);
    }

    /** 401 at the refresh endpoint: unknown, expired, revoked or reused refresh token. */
    public static AuthError invalidRefreshToken() {
        return new AuthError(401, "invalid_grant", "The refresh token is invalid, expired or revoked",
                Challenge.PLAIN, null);
    }

    /** 403 when the current password given to change it is wrong. */
    public static AuthError wrongCurrentPassword() {
        return new AuthError(403, "invalid_grant", "The current password is incorrect", Challenge.NONE, null);
    }

    /** 409 at registration. */
    public static AuthError userExists() {
        return new AuthError(409, "user_exists", "The username or email is already taken", Challenge.NONE, null);
    }

    /** 422 at registration, naming the field's rule. */
    public static AuthError invalidInput(String description) {
        return new AuthError(422, "invalid_request", description, Challenge.NONE, null);
    }

    /** 403 at the token endpoint when the requested scopes exceed the caller's. */
    public static AuthError scopesExceedCaller(String scopes) {
        return new AuthError(403, "insufficient_scope", "The requested scopes exceed the caller's scopes",
                Challenge.WITH_ERROR, scopes);
    }

    public static AuthError serverError() {
        return new AuthError(500, "server_error", "The server failed to handle the request", Challenge.NONE, null);
    }

    public static AuthError notFound() {
        return new AuthError(404, "not_found", "No such resource", Challenge.NONE, null);
    }

    public static AuthError methodNotAllowed() {
        return new AuthError(405, "method_not_allowed", "The method is not allowed on this resource",
                Challenge.NONE, null);
    }

    public static AuthError tooLarge(int maxBytes) {
        return new AuthError(413, "invalid_request", "The request body is larger than " + maxBytes + " bytes",
                Challenge.NONE, null);
    }

    public static AuthError unsupportedMediaType(String description) {
        return new AuthError(415, "invalid_request", description, Challenge.NONE, null);
    }
}
