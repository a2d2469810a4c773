package io.jwtgate.config;

import io.jwtgate.token.JwtKey;
import io.jwtgate.token.KeyRing;
import java.util.Arrays;

/**
 * Turns the configured key material into the {@link KeyRing} JwtGate signs and verifies with.
 * The one way out of {@link Settings} for the secret: a static method, so no object an
 * application can reach (a servlet-context attribute walked by an expression language, say)
 * offers it as a method, and the ring it returns hands out no key bytes.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    /** The key ring of {@code settings}; the copy of the secret it was built from is wiped. */
    public static KeyRing keyRing(Settings settings) {
        byte[] secret = settings.keys().secret();
        try {
            return KeyRing.single(JwtKey.hmac(settings.keys().algorithm(), null, secret));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
