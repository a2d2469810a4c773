package io.jwtgate.keys;

import io.jwtgate.token.JwsAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumSet;
import java.util.Set;

/**
 * Turns the public members of an RSA, EC or OKP JWK into a JCA public key after the checks the
 * JCA does not make (RSA size, exponent and ROCA; EC curve, coordinate length and point on the
 * curve; Ed25519 only), and says which algorithms such a key can serve.
 */
final class JwkPublicKeys {

    /** The SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410): the 32 key bytes follow it. */
    static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    static final int MINIMUM_RSA_BITS = 2048;

    private JwkPublicKeys() {
    }

    /** A key and the algorithms its type allows. */
    record Parsed(PublicKey key, Set<JwsAlgorithm> fits) {
    }

    static Parsed rsa(JwkMembers m) {
        BigInteger n = m.unsigned("n");
        BigInteger e = m.unsigned("e");
        if (n.bitLength() < MINIMUM_RSA_BITS) {
            throw m.refuse("RSA modulus of " + n.bitLength() + " bits; at least " + MINIMUM_RSA_BITS + " are required");
        }
        if (!n.testBit(0)) {
            throw m.refuse("RSA modulus is even");
        }
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.compareTo(n) >= 0) {
            throw m.refuse("RSA public exponent must be odd, at least 3 and below the modulus");
        }
        if (JwkRocaCheck.vulnerable(n)) {
            throw m.refuse("RSA modulus has the ROCA fingerprint (CVE-2017-15361) and can be factored; replace the key");
        }
        PublicKey key = generate(m, "RSA", new RSAPublicKeySpec(n, e));
        return new Parsed(key, EnumSet.of(JwsAlgorithm.RS256, JwsAlgorithm.RS384, JwsAlgorithm.RS512,
                JwsAlgorithm.PS256, JwsAlgorithm.PS384, JwsAlgorithm.PS512));
    }

    static Parsed ec(JwkMembers m) {
        String crv = m.requiredString("crv");
        JwkCurve curve = JwkCurve.byJwkName(crv)
                .orElseThrow(() -> m.refuse("EC curve " + Jwk.printable(crv) + " is not P-256, P-384 or P-521"));
        byte[] x = m.bytes("x");
        byte[] y = m.bytes("y");
        if (x.length != curve.coordinateBytes() || y.length != curve.coordinateBytes()) {
            throw m.refuse("EC coordinates must be " + curve.coordinateBytes() + " bytes each on " + crv);
        }
        BigInteger bx = new BigInteger(1, x);
        BigInteger by = new BigInteger(1, y);
        if (!curve.contains(bx, by)) {
            throw m.refuse("EC point is not on " + crv);
        }
        PublicKey key = generate(m, "EC", new ECPublicKeySpec(new ECPoint(bx, by), curve.params()));
        return new Parsed(key, EnumSet.of(curve.algorithm()));
    }

    static Parsed okp(JwkMembers m) {
        String crv = m.requiredString("crv");
        if (!"Ed25519".equals(crv)) {
            throw m.refuse("OKP curve " + Jwk.printable(crv) + " is not Ed25519, the only one JwtGate verifies");
        }
        byte[] x = m.bytes("x");
        if (x.length != 32) {
            throw m.refuse("Ed25519 x must be 32 bytes");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        PublicKey key = generate(m, "Ed25519", new X509EncodedKeySpec(spki));
        return new Parsed(key, EnumSet.of(JwsAlgorithm.EdDSA));
    }

    private static PublicKey generate(JwkMembers m, String type, KeySpec spec) {
        try {
            return KeyFactory.getInstance(type).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            // The members passed our checks yet the JDK cannot build a key from them (e.g. an
            // Ed25519 encoding it cannot decode): the key is unusable, not our fault.
            throw m.refuse("the JDK cannot build a " + type + " key from it");
        }
    }
}
