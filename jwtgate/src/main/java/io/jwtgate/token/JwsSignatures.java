package io.jwtgate.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The signature layer: picks the key the ring binds to the header's {@code alg} (and {@code kid})
 * and checks the signature. The header can select a key, never change its algorithm.
 */
public final class JwsSignatures {

    private JwsSignatures() {
    }

    /**
     * @return the key that verified the signature
     * @throws BadTokenException when no key fits or the signature is wrong
     */
    public static JwtKey verify(CompactJws jws, KeyRing keys) {
        JsonNode alg = jws.header().get("alg");
        if (alg == null || !alg.isTextual()) {
            throw BadTokenException.invalid("header alg missing or not a string");
        }
        JsonNode kid = jws.header().get("kid");
        if (kid != null && !kid.isTextual()) {
            throw BadTokenException.invalid("header kid is not a string");
        }
        Optional<JwtKey> key = keys.verificationKey(alg.textValue(), kid == null ? null : kid.textValue());
        JwtKey k = key.orElseThrow(() -> BadTokenException.invalid("no key for the header's alg and kid"));
        if (!k.verifies(jws.headerPart(), jws.payloadPart(), jws.signature())) {
            throw BadTokenException.invalid("signature not valid");
        }
        return k;
    }
}
