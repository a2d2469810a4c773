package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.util.List;
import java.util.Set;

/**
 * Turns a fetched JWKS document into verification keys bound to the issuer's algorithms. In
 * production {@code io.jwtgate.keys.Jwk.verificationKeySet} with the remote rules (one bad key
 * skipped, no HMAC, no private members).
 */
@FunctionalInterface
public interface KeySetParser {

    /**
     * @throws IllegalArgumentException (or a subclass) when the document is not an acceptable key set
     */
    List<JwtKey> parse(JsonNode jwks, Set<JwsAlgorithm> allowed);
}
