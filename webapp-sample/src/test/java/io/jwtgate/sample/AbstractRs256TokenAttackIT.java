package io.jwtgate.sample;

import static io.jwtgate.sample.HostileTokens.payload;
import static io.jwtgate.sample.HostileTokens.str;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.support.TestKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AbstractAsymmetricTokenAttackIT} for RS256 (a 2048-bit RSA key), plus the RSA signature
 * forgeries: wrong lengths, degenerate values ({@code 0}, {@code 1}, {@code n - 1}, {@code n}), a
 * stripped leading zero, and PKCS#1 v1.5 and PSS signatures of the real key presented as the other.
 */
abstract class AbstractRs256TokenAttackIT extends AbstractAsymmetricTokenAttackIT {

    @Override
    String algorithm() {
        return "RS256";
    }

    @Override
    KeyPair newKeyPair() {
        return TestKeys.rsa(2048);
    }

    @Override
    String otherAlgorithm() {
        return "ES256";
    }

    @Override
    KeyPair newOtherKeyPair() {
        return TestKeys.ec("secp256r1");
    }

    @Override
    String[] keytoolKeyArguments() {
        return new String[] {"-keyalg", "RSA", "-keysize", "2048"};
    }

    @Override
    List<String> sameFamilyAlgorithms() {
        return List.of("RS384", "RS512", "PS256", "PS384", "PS512");
    }

    @Test
    void rsaSignaturesOfTheWrongLengthOrDegenerateValueAreRefused() {
        String claims = payload().json();
        String token = genuine(realHeader("RS256"), claims);
        byte[] sig = signatureOf(token);
        BigInteger n = ((RSAPublicKey) published).getModulus();
        int size = (n.bitLength() + 7) / 8;
        assertTrue(sig.length == size, "the control signature is as long as the modulus");
        Verdicts v = verdicts();

        v.reached("control: the genuine token", admin(token), ADMIN_MARKER);
        v.invalidToken("one byte short (last byte dropped)", admin(resigned(token, Arrays.copyOf(sig, size - 1))),
                Verdicts.INVALID);
        v.invalidToken("one byte short (first byte dropped)",
                admin(resigned(token, Arrays.copyOfRange(sig, 1, size))), Verdicts.INVALID);
        v.invalidToken("one byte long (zero prepended)", admin(resigned(token, concat(new byte[1], sig))),
                Verdicts.INVALID);
        v.invalidToken("one byte long (zero appended)", admin(resigned(token, Arrays.copyOf(sig, size + 1))),
                Verdicts.INVALID);
        v.invalidToken("all zeros", admin(resigned(token, new byte[size])), Verdicts.INVALID);
        v.invalidToken("s = 1", admin(resigned(token, fixed(BigInteger.ONE, size))), Verdicts.INVALID);
        v.invalidToken("s = n - 1", admin(resigned(token, fixed(n.subtract(BigInteger.ONE), size))), Verdicts.INVALID);
        v.invalidToken("s = n", admin(resigned(token, fixed(n, size))), Verdicts.INVALID);
        BigInteger plusN = new BigInteger(1, sig).add(n);
        if (plusN.bitLength() <= size * 8) {
            v.invalidToken("s + n (the same value mod n)", admin(resigned(token, fixed(plusN, size))), Verdicts.INVALID);
        }
        byte[] ones = new byte[size];
        Arrays.fill(ones, (byte) 0xff);
        v.invalidToken("all 0xff (above n)", admin(resigned(token, ones)), Verdicts.INVALID);
        v.invalidToken("the signature of another token", admin(resigned(token,
                signatureOf(genuine(realHeader("RS256"), payload().json())))), Verdicts.INVALID);

        v.assertAll();
    }

    /**
     * About one real signature in 256 starts with a zero byte; a lenient verifier would accept it
     * with that byte stripped (two spellings of one signature). JwtGate requires the modulus length.
     */
    @Test
    void signatureWithItsLeadingZeroStrippedIsRefused() {
        String token = null;
        for (int i = 0; i < 20_000 && token == null; i++) {
            String candidate = genuine(realHeader("RS256"), payload().json());
            if (signatureOf(candidate)[0] == 0) {
                token = candidate;
            }
        }
        assertTrue(token != null, "no signature with a leading zero byte in 20 000 tries");
        byte[] sig = signatureOf(token);
        Verdicts v = verdicts();

        v.reached("control: the genuine token whose signature starts with 0x00", admin(token), ADMIN_MARKER);
        v.invalidToken("the same signature with the leading zero stripped",
                admin(resigned(token, Arrays.copyOfRange(sig, 1, sig.length))), Verdicts.INVALID);

        v.assertAll();
    }

    @Test
    void pkcs1AndPssSignaturesOfTheRealKeyPresentedAsTheOtherAreRefused() {
        String claims = payload().json();
        Verdicts v = verdicts();

        v.invalidToken("header PS256, a PKCS#1 v1.5 (RS256) signature of the real key over it", admin(
                sign("RS256", signing.getPrivate(), realHeader("PS256"), claims)), Verdicts.INVALID);
        v.invalidToken("header RS256, a PSS (PS256) signature of the real key over it", admin(
                sign("PS256", signing.getPrivate(), realHeader("RS256"), claims)), Verdicts.INVALID);
        v.invalidToken("header RS256, a PSS signature with SHA-512 of the real key over it", admin(
                sign("PS512", signing.getPrivate(), realHeader("RS256"), claims)), Verdicts.INVALID);
        v.invalidToken("header RS256 without kid, a PSS signature of the real key", admin(sign("PS256",
                signing.getPrivate(), header("\"alg\":\"RS256\"", "\"typ\":\"at+jwt\""), claims)), Verdicts.INVALID);
        v.invalidToken("header " + str("RS256") + ", an ECDSA signature by the other family's key", admin(
                sign("ES256", other.getPrivate(), realHeader("RS256"), claims)), Verdicts.INVALID);

        v.assertAll();
    }
}
