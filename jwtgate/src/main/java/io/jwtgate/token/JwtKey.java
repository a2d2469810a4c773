package io.jwtgate.token;

import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureGenerationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One key: the algorithm it is bound to (a token's header can only select a key, never change
 * its algorithm), an optional {@code kid}, and the material that signs or verifies with it.
 * HMAC keys sign and verify; an asymmetric key verifies with its public half and signs only when
 * it also holds the private half. Immutable and thread-safe: JCA signature objects are made per
 * call, HMAC ones kept idle between calls ({@link HmacCheck}).
 *
 * <p>Whether a key is strong enough and fits its algorithm (RSA of 2048 bits or more, the curve
 * the algorithm names) is decided where keys are loaded; this class checks the signature shape
 * (an ES signature is exactly {@code r || s} with both in {@code [1, n-1]}, CVE-2022-21449).
 */
public final class JwtKey {

    private final JwsAlgorithm algorithm;
    private final String kid;
    private final Algorithm hmac;
    private final HmacCheck hmacCheck;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    private JwtKey(JwsAlgorithm algorithm, String kid, Algorithm hmac, HmacCheck hmacCheck, PublicKey publicKey,
            PrivateKey privateKey) {
        this.algorithm = Objects.requireNonNull(algorithm);
        this.kid = kid;
        this.hmac = hmac;
        this.hmacCheck = hmacCheck;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
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
        return new JwtKey(algorithm, kid, a, new HmacCheck(algorithm, secret), null, null);
    }

    /** A verification-only asymmetric key. */
    public static JwtKey verifying(JwsAlgorithm algorithm, String kid, PublicKey publicKey) {
        requireAsymmetric(algorithm);
        return new JwtKey(algorithm, kid, null, null, Objects.requireNonNull(publicKey), null);
    }

    /** An asymmetric key pair that signs with {@code privateKey} and verifies with {@code publicKey}. */
    public static JwtKey signing(JwsAlgorithm algorithm, String kid, PrivateKey privateKey, PublicKey publicKey) {
        requireAsymmetric(algorithm);
        return new JwtKey(algorithm, kid, null, null, Objects.requireNonNull(publicKey), Objects.requireNonNull(privateKey));
    }

    private static void requireAsymmetric(JwsAlgorithm algorithm) {
        if (!algorithm.family().asymmetric()) {
            throw new IllegalArgumentException(algorithm + " is an HMAC algorithm; use JwtKey.hmac");
        }
    }

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    public Optional<String> kid() {
        return Optional.ofNullable(kid);
    }

    /** The public half of an asymmetric key, for publishing; empty for HMAC keys, whose secret never leaves. */
    public Optional<PublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    /** Whether this key can sign: an HMAC key, or an asymmetric key holding its private half. */
    public boolean canSign() {
        return hmac != null || privateKey != null;
    }

    /** This key with another {@code kid}. */
    public JwtKey withKid(String newKid) {
        return new JwtKey(algorithm, newKid, hmac, hmacCheck, publicKey, privateKey);
    }

    /** The java-jwt view of this key, for building tokens with {@code JWT.create()}. */
    Algorithm jwtAlgorithm() {
        if (hmac != null) {
            return hmac;
        }
        if (privateKey == null) {
            throw new IllegalStateException("key " + kid + " is verification-only and cannot sign");
        }
        return new Algorithm(algorithm.name(), algorithm.jcaName()) {
            @Override
            public void verify(DecodedJWT jwt) {
                // Tokens are verified by JwsSignatures, never by java-jwt.
                throw new UnsupportedOperationException("verification goes through JwtKey.verifies");
            }

            @Override
            public byte[] sign(byte[] contentBytes) {
                try {
                    Signature signer = signature();
                    signer.initSign(privateKey);
                    signer.update(contentBytes);
                    return signer.sign();
                } catch (GeneralSecurityException e) {
                    throw new SignatureGenerationException(this, e);
                }
            }
        };
    }

    /**
     * Whether {@code signature} is this key's signature over {@code headerPart.payloadPart}. For HMAC
     * the expected value is recomputed and compared in constant time; for the others the JCA
     * verifies, after the signature's shape was checked.
     */
    public boolean verifies(String headerPart, String payloadPart, byte[] signature) {
        if (hmacCheck != null) {
            return hmacCheck.verifies(headerPart, payloadPart, signature);
        }
        byte[] header = headerPart.getBytes(StandardCharsets.US_ASCII);
        byte[] payload = payloadPart.getBytes(StandardCharsets.US_ASCII);
        if (!wellFormed(signature)) {
            return false;
        }
        try {
            Signature verifier = signature();
            verifier.initVerify(publicKey);
            verifier.update(header);
            verifier.update((byte) '.');
            verifier.update(payload);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false; // a signature the provider cannot even decode is a bad one
        } catch (InvalidKeyException e) {
            // Keys are checked when loaded: this is a fault of ours, not the token's.
            throw new IllegalStateException("key " + kid + " does not fit " + algorithm, e);
        }
    }

    /**
     * The shape checks the JCA may not make: an ECDSA signature is exactly {@code r || s} of the
     * curve's size with {@code 0 < r, s < n}; an Ed25519 signature is 64 bytes; an RSA signature is
     * as long as the modulus.
     */
    private boolean wellFormed(byte[] signature) {
        switch (algorithm.family()) {
            case EC: {
                int half = algorithm.ecCoordinateBytes();
                if (signature.length != 2 * half) {
                    return false;
                }
                BigInteger order = ((ECPublicKey) publicKey).getParams().getOrder();
                BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, half));
                BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, half, 2 * half));
                return r.signum() > 0 && s.signum() > 0 && r.compareTo(order) < 0 && s.compareTo(order) < 0;
            }
            case EDDSA:
                return signature.length == 64;
            case RSA:
            case RSA_PSS: {
                int modulusBytes = (((java.security.interfaces.RSAKey) publicKey).getModulus().bitLength() + 7) / 8;
                return signature.length == modulusBytes;
            }
            default:
                return true;
        }
    }

    private Signature signature() {
        try {
            if (algorithm.family() == JwsAlgorithm.Family.RSA_PSS) {
                Signature s = Signature.getInstance("RSASSA-PSS");
                String hash = algorithm.jcaName();
                int saltBytes = Integer.parseInt(hash.substring("SHA-".length())) / 8;
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltBytes, 1));
                return s;
            }
            return Signature.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            // Every name here is one the JDK 17 providers carry.
            throw new IllegalStateException("the JDK lacks " + algorithm.jcaName(), e);
        }
    }

    @Override
    public String toString() {
        // Never the key material.
        return "JwtKey[" + algorithm + (kid == null ? "" : ", kid=" + kid) + (canSign() ? ", signs" : "") + "]";
    }
}
