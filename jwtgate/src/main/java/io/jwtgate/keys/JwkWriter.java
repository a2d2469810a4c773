package io.jwtgate.keys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Writes public keys as JWKs. Every member is computed from a {@link PublicKey} and named here
 * (an allow-list), so nothing private can be copied in, whatever the key object holds.
 */
final class JwkWriter {

    private JwkWriter() {
    }

    static ObjectNode publicJwk(JwtKey key) {
        JwsAlgorithm alg = key.algorithm();
        PublicKey pub = key.publicKey().orElseThrow(
                () -> new IllegalArgumentException(alg + " keys are secrets and are never published"));
        ObjectNode jwk = StrictJson.mapper().createObjectNode();
        jwk.put("kty", kty(pub));
        key.kid().ifPresent(kid -> jwk.put("kid", kid));
        jwk.put("use", "sig");
        jwk.put("alg", alg.name());
        members(pub, jwk);
        return jwk;
    }

    /** RFC 7638: the required members in lexicographic order, no white space, SHA-256, base64url. */
    static String thumbprint(PublicKey pub) {
        ObjectNode all = StrictJson.mapper().createObjectNode();
        members(pub, all);
        all.put("kty", kty(pub));
        ObjectNode sorted = StrictJson.mapper().createObjectNode();
        List<String> names = new ArrayList<>();
        all.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        for (String n : names) {
            sorted.set(n, all.get(n));
        }
        try {
            byte[] json = StrictJson.mapper().writeValueAsBytes(sorted);
            return JwkMembers.encode(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            // Writing an object of short strings and every JDK's SHA-256 cannot fail.
            throw new IllegalStateException(e);
        }
    }

    private static String kty(PublicKey pub) {
        if (pub instanceof RSAPublicKey) {
            return "RSA";
        }
        if (pub instanceof ECPublicKey) {
            return "EC";
        }
        if (pub instanceof EdECPublicKey) {
            return "OKP";
        }
        throw new IllegalArgumentException("no JWK form for a " + pub.getAlgorithm() + " key");
    }

    /** The key-type members (RFC 7518 §6.2.1, §6.3.1; RFC 8037 §2), public ones only. */
    private static void members(PublicKey pub, ObjectNode jwk) {
        if (pub instanceof RSAPublicKey rsa) {
            jwk.put("n", unsigned(rsa.getModulus(), 0));
            jwk.put("e", unsigned(rsa.getPublicExponent(), 0));
        } else if (pub instanceof ECPublicKey ec) {
            JwkCurve curve = JwkCurve.of(ec.getParams())
                    .orElseThrow(() -> new IllegalArgumentException("EC key on a curve JOSE does not name"));
            jwk.put("crv", curve.jwkName());
            jwk.put("x", unsigned(ec.getW().getAffineX(), curve.coordinateBytes()));
            jwk.put("y", unsigned(ec.getW().getAffineY(), curve.coordinateBytes()));
        } else if (pub instanceof EdECPublicKey ed) {
            if (!"Ed25519".equals(ed.getParams().getName())) {
                throw new IllegalArgumentException("only Ed25519 keys are published");
            }
            jwk.put("crv", "Ed25519");
            jwk.put("x", JwkMembers.encode(ed25519Bytes(ed)));
        } else {
            throw new IllegalArgumentException("no JWK form for a " + pub.getAlgorithm() + " key");
        }
    }

    /** The 32 key bytes of RFC 8032, taken from the key's SubjectPublicKeyInfo after its fixed prefix. */
    private static byte[] ed25519Bytes(EdECPublicKey ed) {
        byte[] spki = ed.getEncoded();
        byte[] prefix = JwkPublicKeys.ED25519_SPKI_PREFIX;
        if (spki.length != prefix.length + 32 || !Arrays.equals(Arrays.copyOf(spki, prefix.length), prefix)) {
            throw new IllegalArgumentException("unexpected Ed25519 key encoding");
        }
        return Arrays.copyOfRange(spki, prefix.length, spki.length);
    }

    /**
     * Big-endian, unsigned, base64url: minimal when {@code length} is 0 (RSA {@code n} and
     * {@code e}, no leading zero), else left-padded to exactly {@code length} bytes (EC coordinates).
     */
    private static String unsigned(BigInteger value, int length) {
        byte[] b = value.toByteArray();
        int start = 0;
        while (start < b.length - 1 && b[start] == 0) {
            start++;
        }
        byte[] minimal = Arrays.copyOfRange(b, start, b.length);
        if (length == 0 || minimal.length == length) {
            return JwkMembers.encode(minimal);
        }
        if (minimal.length > length) {
            throw new IllegalArgumentException("coordinate longer than the curve's field");
        }
        byte[] padded = new byte[length];
        System.arraycopy(minimal, 0, padded, length - minimal.length, minimal.length);
        return JwkMembers.encode(padded);
    }
}
