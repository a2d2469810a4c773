package io.jwtgate.browser;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Which requests come from a browser loading a page: those whose {@code Accept} lists
 * {@code text/html} or {@code application/xhtml+xml} with a quality above zero. A bare
 * {@code *}{@code /*} does not count, since curl and API clients send it and must keep getting
 * 401 rather than a redirect to a login page (decision 660).
 */
public final class BrowserRequests {

    private BrowserRequests() {
    }

    /** Whether {@code request} asks for an HTML page. */
    public static boolean wantsHtml(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Accept");
        if (headers == null) {
            return false;
        }
        for (String header : Collections.list(headers)) {
            if (wantsHtml(header)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one {@code Accept} header value lists an HTML type with q &gt; 0. */
    public static boolean wantsHtml(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if ((type.equals("text/html") || type.equals("application/xhtml+xml")) && quality(parts) > 0) {
                return true;
            }
        }
        return false;
    }

    /** The {@code q} parameter of a media range, 1 when absent, 0 when unreadable. */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.length() > 2 && (param.charAt(0) == 'q' || param.charAt(0) == 'Q') && param.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(param.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
