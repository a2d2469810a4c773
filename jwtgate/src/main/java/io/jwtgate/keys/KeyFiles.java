package io.jwtgate.keys;

import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the key files an operator configures: PEM (RFC 7468) with a PKCS#8 {@code PRIVATE KEY}
 * and/or a SubjectPublicKeyInfo {@code PUBLIC KEY} (or a {@code CERTIFICATE}), and PKCS#12
 * keystores. Every key read is checked against the algorithm it is configured for
 * ({@link KeyChecks}) and every private key proven against its public key by a probe signature.
 * Failures are {@link KeyFileException}s saying the problem and the fix; they never quote key
 * material or a password.
 */
public final class KeyFiles {

    /** A PEM key or a PKCS#12 keystore with a certificate chain is a few kilobytes; this bounds reading. */
    public static final int MAX_FILE_BYTES = 256 * 1024;

    private static final String CONVERT = "openssl pkcs8 -topk8 -nocrypt -in OLD.pem -out KEY.pem";

    private KeyFiles() {
    }

    /**
     * The signing key in {@code file}: PEM with a private key, or a PKCS#12 keystore.
     *
     * @param kid the key's {@code kid}, or null (the caller then derives one)
     * @param password the PKCS#12 password, or null when none is configured; not kept
     * @param alias the PKCS#12 entry to use, or null for the only key entry
     */
    public static JwtKey signingKey(Path file, JwsAlgorithm algorithm, String kid, char[] password, String alias) {
        LoadedKey loaded = load(file, password, alias);
        if (loaded.privateKey() == null) {
            throw new KeyFileException("the file holds a public key only but signing needs the private key;"
                    + " point to the PKCS#8 PRIVATE KEY file (or a PKCS#12 keystore), and list the public key in"
                    + " jwtgate.verification.keys only if it is to verify");
        }
        KeyChecks.checkPublicKey(algorithm, loaded.publicKey());
        KeyChecks.probe(loaded.privateKey(), loaded.publicKey());
        return JwtKey.signing(algorithm, kid, loaded.privateKey(), loaded.publicKey());
    }

    /**
     * A verification-only key from {@code file}: a PEM public key or certificate (a private key in
     * the file is read only to obtain its public half, which is all that is kept).
     */
    public static JwtKey verificationKey(Path file, JwsAlgorithm algorithm, String kid) {
        if (isPkcs12Name(file)) {
            throw new KeyFileException("a verification key is read from a PEM PUBLIC KEY file or a JWKS file, not"
                    + " from a PKCS#12 keystore; export it with 'openssl pkcs12 -in KEYSTORE.p12 -nokeys | openssl"
                    + " x509 -pubkey -noout > PUBLIC.pem'");
        }
        LoadedKey loaded = load(file, null, null);
        KeyChecks.checkPublicKey(algorithm, loaded.publicKey());
        if (loaded.privateKey() != null) {
            KeyChecks.probe(loaded.privateKey(), loaded.publicKey());
        }
        return JwtKey.verifying(algorithm, kid, loaded.publicKey());
    }

    /** The bytes of {@code file}, bounded by {@link #MAX_FILE_BYTES}. */
    public static byte[] read(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new KeyFileException("the file " + file + " does not exist; check the path");
            }
            if (!Files.isRegularFile(file)) {
                throw new KeyFileException(file + " is not a regular file; name the key file itself");
            }
            long size = Files.size(file);
            if (size == 0) {
                throw new KeyFileException("the file " + file + " is empty; write the key into it");
            }
            if (size > MAX_FILE_BYTES) {
                throw new KeyFileException("the file " + file + " is " + size + " bytes long, more than a key file"
                        + " can be (" + MAX_FILE_BYTES + "); name the key file itself");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES || bytes.length == 0) {
                    throw new KeyFileException("the file " + file + " changed while it was read; try again");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new KeyFileException("the file " + file + " does not exist; check the path");
        } catch (AccessDeniedException e) {
            throw new KeyFileException("the file " + file + " cannot be read by this process; grant it read access");
        } catch (IOException e) {
            throw new KeyFileException("the file " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); check the path and its permissions");
        }
    }

    static LoadedKey load(Path file, char[] password, String alias) {
        byte[] bytes = read(file);
        try {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (PemBlock.looksLikePem(text)) {
                if (password != null) {
                    // A password nothing uses is a configuration mistake (a PEM where a keystore was meant).
                    throw new KeyFileException(file + " is a PEM file, which JwtGate reads unencrypted, but"
                            + " jwtgate.signing.key-password is set; remove the password or point to the PKCS#12 keystore");
                }
                return pem(file, text);
            }
            if (isPkcs12Name(file) || bytes[0] == 0x30) {
                return pkcs12(file, bytes, password, alias);
            }
            throw new KeyFileException("the file " + file + " is neither PEM nor a PKCS#12 keystore; write the key"
                    + " as PEM ('-----BEGIN PRIVATE KEY-----') or a .p12 keystore");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static boolean isPkcs12Name(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    private static LoadedKey pem(Path file, String text) {
        List<PemBlock> blocks;
        try {
            blocks = PemBlock.parse(text);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException("in " + file + ", " + e.getMessage() + "; write the key unencrypted as PKCS#8: "
                    + CONVERT);
        }
        PemBlock privateBlock = null;
        PemBlock publicBlock = null;
        for (PemBlock block : blocks) {
            switch (block.label()) {
                case "PRIVATE KEY":
                    privateBlock = onlyOne(file, privateBlock, block);
                    break;
                case "PUBLIC KEY":
                case "CERTIFICATE":
                    publicBlock = onlyOne(file, publicBlock, block);
                    break;
                case "EC PARAMETERS":
                    break; // what 'openssl ecparam -genkey' writes before the key; the key names its curve
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    throw new KeyFileException(file + " holds a traditional '" + block.label() + "' (PKCS#1/SEC1) key;"
                            + " JwtGate reads PKCS#8: convert it with '" + CONVERT + "'");
                case "ENCRYPTED PRIVATE KEY":
                    throw new KeyFileException(file + " holds an encrypted private key; store it decrypted as PKCS#8"
                            + " with restricted file permissions ('openssl pkcs8 -in OLD.pem -out KEY.pem'), or use a"
                            + " PKCS#12 keystore with jwtgate.signing.key-password");
                case "RSA PUBLIC KEY":
                    throw new KeyFileException(file + " holds a PKCS#1 'RSA PUBLIC KEY'; convert it to a"
                            + " SubjectPublicKeyInfo PUBLIC KEY with 'openssl rsa -RSAPublicKey_in -in OLD.pem -pubout'");
                default:
                    throw new KeyFileException(file + " holds a '" + block.label() + "' block, which is not a key"
                            + " JwtGate reads; use a PKCS#8 PRIVATE KEY or a PUBLIC KEY block");
            }
        }
        if (privateBlock == null && publicBlock == null) {
            throw new KeyFileException(file + " holds no complete PEM block; write the key as"
                    + " '-----BEGIN PRIVATE KEY-----' ... '-----END PRIVATE KEY-----'");
        }
        PublicKey publicKey = publicBlock == null ? null : publicKey(file, publicBlock);
        if (privateBlock == null) {
            return new LoadedKey(publicKey, null);
        }
        PrivateKey privateKey = privateKey(file, privateBlock.der());
        try {
            if (publicKey == null) {
                publicKey = derivePublic(file, privateKey, privateBlock.der());
            }
            return new LoadedKey(publicKey, privateKey);
        } finally {
            Arrays.fill(privateBlock.der(), (byte) 0);
        }
    }

    private static PemBlock onlyOne(Path file, PemBlock earlier, PemBlock block) {
        if (earlier != null) {
            throw new KeyFileException(file + " holds more than one '" + block.label() + "' block; keep one key per"
                    + " file (list further keys in jwtgate.verification.keys)");
        }
        return block;
    }

    private static PrivateKey privateKey(Path file, byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks the " + algorithm + " key factory", e);
            }
        }
        throw new KeyFileException(file + " holds a PRIVATE KEY that is not an RSA, EC or Ed25519 key JwtGate can"
                + " read; generate one with openssl genpkey (see docs/keys.md)");
    }

    private static PublicKey publicKey(Path file, PemBlock block) {
        if (block.label().equals("CERTIFICATE")) {
            try {
                return CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(block.der())).getPublicKey();
            } catch (CertificateException e) {
                throw new KeyFileException(file + " holds a CERTIFICATE that cannot be parsed; export the public key"
                        + " with 'openssl x509 -in CERT.pem -pubkey -noout'");
            }
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(block.der()));
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks the " + algorithm + " key factory", e);
            }
        }
        throw new KeyFileException(file + " holds a PUBLIC KEY that is not an RSA, EC or Ed25519 key JwtGate can"
                + " read; export it with 'openssl pkey -in KEY.pem -pubout'");
    }

    private static PublicKey derivePublic(Path file, PrivateKey privateKey, byte[] pkcs8) {
        try {
            if (privateKey instanceof RSAPrivateCrtKey) {
                RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) privateKey;
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (privateKey instanceof ECPrivateKey) {
                Optional<? extends PublicKey> embedded = EmbeddedEcPublicKey.from(pkcs8, (ECPrivateKey) privateKey);
                if (embedded.isPresent()) {
                    return embedded.get();
                }
            } else if (privateKey instanceof EdECPrivateKey) {
                return Ed25519PublicKey.of((EdECPrivateKey) privateKey);
            }
        } catch (IllegalArgumentException e) {
            throw new KeyFileException("in " + file + ", " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(file + " holds an RSA private key whose public half cannot be formed;"
                    + " generate a new key");
        }
        throw new KeyFileException(file + " holds a private key without its public key; add it as a PUBLIC KEY block"
                + " ('openssl pkey -in KEY.pem -pubout >> KEY.pem')");
    }

    private static LoadedKey pkcs12(Path file, byte[] bytes, char[] password, String alias) {
        char[] pass = password == null ? new char[0] : password;
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), pass);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || e.getCause() instanceof javax.crypto.BadPaddingException) {
                throw new KeyFileException("the PKCS#12 keystore " + file + " does not open with "
                        + (password == null ? "no password; set jwtgate.signing.key-password"
                        : "the password of jwtgate.signing.key-password; set the keystore's password there"));
            }
            throw new KeyFileException(file + " is not a PKCS#12 keystore JwtGate can read"
                    + (password == null ? " (or it needs jwtgate.signing.key-password)" : "")
                    + "; create one with keytool -genkeypair -storetype PKCS12 (see docs/keys.md)");
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(file + " is not a PKCS#12 keystore JwtGate can read; create one with"
                    + " keytool -genkeypair -storetype PKCS12 (see docs/keys.md)");
        }
        try {
            // The entry named by jwtgate.signing.key-id, else the only key entry (whatever its alias).
            String entry = alias != null && store.isKeyEntry(alias) ? alias : onlyKeyEntry(file, store);
            Key key = store.getKey(entry, pass);
            if (!(key instanceof PrivateKey)) {
                throw new KeyFileException("the entry '" + entry + "' of " + file + " is not a private key;"
                        + " name a key-pair entry");
            }
            Certificate certificate = store.getCertificate(entry);
            if (certificate == null) {
                throw new KeyFileException("the entry '" + entry + "' of " + file + " has no certificate, so its"
                        + " public key is unknown; store the key pair with its certificate (keytool -genkeypair)");
            }
            return new LoadedKey(certificate.getPublicKey(), (PrivateKey) key);
        } catch (UnrecoverableKeyException e) {
            throw new KeyFileException("the key entry of " + file + " does not open with the password of"
                    + " jwtgate.signing.key-password; give the entry the keystore's password");
        } catch (GeneralSecurityException e) {
            throw new KeyFileException("the key entry of " + file + " cannot be read; re-create the keystore with"
                    + " keytool -genkeypair -storetype PKCS12");
        }
    }

    private static String onlyKeyEntry(Path file, KeyStore store) throws GeneralSecurityException {
        List<String> entries = keyEntries(store);
        if (entries.size() != 1) {
            throw new KeyFileException("the PKCS#12 keystore " + file + " holds " + entries.size() + " key entries "
                    + entries + " and none has the alias of jwtgate.signing.key-id; set it to the alias of the one"
                    + " to sign with");
        }
        return entries.get(0);
    }

    private static List<String> keyEntries(KeyStore store) throws GeneralSecurityException {
        List<String> entries = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                entries.add(alias);
            }
        }
        Collections.sort(entries);
        return entries;
    }
}
