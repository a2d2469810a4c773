package io.jwtgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a request authenticated by ambient credentials (HTTP Basic, which a browser caches and
 * sends to the site on its own) may change state: a request with an unsafe method must come from
 * the site's own origin or one listed in {@code jwtgate.allowed-origins}, else a page on another
 * site could make the user's browser act as the user (CSRF). Checked before the password, by the
 * {@link Authenticator} that the filter and the login servlet share.
 *
 * <p>An {@code Origin} header, when present, must be the request's own origin or a listed one.
 * Then {@code Sec-Fetch-Site}, when present (only a browser sends it, and no page can set it), must
 * be {@code same-origin} or {@code none}, unless the origin is listed. A request with neither header
 * comes from no browser (curl, machine clients), and a request without a browser cannot be forged
 * by another site.
 */
public final class SameOriginRule {

    /** RFC 9110 §9.2.1 safe methods: they must not change state, so another site may trigger them. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Set<String> allowed;

    private SameOriginRule(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** Only the site's own origin. */
    public static SameOriginRule ownOriginOnly() {
        return new SameOriginRule(Set.of());
    }

    /**
     * @param text origins separated by commas or spaces, e.g. {@code https://app.example.org, http://localhost:3000}
     * @throws IllegalArgumentException naming the entry that is not an origin
     */
    public static SameOriginRule parse(String text) {
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : text.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*") || entry.equalsIgnoreCase("null")) {
                throw new IllegalArgumentException("'" + entry + "' would trust pages of any site; list each origin");
            }
            String origin = Origins.canonical(entry);
            if (origin == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an origin; write scheme://host[:port]"
                        + " with scheme http or https and no path or trailing slash, e.g. https://app.example.org");
            }
            origins.add(origin);
        }
        return new SameOriginRule(Collections.unmodifiableSet(origins));
    }

    /** The listed origins in canonical form. */
    public Set<String> allowedOrigins() {
        return allowed;
    }

    /** Whether {@code request}, authenticated by ambient credentials, may go on. */
    public boolean admits(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return true;
        }
        List<String> fetchSites = values(request.getHeaders("Sec-Fetch-Site"));
        List<String> origins = values(request.getHeaders("Origin"));
        if (fetchSites.size() > 1 || origins.size() > 1) {
            // No browser repeats these headers; which copy counts would depend on the reader.
            return false;
        }
        String fetchSite = fetchSites.isEmpty() ? null : fetchSites.get(0).trim();
        String origin = origins.isEmpty() ? null : origins.get(0).trim();
        if (origin != null) {
            // An Origin that is neither ours nor listed is refused whatever Sec-Fetch-Site says
            // (decision 145): a header pair no browser sends together is no reason to trust either.
            // "null" (sandboxed documents, privacy-sensitive redirects) is no origin and never matches.
            String canonical = Origins.canonical(origin);
            if (canonical == null || !(allowed.contains(canonical) || canonical.equals(Origins.of(request)))) {
                return false;
            }
        }
        if (fetchSite != null) {
            // The browser compared the initiator with the target itself, over the whole redirect
            // chain. "none" is a navigation the user started (address bar, bookmark).
            if (fetchSite.equals("same-origin") || fetchSite.equals("none")) {
                return true;
            }
            return origin != null && allowed.contains(Origins.canonical(origin));
        }
        return true;
    }

    private static List<String> values(Enumeration<String> values) {
        return values == null ? List.of() : Collections.list(values);
    }
}
