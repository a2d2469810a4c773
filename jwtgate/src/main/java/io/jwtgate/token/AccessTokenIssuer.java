package io.jwtgate.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Signs RFC 9068 access tokens with the ring's signing key. Immutable and thread-safe. */
public final class AccessTokenIssuer {

    private final KeyRing keys;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param audience the {@code aud} to set, or null for none
     */
    public AccessTokenIssuer(KeyRing keys, String issuer, String audience, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * @param subject stable user id ({@code sub})
     * @param username {@code preferred_username}
     * @param sessionId {@code sid}: the refresh family the token belongs to
     * @param ttl lifetime; the caller applies the configured caps
     */
    public IssuedToken issue(String subject, String username, Collection<String> roles, Set<String> scopes,
            String sessionId, Duration ttl) {
        return issue(subject, username, roles, scopes, sessionId, ttl, null);
    }

    /**
     * @param notAfter the latest {@code exp} allowed (a minting caller's own expiry), or null; the
     *     token never expires before it is issued
     */
    public IssuedToken issue(String subject, String username, Collection<String> roles, Set<String> scopes,
            String sessionId, Duration ttl, Instant notAfter) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(ttl);
        if (notAfter != null && exp.isAfter(notAfter)) {
            exp = notAfter.isBefore(now) ? now : notAfter;
        }
        Set<String> sortedScopes = new TreeSet<>(scopes);
        String jti = newId();
        JwtKey key = keys.signingKey();
        JWTCreator.Builder builder = JWT.create()
                .withHeader(Map.of("typ", "at+jwt"))
                .withIssuer(issuer)
                .withSubject(subject)
                .withIssuedAt(now)
                .withNotBefore(now)
                .withExpiresAt(exp)
                .withJWTId(jti)
                .withClaim("sid", sessionId)
                .withClaim("scope", String.join(" ", sortedScopes))
                .withClaim("roles", new ArrayList<>(new TreeSet<>(roles)))
                .withClaim("preferred_username", username);
        key.kid().ifPresent(builder::withKeyId);
        if (audience != null) {
            builder.withAudience(audience);
        }
        return new IssuedToken(builder.sign(key.jwtAlgorithm()), jti, sessionId, now, exp, sortedScopes);
    }

    /** 128 random bits, base64url: for {@code jti} and {@code sid}. */
    public String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
