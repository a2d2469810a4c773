package io.jwtgate.config;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/** The {@code kid} of a signing key for which {@code jwtgate.signing.key-id} is not set. */
final class DefaultKeyId {

    private DefaultKeyId() {
    }

    static String of(PublicKey key) {
        // Temporary until io.jwtgate.keys.Jwk.thumbprint (RFC 7638) lands: SHA-256 of the encoded key.
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
