package io.jwtgate.token;

import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * One key: the algorithm it is bound to (a token's header can only select a key, never change
 * its algorithm), an optional {@code kid}, and the java-jwt {@link Algorithm} that signs or
 * verifies with it.
 */
public final class JwtKey {

    private final JwsAlgorithm algorithm;
    private final String kid;
    private final Algorithm jwtAlgorithm;

    private JwtKey(JwsAlgorithm algorithm, String kid, Algorithm jwtAlgorithm) {
        this.algorithm = Objects.requireNonNull(algorithm);
        this.kid = kid;
        this.jwtAlgorithm = Objects.requireNonNull(jwtAlgorithm);
    }

    /** An HMAC key; the secret length was validated by the settings. */
    public static JwtKey hmac(JwsAlgorithm algorithm, String kid, byte[] secret) {
        Algorithm a;
        switch (algorithm) {
            case HS256:
                a = Algorithm.HMAC256(secret);
                break;
            case HS384:
                a = Algorithm.HMAC384(secret);
                break;
            case HS512:
                a = Algorithm.HMAC512(secret);
                break;
            default:
                throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm");
        }
        return new JwtKey(algorithm, kid, a);
    }

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    public Optional<String> kid() {
        return Optional.ofNullable(kid);
    }

    Algorithm jwtAlgorithm() {
        return jwtAlgorithm;
    }

    /**
     * Whether {@code signature} is this key's signature over {@code headerPart.payloadPart}. For HMAC
     * the expected value is recomputed and compared in constant time.
     */
    public boolean verifies(String headerPart, String payloadPart, byte[] signature) {
        byte[] expected = jwtAlgorithm.sign(headerPart.getBytes(StandardCharsets.US_ASCII),
                payloadPart.getBytes(StandardCharsets.US_ASCII));
        return MessageDigest.isEqual(expected, signature);
    }
}
