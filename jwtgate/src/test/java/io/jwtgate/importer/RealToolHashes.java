package io.jwtgate.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.realm.MessageDigestCredentialHandler;
import org.apache.catalina.realm.SecretKeyCredentialHandler;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.security.Password;
import org.junit.jupiter.api.Assumptions;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Stored credentials made by the tools that make them in the field: Tomcat's credential handlers
 * (tomcat-embed-core), Jetty's {@code Credential} (jetty-util), Apache's {@code htpasswd}
 * (apache2-utils) and jbcrypt, so that the import is tested against what real files hold.
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

    /**
     * The hash Apache's {@code htpasswd} writes with {@code flag} ({@code -m} apr1, {@code -s} SHA,
     * {@code -B} bcrypt, {@code -d} crypt), the password given on its stdin. Skips the test when
     * {@code htpasswd} is not installed, unless the environment says {@code CI=true}: then it fails.
     */
    public static String htpasswd(String flag, String user, String password) {
        requireHtpasswd();
        try {
            Process p = new ProcessBuilder("htpasswd", "-n", "-i", flag, user).redirectErrorStream(false).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(password.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("htpasswd did not finish");
            }
            assertEquals(0, p.exitValue(), "htpasswd exit code");
            assertEquals(user + ":", out.substring(0, user.length() + 1));
            return out.substring(user.length() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireHtpasswd() {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            present |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "htpasswd"));
        }
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("htpasswd (Debian package apache2-utils) is required when CI=true");
            }
            Assumptions.abort("htpasswd is not installed (Debian package apache2-utils): skipped");
        }
    }
}
