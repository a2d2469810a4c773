package io.jwtgate.token;

import java.time.Instant;
import java.util.Set;

/**
 * A freshly signed access token with the facts a token response needs.
 *
 * @param token the compact JWS; never log it
 * @param scopes the granted scopes, sorted so responses and claims read the same every time
 */
public record IssuedToken(String token, String tokenId, String sessionId, Instant issuedAt, Instant expiresAt,
        Set<String> scopes) {

    public IssuedToken {
        scopes = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(scopes));
    }

    @Override
    public String toString() {
        return "IssuedToken[tokenId=" + tokenId + ", sessionId=" + sessionId + ", expiresAt=" + expiresAt + "]";
    }
}
