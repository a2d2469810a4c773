package io.jwtgate.keys;

import io.jwtgate.token.JwsAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;

/**
 * The start-up checks a configured asymmetric key must pass before it signs or verifies anything:
 * the family the algorithm needs, RSA of 2048 to 16384 bits with an odd exponent of at least 65537,
 * an EC key on exactly the algorithm's curve with its point on that curve, Ed25519 for EdDSA, and
 * (for a private key) a sign/verify probe proving the private and public halves belong together.
 */
public final class KeyChecks {

    /** Larger moduli only slow every verification down; no tool generates them by default. */
    static final int MAX_RSA_BITS = 16384;
    private static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);
    private static final byte[] PROBE = "JwtGate key probe".getBytes(StandardCharsets.US_ASCII);

    private KeyChecks() {
    }

    /**
     * @throws KeyFileException when {@code key} does not fit {@code algorithm} or is too weak
     */
    public static void checkPublicKey(JwsAlgorithm algorithm, PublicKey key) {
        switch (algorithm.family()) {
            case RSA:
            case RSA_PSS:
                checkRsa(algorithm, key);
                break;
            case EC:
                checkEc(algorithm, key);
                break;
            case EDDSA:
                checkEd25519(key);
                break;
            default:
                throw new KeyFileException(algorithm + " takes a secret, not a key file; configure"
                        + " jwtgate.signing.secret instead, or choose an asymmetric algorithm");
        }
    }

    /**
     * Signs a fixed text with {@code privateKey} and verifies it with {@code publicKey}.
     *
     * @throws KeyFileException when they are not the two halves of one key pair
     */
    static void probe(PrivateKey privateKey, PublicKey publicKey) {
        String name;
        switch (publicKey.getAlgorithm()) {
            case "RSA":
                name = "SHA256withRSA";
                break;
            case "EC":
                name = "SHA256withECDSA";
                break;
            default:
                name = "Ed25519";
        }
        boolean matches;
        try {
            Signature signer = Signature.getInstance(name);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(name);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new KeyFileException("the private key and the public key in the file do not belong together"
                    + " (a signature made with one does not verify with the other); put the matching public key"
                    + " beside the private key, e.g. from 'openssl pkey -in KEY.pem -pubout'");
        }
    }

    private static void checkRsa(JwsAlgorithm algorithm, PublicKey key) {
        if (!(key instanceof RSAPublicKey) || !key.getAlgorithm().equals("RSA")) {
            throw wrongFamily(algorithm, key, "an RSA key (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072)");
        }
        RSAPublicKey rsa = (RSAPublicKey) key;
        int bits = rsa.getModulus().bitLength();
        if (bits < algorithm.minimumKeySize()) {
            throw new KeyFileException("the RSA key has " + bits + " bits but " + algorithm + " needs at least "
                    + algorithm.minimumKeySize() + "; generate a new key of 2048 bits or more (3072 recommended)");
        }
        if (bits > MAX_RSA_BITS) {
            throw new KeyFileException("the RSA key has " + bits + " bits, more than the " + MAX_RSA_BITS
                    + " JwtGate accepts; use a key of 2048 to 4096 bits");
        }
        if (JwkRocaCheck.vulnerable(rsa.getModulus())) {
            throw new KeyFileException("the RSA key has the structure of keys from the Infineon library flaw"
                    + " (ROCA, CVE-2017-15361), so its private key can be computed; generate a new key");
        }
        BigInteger e = rsa.getPublicExponent();
        if (!e.testBit(0) || e.compareTo(MIN_RSA_EXPONENT) < 0) {
            throw new KeyFileException("the RSA key's public exponent is " + (e.testBit(0) ? "smaller than 65537"
                    : "even") + ", which no sound key generator produces; generate a new key (exponent 65537)");
        }
    }

    private static void checkEc(JwsAlgorithm algorithm, PublicKey key) {
        String curve = algorithm.curve().orElseThrow();
        if (!(key instanceof ECPublicKey)) {
            throw wrongFamily(algorithm, key, "an EC key on " + curve
                    + " (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:" + opensslCurve(algorithm) + ")");
        }
        ECPublicKey ec = (ECPublicKey) key;
        ECParameterSpec expected = namedCurve(curve);
        if (!sameCurve(expected, ec.getParams())) {
            throw new KeyFileException("the EC key is on a " + ec.getParams().getCurve().getField().getFieldSize()
                    + "-bit curve, not on " + curve + " (" + opensslCurve(algorithm) + ") which " + algorithm
                    + " requires; generate a key on that curve or configure the algorithm that fits the key");
        }
        if (!onCurve(ec.getW(), expected.getCurve())) {
            throw new KeyFileException("the EC public key's point is not on " + curve
                    + "; the file is corrupt or forged, generate a new key");
        }
    }

    private static void checkEd25519(PublicKey key) {
        if (!(key instanceof EdECPublicKey) || !((EdECPublicKey) key).getParams().getName().equals("Ed25519")) {
            throw wrongFamily(JwsAlgorithm.EdDSA, key, "an Ed25519 key (openssl genpkey -algorithm ed25519)");
        }
    }

    private static KeyFileException wrongFamily(JwsAlgorithm algorithm, PublicKey key, String needed) {
        String actual = key instanceof EdECPublicKey ? ((EdECPublicKey) key).getParams().getName() : key.getAlgorithm();
        return new KeyFileException("the file holds an " + actual + " key but " + algorithm + " needs " + needed
                + "; configure a matching key or the algorithm that fits this key");
    }

    private static String opensslCurve(JwsAlgorithm algorithm) {
        switch (algorithm) {
            case ES256:
                return "P-256";
            case ES384:
                return "P-384";
            default:
                return "P-521";
        }
    }

    private static ECParameterSpec namedCurve(String curve) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks the curve " + curve, e);
        }
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    /** SEC 1 §3.2.2.1: both coordinates in {@code [0, p)} and {@code y^2 = x^3 + ax + b (mod p)}. */
    static boolean onCurve(ECPoint point, EllipticCurve curve) {
        if (point.equals(ECPoint.POINT_INFINITY) || !(curve.getField() instanceof ECFieldFp)) {
            return false;
        }
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }
}
