package io.jwtgate.browser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a browser may be sent after login (decision 661): only to a path of this application,
 * never to another origin. An open redirect would let a phishing link carry the site's own login
 * page and then hand the signed-in user to an attacker's page. Anything that is not plainly a
 * local path goes to the application's root instead.
 *
 * <p>The rules, each of which must hold:
 * <ol>
 * <li>present, at most 2048 characters, only the characters {@code 0x21..0x7e} that RFC 3986
 * allows in a URI (no {@code " < > \ ^ ` { | }});</li>
 * <li>starts with {@code /}, not with {@code //} or {@code /\}, and holds no {@code \};</li>
 * <li>up to three rounds of percent-decoding succeed, and no round gives a text that starts with
 * {@code //} or {@code /\}, or holds {@code \} or a control character: a server or browser that
 * decodes once more must not find another host;</li>
 * <li>no {@code .} or {@code ..} path segment, raw or decoded, also before a {@code ;};</li>
 * <li>it is the context path itself or lies under it.</li>
 * </ol>
 * The answer goes out as a relative {@code Location} (RFC 9110 §10.2.2), written by the caller with
 * {@code setHeader}, never with {@code sendRedirect}, which some containers make absolute from
 * the {@code Host} header.
 */
public final class SafeRedirect {

    /** The longest target kept. */
    public static final int MAX_LENGTH = 2048;

    private static final int DECODING_ROUNDS = 3;
    /** Printable characters RFC 3986 never allows unencoded in a URI: a target holding one is no plain path. */
    private static final String NOT_IN_URIS = "\"<>\\^`{|}";

    private SafeRedirect() {
    }

    /**
     * @param raw the requested target, e.g. the {@code redirect} form field; may be null
     * @param contextPath {@code request.getContextPath()}, empty for the root
     * @return {@code raw} when it passes every rule, else {@code contextPath + "/"}
     */
    public static String target(String raw, String contextPath) {
        String context = contextPath == null ? "" : contextPath;
        return isSafe(raw, context) ? raw : context + "/";
    }

    /** Whether {@code raw} passes every rule for the application at {@code contextPath}. */
    public static boolean isSafe(String raw, String contextPath) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x21 || c > 0x7e || NOT_IN_URIS.indexOf(c) >= 0) {
                return false;
            }
        }
        if (!raw.startsWith("/") || raw.startsWith("//") || raw.indexOf('\\') >= 0) {
            return false;
        }
        String path = pathPart(raw);
        if (hasDotSegment(path)) {
            return false;
        }
        byte[] text = raw.getBytes(StandardCharsets.US_ASCII);
        byte[] pathText = path.getBytes(StandardCharsets.US_ASCII);
        for (int round = 0; round < DECODING_ROUNDS && contains(text, (byte) '%'); round++) {
            text = decode(text);
            if (text == null || !plain(text)) {
                return false;
            }
            pathText = decode(pathText);
            if (pathText == null || hasDotSegment(new String(pathText, StandardCharsets.ISO_8859_1))) {
                return false;
            }
        }
        return raw.equals(contextPath) || raw.startsWith(contextPath + "/");
    }

    /** The text before the query or fragment. */
    private static String pathPart(String target) {
        int end = target.length();
        int query = target.indexOf('?');
        int fragment = target.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return target.substring(0, end);
    }

    /**
     * Whether a segment is {@code .} or {@code ..}, also once cut at its first {@code ;}: Tomcat
     * drops path parameters before it resolves dot segments, so {@code /app/..;/other} is
     * {@code /other} there.
     */
    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/", -1)) {
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                segment = segment.substring(0, semicolon);
            }
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** A decoded round is still a local path: no new host, no backslash, no control character. */
    private static boolean plain(byte[] text) {
        if (text.length >= 2 && text[0] == '/' && (text[1] == '/' || text[1] == '\\')) {
            return false;
        }
        for (byte b : text) {
            if (b == '\\' || (b >= 0 && b < 0x20) || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** One round of percent-decoding to bytes, or null for a malformed escape. */
    private static byte[] decode(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length);
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '%') {
                int high = i + 2 < text.length ? Character.digit(text[i + 1], 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text[i + 2], 16);
                if (low < 0) {
                    return null;
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static boolean contains(byte[] text, byte b) {
        for (byte t : text) {
            if (t == b) {
                return true;
            }
        }
        return false;
    }
}
