package io.jwtgate.browser;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The text of one {@code Set-Cookie} header (RFC 6265 §4.1), written by hand: {@code SameSite}
 * has no setter before Servlet 6, and the javax build runs on Servlet 4.0. Every cookie JwtGate
 * sets has {@code Path=/}, {@code SameSite=Lax} and never a {@code Domain} (a {@code __Host-}
 * cookie must not have one, and without it no sibling host receives the cookie), and no
 * {@code Expires}: they are session cookies, and {@code Max-Age=0} is only ever used to delete.
 */
public final class SetCookieHeader {

    /** The longest header written; browsers keep at most about 4096 bytes of name, value and attributes. */
    public static final int MAX_BYTES = 4000;

    // Base64url, base64 and JWS text: nothing that needs quoting or could end the value early.
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._~+/=-]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private SetCookieHeader() {
    }

    /**
     * @param name the cookie name, with its prefix if any
     * @param value the value, empty to delete
     * @param secure whether to add {@code Secure}
     * @param httpOnly whether to add {@code HttpOnly}
     * @param maxAge null for a session cookie, 0 to delete
     * @return e.g. {@code __Host-jwtgate.access=eyJ…; Path=/; Secure; HttpOnly; SameSite=Lax}
     * @throws IllegalArgumentException for a name or value outside the allowed characters
     * @throws IllegalStateException when the header would exceed {@link #MAX_BYTES}: a server fault
     *     (very large role or scope sets), the value is not repeated in the message
     */
    public static String build(String name, String value, boolean secure, boolean httpOnly, Integer maxAge) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a cookie name JwtGate writes");
        }
        if (value == null || !VALUE.matcher(value).matches()) {
            // The value is a token: never repeated in a message.
            throw new IllegalArgumentException("the value of cookie " + name + " has characters a cookie cannot carry");
        }
        if (maxAge != null && maxAge < 0) {
            throw new IllegalArgumentException("Max-Age must not be negative");
        }
        StringBuilder header = new StringBuilder(name.length() + value.length() + 64);
        header.append(name).append('=').append(value).append("; Path=/");
        if (maxAge != null) {
            header.append("; Max-Age=").append(maxAge);
        }
        if (secure) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        header.append("; SameSite=Lax");
        String text = header.toString();
        if (text.getBytes(StandardCharsets.US_ASCII).length > MAX_BYTES) {
            throw new IllegalStateException("the Set-Cookie header of " + name + " would be " + text.length()
                    + " bytes, more than the " + MAX_BYTES + " browsers keep; the token carries too many roles or"
                    + " scopes");
        }
        return text;
    }
}
