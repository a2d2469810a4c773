package io.jwtgate.token;

import java.util.Optional;

/**
 * The JWS algorithms JwtGate signs and verifies with (RFC 7518 §3, RFC 8037 for EdDSA). Each names
 * its key family, the JCA signature algorithm and, for the asymmetric ones, the key it needs; the
 * rest of the code selects keys through {@link KeyRing} and never trusts a header's word for the
 * algorithm.
 */
public enum JwsAlgorithm {
    HS256(Family.HMAC, "HmacSHA256", 32, null),
    HS384(Family.HMAC, "HmacSHA384", 48, null),
    HS512(Family.HMAC, "HmacSHA512", 64, null),
    RS256(Family.RSA, "SHA256withRSA", 2048, null),
    RS384(Family.RSA, "SHA384withRSA", 2048, null),
    RS512(Family.RSA, "SHA512withRSA", 2048, null),
    PS256(Family.RSA_PSS, "SHA-256", 2048, null),
    PS384(Family.RSA_PSS, "SHA-384", 2048, null),
    PS512(Family.RSA_PSS, "SHA-512", 2048, null),
    ES256(Family.EC, "SHA256withECDSAinP1363Format", 256, "secp256r1"),
    ES384(Family.EC, "SHA384withECDSAinP1363Format", 384, "secp384r1"),
    ES512(Family.EC, "SHA512withECDSAinP1363Format", 521, "secp521r1"),
    EdDSA(Family.EDDSA, "Ed25519", 255, "Ed25519");

    /** What kind of key an algorithm needs. */
    public enum Family {
        /** A shared secret (RFC 7518 §3.2). */
        HMAC,
        /** RSASSA-PKCS1-v1_5 with an RSA key (§3.3). */
        RSA,
        /** RSASSA-PSS with an RSA key (§3.5). */
        RSA_PSS,
        /** ECDSA on the one curve the algorithm names (§3.4). */
        EC,
        /** Ed25519 (RFC 8037). */
        EDDSA;

        /** Whether keys of this family have a public half that may be published. */
        public boolean asymmetric() {
            return this != HMAC;
        }
    }

    private final Family family;
    private final String jcaName;
    private final int minimumKeySize;
    private final String curve;

    JwsAlgorithm(Family family, String jcaName, int minimumKeySize, String curve) {
        this.family = family;
        this.jcaName = jcaName;
        this.minimumKeySize = minimumKeySize;
        this.curve = curve;
    }

    public Family family() {
        return family;
    }

    /**
     * The JCA name: the {@code Mac} or {@code Signature} algorithm, for PSS the hash (the MGF1 hash
     * and the salt length follow from it, RFC 7518 §3.5).
     */
    public String jcaName() {
        return jcaName;
    }

    /** RFC 7518 §3.2: an HMAC key at least as long as the hash output. Zero for asymmetric algorithms. */
    public int minimumKeyBytes() {
        return family == Family.HMAC ? minimumKeySize : 0;
    }

    /**
     * The smallest key: bytes of secret for HMAC, bits of modulus for RSA (2048), the curve's
     * field size in bits for EC and EdDSA (which must match it exactly).
     */
    public int minimumKeySize() {
        return minimumKeySize;
    }

    /** The standard name of the curve an EC or EdDSA key must be on, empty for the others. */
    public Optional<String> curve() {
        return Optional.ofNullable(curve);
    }

    /** For ES*: the length in bytes of each of {@code r} and {@code s} in a JOSE signature. */
    public int ecCoordinateBytes() {
        return (minimumKeySize + 7) / 8;
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
