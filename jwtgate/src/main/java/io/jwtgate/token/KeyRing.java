package io.jwtgate.token;

import java.util.List;
import java.util.Optional;

/**
 * Where the signing key and the verification keys come from. Today one HMAC key; later several
 * keys by {@code kid}, asymmetric keys and remote JWKS slot in behind this interface without the
 * verifier or the filter changing.
 */
public interface KeyRing {

    /** The key new tokens are signed with. */
    JwtKey signingKey();

    /**
     * The key that may verify a token whose header names {@code alg} and {@code kid}; empty when
     * no configured key is bound to exactly that algorithm (the header never picks the algorithm).
     *
     * @param kid the header's {@code kid}, or null when absent
     */
    Optional<JwtKey> verificationKey(String alg, String kid);

    /**
     * Every key of the ring that tokens may be verified with: the signing key first, then the
     * verification-only keys. The published key set ({@code /auth/jwks.json}) takes the public
     * halves of the asymmetric ones.
     */
    default List<JwtKey> publishedKeys() {
        return List.of(signingKey());
    }

    /** A ring holding a single key that both signs and verifies. */
    static KeyRing single(JwtKey key) {
        return new KeyRing() {
            @Override
            public JwtKey signingKey() {
                return key;
            }

            @Override
            public Optional<JwtKey> verificationKey(String alg, String kid) {
                if (!key.algorithm().name().equals(alg)) {
                    return Optional.empty();
                }
                if (kid != null && key.kid().isPresent() && !key.kid().get().equals(kid)) {
                    return Optional.empty();
                }
                return Optional.of(key);
            }
        };
    }
}
