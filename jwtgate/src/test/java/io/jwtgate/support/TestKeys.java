package io.jwtgate.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real key pairs for tests, generated with {@link KeyPairGenerator}, and the files operators would
 * configure: PEM (PKCS#8 private, SubjectPublicKeyInfo public) and PKCS#12 keystores made by the
 * JDK's own {@code keytool} (the JDK has no public API to build the self-signed certificate a
 * keystore entry needs).
 */
public final class TestKeys {

    private TestKeys() {
    }

    public static KeyPair rsa(int bits) {
        return generate("RSA", bits);
    }

    /** An RSA key with a chosen public exponent (for the weak-exponent checks). */
    public static KeyPair rsa(int bits, BigInteger exponent) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, exponent));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param curve e.g. {@code secp256r1} */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair ed25519() {
        return generate("Ed25519", 0);
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                g.initialize(bits);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of one block (RFC 7468: 64 characters a line). */
    public static String pem(String label, byte[] der) {
        StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        String b64 = Base64.getEncoder().encodeToString(der);
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return sb.append("-----END ").append(label).append("-----\n").toString();
    }

    /**
     * A PKCS#8 private key file with the public key block after it (Java's PKCS#8 form of an EC key
     * omits the public key that openssl embeds, so the file carries it the way the docs say).
     */
    public static Path privatePem(Path dir, String name, KeyPair pair) {
        return write(dir.resolve(name), pem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    /** A PKCS#8 private key file alone, as openssl writes RSA and Ed25519 keys. */
    public static Path privatePemOnly(Path dir, String name, KeyPair pair) {
        return write(dir.resolve(name), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    public static Path publicPem(Path dir, String name, KeyPair pair) {
        return write(dir.resolve(name), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    public static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A PKCS#12 keystore holding one new key pair with a self-signed certificate, made by keytool.
     *
     * @param keyArgs keytool's key arguments, e.g. {@code -keyalg EC -groupname secp256r1}
     */
    public static Path pkcs12(Path file, String alias, String password, String... keyArgs) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-noprompt", "-alias", alias, "-dname", "CN=jwtgate-test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password, "-keypass", password));
        command.addAll(List.of(keyArgs));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
