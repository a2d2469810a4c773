package io.jwtgate.sample;

import static io.jwtgate.sample.HostileTokens.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.sample.Verdicts.Answer;
import io.jwtgate.support.TestKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AbstractAsymmetricTokenAttackIT} for ES256 (P-256), plus the ECDSA signature forgeries:
 * zero and out-of-range {@code r}/{@code s} (CVE-2022-21449), DER instead of the JOSE form, wrong
 * lengths, and the malleated {@code (r, n - s)}, which verifies (JOSE does not forbid a high
 * {@code s}) but is no bypass: it signs the same claims, so it carries the same identity and the
 * same revocation (decision 450).
 */
abstract class AbstractEs256TokenAttackIT extends AbstractAsymmetricTokenAttackIT {

    @Override
    String algorithm() {
        return "ES256";
    }

    @Override
    KeyPair newKeyPair() {
        return TestKeys.ec("secp256r1");
    }

    @Override
    String otherAlgorithm() {
        return "RS256";
    }

    @Override
    KeyPair newOtherKeyPair() {
        return TestKeys.rsa(2048);
    }

    @Override
    String[] keytoolKeyArguments() {
        return new String[] {"-keyalg", "EC", "-groupname", "secp256r1"};
    }

    @Override
    List<String> sameFamilyAlgorithms() {
        return List.of("ES384", "ES512");
    }

    private BigInteger order() {
        return ((ECPublicKey) published).getParams().getOrder();
    }

    @Test
    void ecdsaSignaturesWithZeroOrOutOfRangeValuesOrTheWrongShapeAreRefused() {
        String claims = payload().json();
        String token = genuine(realHeader("ES256"), claims);
        byte[] sig = signatureOf(token);
        assertEquals(64, sig.length, "a JOSE ES256 signature is r || s of 32 bytes each");
        byte[] r = Arrays.copyOfRange(sig, 0, 32);
        byte[] s = Arrays.copyOfRange(sig, 32, 64);
        BigInteger n = order();
        byte[] zero = new byte[32];
        Verdicts v = verdicts();

        v.reached("control: the genuine token", admin(token), ADMIN_MARKER);
        v.invalidToken("r = s = 0 (CVE-2022-21449)", admin(resigned(token, new byte[64])), Verdicts.INVALID);
        v.invalidToken("r = 0, real s", admin(resigned(token, concat(zero, s))), Verdicts.INVALID);
        v.invalidToken("real r, s = 0", admin(resigned(token, concat(r, zero))), Verdicts.INVALID);
        v.invalidToken("r = s = n", admin(resigned(token, concat(fixed(n, 32), fixed(n, 32)))), Verdicts.INVALID);
        v.invalidToken("r = n, real s", admin(resigned(token, concat(fixed(n, 32), s))), Verdicts.INVALID);
        v.invalidToken("real r, s = n", admin(resigned(token, concat(r, fixed(n, 32)))), Verdicts.INVALID);
        v.invalidToken("r = s = 1", admin(resigned(token, concat(fixed(BigInteger.ONE, 32),
                fixed(BigInteger.ONE, 32)))), Verdicts.INVALID);
        v.invalidToken("r = s = n - 1", admin(resigned(token, concat(fixed(n.subtract(BigInteger.ONE), 32),
                fixed(n.subtract(BigInteger.ONE), 32)))), Verdicts.INVALID);
        BigInteger rPlusN = new BigInteger(1, r).add(n);
        if (rPlusN.bitLength() <= 256) {
            v.invalidToken("r + n (the same value mod n), real s", admin(resigned(token, concat(fixed(rPlusN, 32), s))),
                    Verdicts.INVALID);
        }
        byte[] ones = new byte[64];
        Arrays.fill(ones, (byte) 0xff);
        v.invalidToken("r = s = 2^256 - 1", admin(resigned(token, ones)), Verdicts.INVALID);
        v.invalidToken("r and s swapped", admin(resigned(token, concat(s, r))), Verdicts.INVALID);
        v.invalidToken("the real key's signature in DER (ASN.1) form",
                admin(resigned(token, jcaSign("ES256-DER", signing.getPrivate(), signingInput(token)))),
                Verdicts.INVALID);
        v.invalidToken("truncated to 63 bytes", admin(resigned(token, Arrays.copyOf(sig, 63))), Verdicts.INVALID);
        v.invalidToken("truncated to 32 bytes (r only)", admin(resigned(token, r)), Verdicts.INVALID);
        v.invalidToken("padded to 65 bytes (zero appended)", admin(resigned(token, Arrays.copyOf(sig, 65))),
                Verdicts.INVALID);
        v.invalidToken("padded to 65 bytes (zero prepended)", admin(resigned(token, concat(new byte[1], sig))),
                Verdicts.INVALID);
        v.invalidToken("r and s each left-padded to 33 bytes",
                admin(resigned(token, concat(concat(new byte[1], r), concat(new byte[1], s)))), Verdicts.INVALID);
        v.invalidToken("ES384 size (96 bytes, r and s left-padded to 48)", admin(resigned(token,
                concat(concat(new byte[16], r), concat(new byte[16], s)))), Verdicts.INVALID);
        v.invalidToken("ES512 size (132 bytes, r and s left-padded to 66)", admin(resigned(token,
                concat(concat(new byte[34], r), concat(new byte[34], s)))), Verdicts.INVALID);
        v.invalidToken("the real key's signature over SHA-384 (64 bytes, the wrong hash)", admin(resigned(token,
                jcaSign("ES384", signing.getPrivate(), signingInput(token)))), Verdicts.INVALID);
        v.invalidToken("a real P-384 key's ES384 signature under the ES256 header", admin(resigned(token,
                jcaSign("ES384", TestKeys.ec("secp384r1").getPrivate(), signingInput(token)))), Verdicts.INVALID);
        v.invalidToken("the signature of another token", admin(resigned(token,
                signatureOf(genuine(realHeader("ES256"), payload().json())))), Verdicts.INVALID);

        v.assertAll();
    }

    private static String signingInput(String token) {
        String[] p = token.split("\\.", -1);
        return p[0] + "." + p[1];
    }

    /**
     * Decision 450: {@code (r, n - s)} is a second valid ECDSA signature over the same bytes. JOSE
     * (RFC 7518 §3.4) does not require a low {@code s}, other verifiers (nimbus, java-jwt) accept
     * it, and refusing it would refuse a share of genuine tokens from issuers that do not
     * normalize. It is no bypass: the claims are the issuer's, so the malleated token carries the
     * same user, roles and {@code jti}/{@code sid}, and logging out revokes it with the original.
     */
    @Test
    void malleatedSignatureVerifiesButCarriesTheSameClaimsAndDiesWithTheOriginal() throws Exception {
        JsonNode tokens = login(http, "alice");
        String token = tokens.get("access_token").asText();
        byte[] sig = signatureOf(token);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] malleatedSig = concat(Arrays.copyOfRange(sig, 0, 32), fixed(order().subtract(s), 32));
        String malleated = resigned(token, malleatedSig);
        assertNotEquals(token, malleated);
        Verdicts v = verdicts();

        Answer original = Answer.of(http.get("/api/hello", token));
        Answer twin = Answer.of(http.get("/api/hello", malleated));
        v.reached("control: the original token", original, "Hello, alice");
        v.reached("the malleated token (same claims, high/low s swapped)", twin, "Hello, alice");
        v.refusedWith(403, "the malleated token of a user at an admin path", Answer.of(http.get(ADMIN, malleated)));
        assertEquals(204, http.postJson("/auth/logout", "", malleated).statusCode(), "logout with the malleated token");
        v.invalidToken("the original after logout", Answer.of(http.get("/api/hello", token)), Verdicts.REVOKED);
        v.invalidToken("the malleated token after logout", Answer.of(http.get("/api/hello", malleated)),
                Verdicts.REVOKED);

        v.assertAll();
    }
}
