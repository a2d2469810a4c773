package io.jwtgate.token;

import java.util.Optional;

/**
 * The JWS algorithms JwtGate signs and verifies with. Asymmetric families join this enum when key
 * management lands; the rest of the code selects keys through {@link KeyRing} and never switches
 * on the family.
 */
public enum JwsAlgorithm {
    HS256(32),
    HS384(48),
    HS512(64);

    private final int minimumKeyBytes;

    JwsAlgorithm(int minimumKeyBytes) {
        this.minimumKeyBytes = minimumKeyBytes;
    }

    /** RFC 7518 §3.2: an HMAC key at least as long as the hash output. */
    public int minimumKeyBytes() {
        return minimumKeyBytes;
    }

    /** Exact, case-sensitive look-up of a JOSE {@code alg} name. */
    public static Optional<JwsAlgorithm> byName(String name) {
        for (JwsAlgorithm a : values()) {
            if (a.name().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
