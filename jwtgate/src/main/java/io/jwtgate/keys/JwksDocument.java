package io.jwtgate.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jwtgate.json.StrictJson;
import io.jwtgate.token.JwtKey;
import java.time.Duration;
import java.util.Collection;

/**
 * The published key set ({@code GET /auth/jwks.json}) as it goes on the wire: the RFC 7517 set of
 * the ring's public keys ({@link Jwk#publicKeySet}) serialized once at start, and the caching it
 * may have. Keys change only with a restart (rotation is a configuration change), so there is
 * nothing to recompute per request. Immutable.
 */
public final class JwksDocument {

    /** The media type RFC 7517 §8.5.2 registers for a JWK set (decision 417). */
    public static final String CONTENT_TYPE = "application/jwk-set+json";

    private final byte[] body;
    private final String cacheControl;

    private JwksDocument(byte[] body, String cacheControl) {
        this.body = body;
        this.cacheControl = cacheControl;
    }

    /**
     * @param keys the ring's published keys (HMAC ones are left out: an HS-only ring publishes {@code {"keys":[]}})
     * @param maxAge how long verifiers may cache the set
     */
    public static JwksDocument of(Collection<JwtKey> keys, Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("max-age " + maxAge + " is negative");
        }
        try {
            byte[] body = StrictJson.mapper().writeValueAsBytes(Jwk.publicKeySet(keys));
            return new JwksDocument(body, "public, max-age=" + maxAge.getSeconds());
        } catch (JsonProcessingException e) {
            // An object of short strings always serializes.
            throw new IllegalStateException(e);
        }
    }

    /** The JSON body, a copy. */
    public byte[] body() {
        return body.clone();
    }

    /** The {@code Cache-Control} value: {@code public, max-age=<seconds>}. */
    public String cacheControl() {
        return cacheControl;
    }
}
