package io.jwtgate.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Enumeration;

/**
 * Parses the {@code Authorization} header(s) of a request by RFC 7235 / RFC 6750 §2.1 / RFC 7617:
 * case-insensitive scheme, one or more spaces, exactly one credential; more than one header is
 * malformed. Never splits on a fixed index, never throws on input.
 */
public final class AuthorizationHeader {

    /** Longer header values are malformed: a token is at most 8 KiB, Basic far less. */
    static final int MAX_LENGTH = 8 * 1024 + 64;

    private AuthorizationHeader() {
    }

    /** Parses every value of the header. */
    public static Credentials parse(Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return Credentials.NONE;
        }
        String value = values.nextElement();
        if (values.hasMoreElements()) {
            return new Credentials.Malformed("The request carries more than one Authorization header");
        }
        return parse(value);
    }

    /** Parses one header value. */
    public static Credentials parse(String raw) {
        if (raw == null) {
            return Credentials.NONE;
        }
        if (raw.length() > MAX_LENGTH) {
            return new Credentials.Malformed("The Authorization header is too long");
        }
        String value = trimOws(raw);
        if (value.isEmpty()) {
            return new Credentials.Malformed("The Authorization header is empty");
        }
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!isToken(scheme)) {
            return new Credentials.Malformed("The Authorization header has no valid scheme");
        }
        String rest = space < 0 ? "" : value.substring(skipSpaces(value, space));
        if (scheme.equalsIgnoreCase("Bearer")) {
            if (rest.isEmpty()) {
                return new Credentials.Malformed("The Bearer credentials hold no token");
            }
            if (!isB64Token(rest)) {
                return new Credentials.Malformed("The Bearer credentials must be exactly one token");
            }
            return new Credentials.Bearer(rest);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(rest);
        }
        return new Credentials.OtherScheme(scheme);
    }

    private static Credentials basic(String token68) {
        if (token68.isEmpty() || !isB64Token(token68)) {
            return malformedBasic("The Basic credentials are not a single base64 value");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token68);
        } catch (IllegalArgumentException e) {
            return malformedBasic("The Basic credentials are not valid base64");
        }
        String pair;
        try {
            pair = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException e) {
            return malformedBasic("The Basic credentials are not UTF-8");
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return malformedBasic("The Basic credentials hold no ':' between user-id and password");
        }
        for (int i = 0; i < pair.length(); i++) {
            char c = pair.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return malformedBasic("The Basic credentials contain control characters");
            }
        }
        return new Credentials.Basic(pair.substring(0, colon), pair.substring(colon + 1));
    }

    private static Credentials malformedBasic(String reason) {
        return new Credentials.Malformed(reason, true);
    }

    /** The index of the first character after the run of spaces at {@code from}; no regex per request. */
    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String trimOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** RFC 9110 token characters. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * The characters of a b64token before its padding, as a table: a header check reads every
     * character of a token on every request, and a table read is a fraction of the comparisons.
     */
    private static final boolean[] B64TOKEN_CHAR = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            B64TOKEN_CHAR[c] = true;
            B64TOKEN_CHAR[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            B64TOKEN_CHAR[c] = true;
        }
        for (char c : "-._~+/".toCharArray()) {
            B64TOKEN_CHAR[c] = true;
        }
    }

    /** RFC 6750 b64token: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isB64Token(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c >= B64TOKEN_CHAR.length || !B64TOKEN_CHAR[c]) {
                break;
            }
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < n && s.charAt(i) == '=') {
            i++;
        }
        return i == n;
    }
}
