package io.jwtgate.token;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The claims of an access token whose signature, header and claims were all checked.
 *
 * @param subject {@code sub}, the stable user id
 * @param username {@code preferred_username}, or the subject when absent
 * @param roles {@code roles}
 * @param scopes {@code scope}, split on spaces
 * @param tokenId {@code jti}
 * @param sessionId {@code sid}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param claims every claim, as plain Java values (read-only)
 * @param trustedIssuer the configuration name of the trusted external issuer that issued the token,
 *     or null for JwtGate's own tokens (decision 438)
 */
public record VerifiedToken(String subject, String username, Set<String> roles, Set<String> scopes,
        String tokenId, String sessionId, Instant issuedAt, Instant expiresAt, Map<String, Object> claims,
        String trustedIssuer) {

    public VerifiedToken {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        claims = java.util.Collections.unmodifiableMap(claims);
    }

    /** One of JwtGate's own tokens. */
    public VerifiedToken(String subject, String username, Set<String> roles, Set<String> scopes,
            String tokenId, String sessionId, Instant issuedAt, Instant expiresAt, Map<String, Object> claims) {
        this(subject, username, roles, scopes, tokenId, sessionId, issuedAt, expiresAt, claims, null);
    }
}
