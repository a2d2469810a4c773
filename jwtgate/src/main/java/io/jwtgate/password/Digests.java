package io.jwtgate.password;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** The digest computations the legacy formats share, on the JDK's providers. */
final class Digests {

    private Digests() {
    }

    /** A new instance of a digest every Java platform provides (MD5, SHA-1, SHA-256, SHA-512). */
    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /**
     * Tomcat's iterated digest: the first round over salt then password, each further round over the previous
     * result alone.
     */
    static byte[] iterated(String algorithm, int iterations, byte[] salt, byte[] password) {
        MessageDigest md = digest(algorithm);
        md.update(salt);
        md.update(password);
        byte[] result = md.digest();
        for (int i = 1; i < iterations; i++) {
            result = md.digest(result);
        }
        return result;
    }

    /** PBKDF2 as JCA names it (e.g. PBKDF2WithHmacSHA256), as Tomcat's SecretKeyCredentialHandler calls it. */
    static byte[] pbkdf2(String algorithm, String password, byte[] salt, int iterations, int keyBits) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, keyBits);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("the JDK cannot run " + algorithm, e);
        } finally {
            spec.clearPassword();
        }
    }
}
