package io.jwtgate.config;

import io.jwtgate.token.JwsAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The key part of the settings: the signing algorithm and its key material
 * ({@code jwtgate.signing.*}), the verification-only keys ({@code jwtgate.verification.keys}) and
 * how long the published key set may be cached ({@code jwtgate.jwks.max-age}). Validated once at
 * start; {@link SigningKeys} turns it into the key ring.
 */
public final class KeySettings {

    private final JwsAlgorithm algorithm;
    private final byte[] secret;
    private final String origins;

    private KeySettings(JwsAlgorithm algorithm, byte[] secret, String origins) {
        this.algorithm = algorithm;
        this.secret = secret;
        this.origins = origins;
    }

    static KeySettings from(Values v) {
        JwsAlgorithm algorithm = algorithm(v);
        byte[] secret = secret(v, algorithm);
        return new KeySettings(algorithm, secret, "signing secret from " + v.origin(Keys.SIGNING_SECRET));
    }

    /** The algorithm new tokens are signed with. */
    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * A copy of the signing secret. Deliberately not public: nothing an application can reach
     * (an expression language walking objects included) may read it; {@link SigningKeys} turns it
     * into the key ring inside the library.
     */
    byte[] secret() {
        return secret.clone();
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
        Optional<JwsAlgorithm> alg = JwsAlgorithm.byName(name.toUpperCase(Locale.ROOT));
        if (alg.isEmpty() || alg.get().family() != JwsAlgorithm.Family.HMAC) {
            throw v.error(Keys.SIGNING_ALGORITHM, "'" + name + "' is not supported; use HS256, HS384 or HS512");
        }
        return alg.get();
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
