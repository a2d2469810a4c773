package io.jwtgate.browser;

import jakarta.servlet.http.HttpServletRequest;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CSRF check of cookie requests that change state (decisions 657 to 659): the double-submit
 * token must equal the CSRF cookie, and the request must come from this site
 * ({@link RequestOrigin}). A session cookie travels with every request the browser sends to the
 * site, whichever page started it; the token is what only the site's own pages can send, since no
 * other site can read the cookie or set a {@code __Host-} one. Bearer-header requests are exempt:
 * no other site can make a browser add that header.
 *
 * <p>Where the token may come from (decision 658):
 * <ul>
 * <li>the {@code X-CSRF-Token} header, exactly once, for scripts and any body type;</li>
 * <li>else for {@code application/x-www-form-urlencoded}, the {@code _csrf} field of the body,
 * exactly once and never also in the query string: {@code getParameter} merges both, and a token
 * in a URL leaks through logs and {@code Referer}. The request's encoding is fixed first (the
 * context's request encoding, else UTF-8), since the first {@code getParameter} fixes it for the
 * application's own fields too;</li>
 * <li>else for {@code multipart/form-data}, a {@code _csrf} parameter of the query string, read by
 * hand: {@code getParameter} would make the container parse the multipart body, which needs a
 * multipart configuration the servlet may not have;</li>
 * <li>nowhere else: the request is refused.</li>
 * </ul>
 */
public final class CsrfGuard {

    /** The header scripts echo the token in. */
    public static final String HEADER = "X-CSRF-Token";
    /** The form field pages echo the token in. */
    public static final String FIELD = "_csrf";

    /** RFC 9110 §9.2.1 safe methods: another site may trigger them, so they must not change state. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final RequestOrigin origin;

    public CsrfGuard(RequestOrigin origin) {
        this.origin = origin;
    }

    /** Whether requests with {@code method} need the CSRF check: all but GET, HEAD, OPTIONS and TRACE. */
    public static boolean changesState(String method) {
        return !SAFE_METHODS.contains(method);
    }

    /**
     * The filter's check: the token from the header or the body (see the class comment) must equal
     * {@code expected}, the CSRF cookie, and the origin must be this site's.
     *
     * @param expected the CSRF cookie's value; null refuses
     */
    public boolean admits(HttpServletRequest request, String expected) {
        return admits(request, expected, providedToken(request));
    }

    /**
     * The check for code that read the body itself (the login servlet's form endpoints): the
     * {@code X-CSRF-Token} header, when present, or else {@code formToken} must equal
     * {@code expected}, and the origin must be this site's.
     *
     * @param formToken the {@code _csrf} field the caller parsed from the body, or null
     */
    public boolean admitsWithToken(HttpServletRequest request, String expected, String formToken) {
        List<String> headers = values(request.getHeaders(HEADER));
        if (headers.size() > 1) {
            return false;
        }
        return admits(request, expected, headers.isEmpty() ? formToken : headers.get(0).trim());
    }

    private boolean admits(HttpServletRequest request, String expected, String provided) {
        // Token first: without it the request is refused whatever its origin, and the comparison
        // takes the same time wherever the values differ.
        boolean tokenMatches = CsrfTokens.matches(expected, provided);
        return tokenMatches && origin.admits(request);
    }

    /** The token the request carries, or null when it carries none, or more than one, or in a place not allowed. */
    static String providedToken(HttpServletRequest request) {
        List<String> headers = values(request.getHeaders(HEADER));
        if (headers.size() > 1) {
            return null;
        }
        if (headers.size() == 1) {
            return headers.get(0).trim();
        }
        try {
            return formToken(request);
        } catch (RuntimeException unreadable) {
            // The container could not read the request's form: an unknown charset, a bad escape, a
            // body over its limit. Each container throws its own kind, whose message may quote a
            // field's value, so it is neither logged nor answered with 500: without a readable
            // token the request is refused.
            return null;
        }
    }

    /** The token of a form: the urlencoded body's field, or a multipart form's query parameter. */
    private static String formToken(HttpServletRequest request) {
        String type = mediaType(request.getContentType());
        String query = request.getQueryString();
        if (type.equals("application/x-www-form-urlencoded")) {
            if (!queryValues(query).isEmpty()) {
                return null;
            }
            if (request.getCharacterEncoding() == null && !fixEncoding(request)) {
                return null;
            }
            String[] values = request.getParameterValues(FIELD);
            return values != null && values.length == 1 ? values[0] : null;
        }
        if (type.equals("multipart/form-data")) {
            List<String> values = queryValues(query);
            return values.size() == 1 ? values.get(0) : null;
        }
        return null;
    }

    /**
     * Sets the encoding the application's own fields are read with before the first
     * {@code getParameter} fixes one: the context's request encoding, else UTF-8 (Tomcat would
     * otherwise read them as ISO-8859-1).
     */
    private static boolean fixEncoding(HttpServletRequest request) {
        String encoding = request.getServletContext() == null ? null
                : request.getServletContext().getRequestCharacterEncoding();
        try {
            request.setCharacterEncoding(encoding == null ? StandardCharsets.UTF_8.name() : encoding);
            return true;
        } catch (UnsupportedEncodingException e) {
            return false;
        }
    }

    /** The values of {@code _csrf} in a query string, decoded; empty when absent. */
    private static List<String> queryValues(String query) {
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<String> found = new java.util.ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (FIELD.equals(name)) {
                found.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return found;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> values(Enumeration<String> values) {
        return values == null ? List.of() : Collections.list(values);
    }
}
