package io.jwtgate.browser;

import io.jwtgate.web.Origins;
import io.jwtgate.web.SameOriginRule;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Whether a cookie request that changes state comes from a page of this site (decision 659): the
 * first of {@code Origin}, {@code Referer} and {@code Sec-Fetch-Site} that is present decides.
 * {@code Origin} and the origin of {@code Referer} must be the request's own origin or one listed
 * in {@code jwtgate.allowed-origins}; {@code Sec-Fetch-Site} must be {@code same-origin} or
 * {@code none}. A request with none of them passes: the CSRF token already proves the page, and
 * only privacy settings strip all three.
 */
public final class RequestOrigin {

    private final SameOriginRule allowed;

    /** @param allowed the listed origins ({@code WebSettings.sameOrigin()}) */
    public RequestOrigin(SameOriginRule allowed) {
        this.allowed = allowed;
    }

    /** Whether {@code request} may change state as far as its origin goes. */
    public boolean admits(HttpServletRequest request) {
        List<String> origins = values(request.getHeaders("Origin"));
        if (!origins.isEmpty()) {
            // "null" (sandboxed documents, cross-site redirects) is no origin and never matches.
            return origins.size() == 1 && trusted(Origins.canonical(origins.get(0).trim()), request);
        }
        List<String> referers = values(request.getHeaders("Referer"));
        if (!referers.isEmpty()) {
            return referers.size() == 1 && trusted(originOf(referers.get(0).trim()), request);
        }
        List<String> sites = values(request.getHeaders("Sec-Fetch-Site"));
        if (!sites.isEmpty()) {
            String site = sites.size() == 1 ? sites.get(0).trim() : "";
            return site.equals("same-origin") || site.equals("none");
        }
        return true;
    }

    private boolean trusted(String origin, HttpServletRequest request) {
        return origin != null && (origin.equals(Origins.of(request)) || allowed.allowedOrigins().contains(origin));
    }

    /** The origin of an absolute http(s) URL, or null. */
    static String originOf(String url) {
        int scheme = url.indexOf("://");
        if (scheme <= 0) {
            return null;
        }
        int end = url.length();
        for (int i = scheme + 3; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        // User info ("https://own.example@evil.example/") makes no origin: canonical refuses '@'.
        return Origins.canonical(url.substring(0, end));
    }

    private static List<String> values(Enumeration<String> values) {
        return values == null ? List.of() : Collections.list(values);
    }
}
