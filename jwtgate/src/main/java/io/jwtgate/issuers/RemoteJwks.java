package io.jwtgate.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.util.List;
import java.util.Set;

/** The production {@link KeySetParser}: an identity provider's JWKS under the remote rules. */
public final class RemoteJwks {

    /** Parses with the remote rules: one bad key skipped, no HMAC key, no private member. */
    public static final KeySetParser PARSER = RemoteJwks::parse;

    private RemoteJwks() {
    }

    private static List<JwtKey> parse(JsonNode jwks, Set<JwsAlgorithm> allowed) {
        // Replaced by io.jwtgate.keys.Jwk.verificationKeySet(jwks, allowed, REMOTE) when that lands.
        throw new IllegalArgumentException("JWK parsing is not available yet");
    }
}
