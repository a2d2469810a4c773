package io.jwtgate.config;

import io.jwtgate.keys.KeyFileException;
import io.jwtgate.keys.Jwk;
import io.jwtgate.keys.KeyFiles;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The key part of the settings: the signing algorithm and its key material
 * ({@code jwtgate.signing.*}), the verification-only keys ({@code jwtgate.verification.keys}) and
 * how long the published key set may be cached ({@code jwtgate.jwks.max-age}). Validated once at
 * start; {@link SigningKeys} turns it into the key ring.
 *
 * <p>HS* sign with {@code jwtgate.signing.secret}; every other algorithm with the private key in
 * {@code jwtgate.signing.key} (PEM or PKCS#12, read and checked by {@link KeyFiles}), whose
 * {@code kid} is {@code jwtgate.signing.key-id} or its RFC 7638 thumbprint. A secret beside an
 * asymmetric algorithm only verifies HS256 tokens from before the switch (decision 421).
 */
public final class KeySettings {

    /** Default {@code Cache-Control: max-age} of {@code /auth/jwks.json} (decision 425). */
    public static final Duration DEFAULT_JWKS_MAX_AGE = Duration.ofMinutes(15);
    /** Longest allowed max-age: a published key set cached longer than a day would slow every rotation. */
    public static final Duration MAX_JWKS_MAX_AGE = Duration.ofDays(1);

    private final JwsAlgorithm algorithm;
    private final byte[] secret;
    private final JwtKey signingKey;
    private final String configuredKid;
    private final List<JwtKey> verificationKeys;
    private final Duration jwksMaxAge;
    private final String origins;

    private KeySettings(JwsAlgorithm algorithm, byte[] secret, JwtKey signingKey, String configuredKid,
            List<JwtKey> verificationKeys, Duration jwksMaxAge, String origins) {
        this.algorithm = algorithm;
        this.secret = secret;
        this.signingKey = signingKey;
        this.configuredKid = configuredKid;
        this.verificationKeys = List.copyOf(verificationKeys);
        this.jwksMaxAge = jwksMaxAge;
        this.origins = origins;
    }

    static KeySettings from(Values v) {
        JwsAlgorithm algorithm = algorithm(v);
        String kid = keyId(v);
        String keyLocation = v.optional(Keys.SIGNING_KEY);
        StringBuilder origins = new StringBuilder();
        byte[] secret = null;
        JwtKey signingKey = null;
        List<JwtKey> verificationKeys = new ArrayList<>();
        if (algorithm.family() == JwsAlgorithm.Family.HMAC) {
            if (keyLocation != null) {
                throw v.error(Keys.SIGNING_KEY, algorithm + " signs with " + Keys.SIGNING_SECRET + ", not with a key"
                        + " file; set " + Keys.SIGNING_ALGORITHM + " to the key's algorithm (e.g. ES256) or remove "
                        + Keys.SIGNING_KEY);
            }
            if (v.raw(Keys.SIGNING_KEY_PASSWORD) != null) {
                throw v.error(Keys.SIGNING_KEY_PASSWORD, "it opens a PKCS#12 keystore in " + Keys.SIGNING_KEY
                        + ", but " + algorithm + " signs with " + Keys.SIGNING_SECRET + "; remove it");
            }
            secret = secret(v, algorithm);
            origins.append("signing secret from ").append(v.origin(Keys.SIGNING_SECRET));
        } else {
            if (keyLocation == null) {
                throw v.error(Keys.SIGNING_KEY, algorithm + " signs with a private key and none is configured; set "
                        + Keys.SIGNING_KEY + " (environment variable " + Keys.environmentName(Keys.SIGNING_KEY)
                        + ") to a PKCS#8 PEM file or a PKCS#12 keystore (see docs/keys.md)");
            }
            signingKey = signingKey(v, algorithm, kid, keyLocation);
            origins.append(algorithm).append(" signing key '").append(signingKey.kid().orElseThrow())
                    .append("' from file ").append(keyLocation).append(" (").append(v.origin(Keys.SIGNING_KEY))
                    .append(')');
            String rawSecret = v.raw(Keys.SIGNING_SECRET);
            if (rawSecret != null && !rawSecret.isEmpty()) {
                // Decision 421: kept to verify the HS256 tokens issued before the switch, never to sign.
                secret = secret(v, JwsAlgorithm.HS256);
                origins.append("; signing secret from ").append(v.origin(Keys.SIGNING_SECRET))
                        .append(" kept to verify HS256 tokens only (remove it once they expired)");
            }
        }
        VerificationKeyList.Parsed listed = VerificationKeyList.parse(v, algorithm);
        verificationKeys.addAll(listed.keys());
        if (!verificationKeys.isEmpty()) {
            origins.append("; verification keys ").append(String.join(", ", listed.sources())).append(" (")
                    .append(v.origin(Keys.VERIFICATION_KEYS)).append(')');
        }
        checkDistinctKids(v, signingKey != null ? signingKey.kid().orElse(null) : kid, verificationKeys);
        Duration maxAge = v.duration(Keys.JWKS_MAX_AGE, DEFAULT_JWKS_MAX_AGE);
        if (maxAge.compareTo(MAX_JWKS_MAX_AGE) > 0) {
            throw v.error(Keys.JWKS_MAX_AGE, maxAge + " is longer than " + MAX_JWKS_MAX_AGE + "; verifiers would"
                    + " miss a newly introduced key that long, so use at most P1D (the default is PT15M)");
        }
        return new KeySettings(algorithm, secret, signingKey, kid, verificationKeys, maxAge, origins.toString());
    }

    /** The algorithm new tokens are signed with. */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** How long clients may cache {@code /auth/jwks.json} ({@code Cache-Control: public, max-age}). */
    public Duration jwksMaxAge() {
        return jwksMaxAge;
    }

    /**
     * A copy of the HMAC secret: the signing secret for HS*, the secret kept to verify HS256 tokens
     * beside an asymmetric algorithm, or null when there is none. Deliberately not public: nothing
     * an application can reach (an expression language walking objects included) may read it;
     * {@link SigningKeys} turns it into the key ring inside the library.
     */
    byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    /** The asymmetric signing key, or null for HS*; not public, like the secret. */
    JwtKey signingKey() {
        return signingKey;
    }

    /** The configured {@code kid} of the signing key; for HS* null unless one is configured. */
    String signingKeyId() {
        return signingKey != null ? signingKey.kid().orElse(null) : configuredKid;
    }

    /** The verification-only keys from {@code jwtgate.verification.keys}, in configured order. */
    List<JwtKey> verificationKeys() {
        return verificationKeys;
    }

    /** Where the key material came from (layers and file names, never a value), for the start-up log. */
    String origins() {
        return origins;
    }

    private static JwsAlgorithm algorithm(Values v) {
        String name = v.string(Keys.SIGNING_ALGORITHM, "HS256");
        if (name.equalsIgnoreCase("none")) {
            throw v.error(Keys.SIGNING_ALGORITHM, "'none' means unsigned tokens and is never allowed; use HS256");
        }
        Optional<JwsAlgorithm> alg = JwsAlgorithm.byName(name);
        if (alg.isEmpty()) {
            alg = JwsAlgorithm.byName(name.toUpperCase(Locale.ROOT));
        }
        if (alg.isEmpty() && name.equalsIgnoreCase("EdDSA")) {
            alg = Optional.of(JwsAlgorithm.EdDSA);
        }
        if (alg.isEmpty()) {
            throw v.error(Keys.SIGNING_ALGORITHM, "'" + name + "' is not supported; use HS256, HS384, HS512,"
                    + " RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA");
        }
        return alg.get();
    }

    private static String keyId(Values v) {
        String kid = v.optional(Keys.SIGNING_KEY_ID);
        if (kid != null && !VerificationKeyList.KID.matcher(kid).matches()) {
            throw v.error(Keys.SIGNING_KEY_ID, "the key id must be 1 to 128 letters, digits, '.', '_', '~', ':' or"
                    + " '-'; leave it unset for the key's RFC 7638 thumbprint");
        }
        return kid;
    }

    private static JwtKey signingKey(Values v, JwsAlgorithm algorithm, String kid, String location) {
        String rawPassword = v.raw(Keys.SIGNING_KEY_PASSWORD);
        char[] password = rawPassword == null ? null : rawPassword.toCharArray();
        try {
            JwtKey key = KeyFiles.signingKey(KeyLocation.path(location), algorithm, kid, password, kid);
            return kid != null ? key : key.withKid(Jwk.thumbprint(key.publicKey().orElseThrow()));
        } catch (KeyFileException e) {
            throw v.error(Keys.SIGNING_KEY, "the key for " + algorithm + ": " + e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static void checkDistinctKids(Values v, String signingKid, List<JwtKey> verificationKeys) {
        Set<String> seen = new HashSet<>();
        if (signingKid != null) {
            seen.add(signingKid);
        }
        for (JwtKey key : verificationKeys) {
            String kid = key.kid().orElse(null);
            if (kid != null && !seen.add(kid)) {
                throw v.error(Keys.VERIFICATION_KEYS, "the kid '" + kid + "' names two keys (" + (kid.equals(signingKid)
                        ? "the signing key and a verification key" : "two verification keys") + "); a token's kid"
                        + " must select exactly one key, so give each key its own kid");
            }
        }
    }

    private static byte[] secret(Values v, JwsAlgorithm algorithm) {
        String raw = v.raw(Keys.SIGNING_SECRET);
        if (raw == null || raw.isEmpty()) {
            throw new ConfigurationException(Keys.SIGNING_SECRET, "no signing secret is configured; set it"
                    + " (at least " + algorithm.minimumKeyBytes() + " random bytes for " + algorithm
                    + ", e.g. base64: followed by the output of 'openssl rand -base64 48') as environment variable "
                    + Keys.environmentName(Keys.SIGNING_SECRET) + ", system property, or init-/context-param");
        }
        byte[] bytes;
        if (raw.startsWith("base64:")) {
            try {
                // Either alphabet, strictly: a lenient decoder would silently drop '-' and '_'.
                String encoded = raw.substring("base64:".length()).replaceAll("\\s", "");
                bytes = encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0
                        ? Base64.getUrlDecoder().decode(encoded) : Base64.getDecoder().decode(encoded);
            } catch (IllegalArgumentException e) {
                throw v.error(Keys.SIGNING_SECRET, "the value after 'base64:' is not valid Base64; encode the"
                        + " secret bytes with standard or URL-safe Base64");
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length < algorithm.minimumKeyBytes()) {
            int length = bytes.length;
            Arrays.fill(bytes, (byte) 0);
            throw v.error(Keys.SIGNING_SECRET, "the secret is " + length + " bytes long but " + algorithm
                    + " needs at least " + algorithm.minimumKeyBytes() + "; configure a longer random secret");
        }
        String weakness = SecretQuality.weakness(bytes);
        if (weakness != null) {
            Arrays.fill(bytes, (byte) 0);
            throw v.error(Keys.SIGNING_SECRET, "the secret " + weakness + ", so it is guessable whatever its length;"
                    + " configure a random one: base64: followed by the output of 'openssl rand -base64 48'");
        }
        return bytes;
    }

}
