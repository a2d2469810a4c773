package io.jwtgate.config;

import io.jwtgate.keys.ConfiguredKeyRing;
import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the configured key material into the key ring JwtGate signs and verifies with.
 * The one way out of {@link Settings} for the secret and the private key: a static method, so no
 * object an application can reach (a servlet-context attribute walked by an expression language,
 * say) offers them as a method, and the ring it returns hands out no key bytes.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    /** The key ring of {@code settings}; the copy of the secret it was built from is wiped. */
    public static ConfiguredKeyRing keyRing(Settings settings) {
        KeySettings keys = settings.keys();
        byte[] secret = keys.secret();
        try {
            List<JwtKey> verification = new ArrayList<>();
            JwtKey signing;
            if (keys.algorithm().family() == JwsAlgorithm.Family.HMAC) {
                signing = JwtKey.hmac(keys.algorithm(), keys.signingKeyId(), secret);
            } else {
                signing = keys.signingKey();
                if (secret != null) {
                    // Decision 421: the secret beside an asymmetric key only verifies HS256 tokens from before the switch.
                    verification.add(JwtKey.hmac(JwsAlgorithm.HS256, null, secret));
                }
            }
            verification.addAll(keys.verificationKeys());
            return new ConfiguredKeyRing(signing, verification);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }
}
