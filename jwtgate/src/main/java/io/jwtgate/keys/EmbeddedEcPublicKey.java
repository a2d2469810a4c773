package io.jwtgate.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The public key that openssl writes into the PKCS#8 form of an EC private key: RFC 5915's
 * {@code ECPrivateKey} carries it as the optional {@code [1] publicKey} bit string. The JDK ignores
 * that member, so a small DER walk of our own reads it. Keys written by Java omit it; for those the
 * file must also hold a {@code PUBLIC KEY} block (JwtGate does not do elliptic-curve arithmetic
 * on private keys itself).
 */
final class EmbeddedEcPublicKey {

    private static final int CONTEXT_1 = 0xa1;

    private EmbeddedEcPublicKey() {
    }

    /**
     * @param pkcs8 the DER of the {@code PrivateKeyInfo}
     * @return the embedded public key on the private key's curve, empty when the file has none
     * @throws IllegalArgumentException when the structure is malformed or the point compressed
     */
    static Optional<ECPublicKey> from(byte[] pkcs8, ECPrivateKey privateKey) {
        byte[] point;
        try {
            DerReader info = new DerReader(pkcs8).read(DerReader.SEQUENCE);
            info.read(DerReader.INTEGER);
            info.read(DerReader.SEQUENCE);
            DerReader ecPrivateKey = new DerReader(info.read(DerReader.OCTET_STRING).bytes()).read(DerReader.SEQUENCE);
            ecPrivateKey.read(DerReader.INTEGER);
            ecPrivateKey.read(DerReader.OCTET_STRING);
            point = null;
            while (ecPrivateKey.hasMore()) {
                if (ecPrivateKey.peekTag() == CONTEXT_1) {
                    byte[] bitString = ecPrivateKey.read(CONTEXT_1).read(DerReader.BIT_STRING).bytes();
                    if (bitString.length < 2 || bitString[0] != 0) {
                        throw new IllegalArgumentException("the embedded EC public key is not a whole-byte bit string");
                    }
                    point = Arrays.copyOfRange(bitString, 1, bitString.length);
                } else {
                    ecPrivateKey.skip();
                }
            }
        } catch (DerReader.MalformedDerException e) {
            throw new IllegalArgumentException("the PKCS#8 EC private key is malformed (" + e.getMessage() + ")");
        }
        if (point == null) {
            return Optional.empty();
        }
        return Optional.of(decode(point, privateKey.getParams()));
    }

    /** SEC 1 §2.3.4, uncompressed form only: {@code 04 || X || Y}. */
    private static ECPublicKey decode(byte[] point, ECParameterSpec params) {
        int size = (params.getCurve().getField().getFieldSize() + 7) / 8;
        if (point.length != 1 + 2 * size || point[0] != 4) {
            throw new IllegalArgumentException("the embedded EC public key is not an uncompressed point of the"
                    + " key's curve; add the public key as a PUBLIC KEY block ('openssl pkey -in KEY.pem -pubout')");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + size));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + size, point.length));
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), params));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the embedded EC public key is not valid for its curve");
        }
    }
}
