package io.jwtgate.browser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The double-submit CSRF tokens of cookie mode (decision 657): 32 random bytes, base64url
 * without padding (43 characters). The token is no secret from the page it is rendered into;
 * what another site cannot do is read it, or set the {@code __Host-} cookie it must match.
 */
public final class CsrfTokens {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();

    /** A new token. */
    public String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code token} has the shape {@link #generate} gives. */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /**
     * Whether {@code provided} equals {@code expected}, in time independent of where they differ;
     * false when either is missing or malformed.
     */
    public static boolean matches(String expected, String provided) {
        if (!wellFormed(expected) || !wellFormed(provided)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                provided.getBytes(StandardCharsets.US_ASCII));
    }
}
