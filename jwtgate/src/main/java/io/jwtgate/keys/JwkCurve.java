package io.jwtgate.keys;

import io.jwtgate.token.JwsAlgorithm;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Optional;

/**
 * The three NIST curves JOSE uses with ECDSA (RFC 7518 §6.2.1.1), each with the one algorithm it
 * serves, its JCA parameters and the point validation a JWK's coordinates must pass before the
 * JCA sees them (an off-curve point is the invalid-curve attack's way in).
 */
enum JwkCurve {
    P256("P-256", "secp256r1", JwsAlgorithm.ES256),
    P384("P-384", "secp384r1", JwsAlgorithm.ES384),
    P521("P-521", "secp521r1", JwsAlgorithm.ES512);

    private final String jwkName;
    private final JwsAlgorithm algorithm;
    private final ECParameterSpec params;

    JwkCurve(String jwkName, String jcaName, JwsAlgorithm algorithm) {
        this.jwkName = jwkName;
        this.algorithm = algorithm;
        this.params = parameters(jcaName);
    }

    private static ECParameterSpec parameters(String jcaName) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(jcaName));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            // The JDK 17 SunEC provider carries all three curves.
            throw new IllegalStateException("the JDK lacks curve " + jcaName, e);
        }
    }

    String jwkName() {
        return jwkName;
    }

    JwsAlgorithm algorithm() {
        return algorithm;
    }

    ECParameterSpec params() {
        return params;
    }

    /** The length in bytes of a coordinate, which RFC 7518 §6.2.1.2 requires in full. */
    int coordinateBytes() {
        return (prime().bitLength() + 7) / 8;
    }

    private BigInteger prime() {
        return ((ECFieldFp) params.getCurve().getField()).getP();
    }

    /** Whether {@code (x, y)} is an affine point on this curve: both below p and y² = x³ + ax + b (mod p). */
    boolean contains(BigInteger x, BigInteger y) {
        BigInteger p = prime();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(a.multiply(x)).add(b).mod(p);
        return left.equals(right);
    }

    static Optional<JwkCurve> byJwkName(String name) {
        for (JwkCurve c : values()) {
            if (c.jwkName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The curve of a JCA key's parameters, compared by value (field, coefficients, generator, order). */
    static Optional<JwkCurve> of(ECParameterSpec spec) {
        for (JwkCurve c : values()) {
            ECParameterSpec p = c.params;
            if (p.getCurve().equals(spec.getCurve()) && p.getOrder().equals(spec.getOrder())
                    && p.getGenerator().equals(spec.getGenerator())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    boolean isPoint(ECPoint w) {
        return !ECPoint.POINT_INFINITY.equals(w) && contains(w.getAffineX(), w.getAffineY());
    }
}
