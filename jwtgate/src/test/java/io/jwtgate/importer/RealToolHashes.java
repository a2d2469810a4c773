package io.jwtgate.importer;

import java.security.NoSuchAlgorithmException;
import org.apache.catalina.realm.MessageDigestCredentialHandler;
import org.apache.catalina.realm.SecretKeyCredentialHandler;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Stored credentials made by the tools that make them in the field: Tomcat's credential handlers
 * (tomcat-embed-core), Jetty's {@code Credential} (jetty-util) and jbcrypt (htpasswd's come from
 * {@link io.jwtgate.support.Htpasswd}), so that the import is tested against what real files hold.
 */
public final class RealToolHashes {

    private RealToolHashes() {
    }

    /** Tomcat's {@code MessageDigestCredentialHandler}: bare hex, or {@code salt$iterations$hex} with a salt. */
    public static String tomcatDigest(String algorithm, int saltLength, int iterations, String password) {
        MessageDigestCredentialHandler handler = new MessageDigestCredentialHandler();
        try {
            handler.setAlgorithm(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        handler.setSaltLength(saltLength);
        handler.setIterations(iterations);
        return handler.mutate(password);
    }

    /** Tomcat's {@code SecretKeyCredentialHandler} (PBKDF2): {@code salt$iterations$hex}. */
    public static String tomcatPbkdf2(String algorithm, int iterations, String password) {
        SecretKeyCredentialHandler handler;
        try {
            handler = new SecretKeyCredentialHandler();
            handler.setAlgorithm(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        handler.setIterations(iterations);
        return handler.mutate(password);
    }

    /** Jetty's {@code MD5:hex}. */
    public static String jettyMd5(String password) {
        return Credential.MD5.digest(password);
    }

    /** Jetty's {@code CRYPT:} (Unix DES crypt, the user name as salt as Jetty's tools do). */
    public static String jettyCrypt(String user, String password) {
        return Credential.Crypt.crypt(user, password);
    }

    /** Jetty's {@code OBF:} obfuscation. */
    public static String jettyObfuscated(String password) {
        return Password.obfuscate(password);
    }

    /** jbcrypt's {@code $2a$}. */
    public static String bcrypt(String password, int cost) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost));
    }
}
