package io.jwtgate.token;

import java.time.Instant;
import java.util.Collections;
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
 * @param claims every claim, as plain Java values (read-only; a {@link ClaimsMap} reads them from the
 *     payload only when asked)
 * @param trustedIssuer the configuration name of the trusted external issuer that issued the token,
 *     or null for JwtGate's own tokens (decision 438)
 * @param notBefore the instant from which (less the clock skew) the token is acceptable on a clock
 *     that may go back: the later of {@code nbf} and {@code iat}, and for a trusted issuer's token also
 *     {@code exp} less {@code jwtgate.access-token.max-ttl}; null when there is no such bound
 */
public record VerifiedToken(String subject, String username, Set<String> roles, Set<String> scopes,
        String tokenId, String sessionId, Instant issuedAt, Instant expiresAt, Map<String, Object> claims,
        String trustedIssuer, Instant notBefore) {

    public VerifiedToken {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        claims = claims instanceof ClaimsMap ? claims : Collections.unmodifiableMap(claims);
    }

    /** One of JwtGate's own tokens, valid from its {@code iat}. */
    public VerifiedToken(String subject, String username, Set<String> roles, Set<String> scopes,
            String tokenId, String sessionId, Instant issuedAt, Instant expiresAt, Map<String, Object> claims) {
        this(subject, username, roles, scopes, tokenId, sessionId, issuedAt, expiresAt, claims, null, issuedAt);
    }
}
