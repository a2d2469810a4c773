package io.jwtgate.browser;

import io.jwtgate.config.CookieSettings;
import io.jwtgate.session.TokenPair;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * JwtGate's three browser cookies (decisions 650 to 652): {@code __Host-<name>.access} (the access
 * token), {@code __Host-<name>.refresh} (the refresh token) and {@code __Host-<name>.csrf} (the
 * double-submit token, the only one scripts may read). All are session cookies with
 * {@code Path=/}, {@code Secure} and {@code SameSite=Lax}.
 *
 * <p>The {@code __Host-} prefix makes the browser refuse the cookie from anything but this exact
 * host over https, without {@code Domain}: a sibling subdomain or a network attacker cannot plant
 * its own session or CSRF token (cookie tossing). With {@code jwtgate.cookie.insecure-localhost},
 * plain-http requests to a loopback name get the cookies without prefix and without
 * {@code Secure}, since browsers refuse {@code __Host-} cookies over http (decision 652).
 *
 * <p>Every response that sets a token cookie also gets {@code Cache-Control: no-store}.
 */
public final class SessionCookies {

    /** The prefix of cookies bound to this host and to https. */
    public static final String HOST_PREFIX = "__Host-";

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private final CookieSettings settings;
    private final String access;
    private final String refresh;
    private final String csrf;

    public SessionCookies(CookieSettings settings) {
        this.settings = settings;
        this.access = settings.name() + ".access";
        this.refresh = settings.name() + ".refresh";
        this.csrf = settings.name() + ".csrf";
    }

    /**
     * The cookie values of one request, under the names that apply to it.
     *
     * @param access the access token, or null
     * @param refresh the refresh token, or null
     * @param csrf the CSRF token, or null
     * @param repeated whether one of the names came more than once: which copy counts would be the
     *     browser's or an attacker's choice, so the request is refused (decision 653)
     */
    public record CookieJar(String access, String refresh, String csrf, boolean repeated) {

        /** Whether an access or a refresh cookie came: a CSRF cookie alone is no session. */
        public boolean hasSession() {
            return access != null || refresh != null;
        }

        @Override
        public String toString() {
            // Never the values.
            return "CookieJar[access=" + (access != null) + ", refresh=" + (refresh != null) + ", csrf="
                    + (csrf != null) + ", repeated=" + repeated + "]";
        }
    }

    /** Whether {@code request} gets the relaxed cookies: plain http to a loopback name, when allowed. */
    public boolean relaxed(HttpServletRequest request) {
        return settings.insecureLocalhost() && "http".equals(request.getScheme())
                && request.getServerName() != null && LOOPBACK.contains(request.getServerName());
    }

    /** The access cookie's name for {@code request}. */
    public String accessName(HttpServletRequest request) {
        return prefix(request) + access;
    }

    /** The refresh cookie's name for {@code request}. */
    public String refreshName(HttpServletRequest request) {
        return prefix(request) + refresh;
    }

    /** The CSRF cookie's name for {@code request}. */
    public String csrfName(HttpServletRequest request) {
        return prefix(request) + csrf;
    }

    private String prefix(HttpServletRequest request) {
        return relaxed(request) ? "" : HOST_PREFIX;
    }

    /**
     * Whether {@code name} is one of JwtGate's cookies, with or without the prefix: these are
     * hidden from the application (decision 667).
     */
    public boolean isJwtGateCookie(String name) {
        if (name == null) {
            return false;
        }
        String bare = name.startsWith(HOST_PREFIX) ? name.substring(HOST_PREFIX.length()) : name;
        return bare.equals(access) || bare.equals(refresh) || bare.equals(csrf);
    }

    /**
     * {@code all} without JwtGate's cookies, or null when none is left, as the Servlet API answers
     * a request without cookies (decision 667).
     */
    public Cookie[] withoutOurs(Cookie[] all) {
        if (all == null) {
            return null;
        }
        List<Cookie> kept = new ArrayList<>(all.length);
        for (Cookie cookie : all) {
            if (!isJwtGateCookie(cookie.getName())) {
                kept.add(cookie);
            }
        }
        return kept.isEmpty() ? null : kept.toArray(new Cookie[0]);
    }

    /** Whether a header name is {@code Cookie}, in any case. */
    public static boolean isCookieHeader(String name) {
        return name != null && name.equalsIgnoreCase("cookie");
    }

    /** A {@code Cookie} header's values without JwtGate's cookies; values left empty are dropped. */
    public Enumeration<String> headersWithoutOurs(Enumeration<String> values) {
        if (values == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String value : Collections.list(values)) {
            String filtered = headerWithoutOurs(value);
            if (!filtered.isEmpty()) {
                kept.add(filtered);
            }
        }
        return Collections.enumeration(kept);
    }

    private String headerWithoutOurs(String header) {
        StringBuilder kept = new StringBuilder(header.length());
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            int eq = trimmed.indexOf('=');
            String name = (eq < 0 ? trimmed : trimmed.substring(0, eq)).trim();
            if (trimmed.isEmpty() || isJwtGateCookie(name)) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append("; ");
            }
            kept.append(trimmed);
        }
        return kept.toString();
    }

    /** Reads JwtGate's cookies from {@code request}. */
    public CookieJar read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return new CookieJar(null, null, null, false);
        }
        String accessName = accessName(request);
        String refreshName = refreshName(request);
        String csrfName = csrfName(request);
        String accessValue = null;
        String refreshValue = null;
        String csrfValue = null;
        boolean repeated = false;
        for (Cookie cookie : cookies) {
            String name = cookie.getName();
            String value = cookie.getValue();
            if (name.equals(accessName)) {
                repeated |= accessValue != null;
                accessValue = value;
            } else if (name.equals(refreshName)) {
                repeated |= refreshValue != null;
                refreshValue = value;
            } else if (name.equals(csrfName)) {
                repeated |= csrfValue != null;
                csrfValue = value;
            }
        }
        return new CookieJar(blankToNull(accessValue), blankToNull(refreshValue), blankToNull(csrfValue), repeated);
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Sets all three cookies after a login.
     *
     * @return the {@code Set-Cookie} lines written
     */
    public List<String> issue(HttpServletRequest request, HttpServletResponse response, TokenPair pair,
            String csrfToken) {
        List<String> lines = new ArrayList<>(3);
        lines.add(tokenCookie(accessName(request), pair.access().token(), request));
        if (pair.refreshToken() != null) {
            lines.add(tokenCookie(refreshName(request), pair.refreshToken(), request));
        }
        lines.add(csrfCookie(request, csrfToken));
        return write(response, lines, true);
    }

    /** Sets the access cookie only (a refresh within the grace period). */
    public List<String> setAccess(HttpServletRequest request, HttpServletResponse response, String token) {
        return write(response, List.of(tokenCookie(accessName(request), token, request)), true);
    }

    /** Sets the access and refresh cookies (a rotation). */
    public List<String> setTokens(HttpServletRequest request, HttpServletResponse response, TokenPair pair) {
        return write(response, List.of(tokenCookie(accessName(request), pair.access().token(), request),
                tokenCookie(refreshName(request), pair.refreshToken(), request)), true);
    }

    /** Sets the CSRF cookie only (the login page, a session without one). */
    public List<String> setCsrf(HttpServletRequest request, HttpServletResponse response, String csrfToken) {
        return write(response, List.of(csrfCookie(request, csrfToken)), false);
    }

    /** Deletes all three cookies ({@code Max-Age=0}). */
    public List<String> clear(HttpServletRequest request, HttpServletResponse response) {
        boolean secure = !relaxed(request);
        return write(response, List.of(
                SetCookieHeader.build(accessName(request), "", secure, true, 0),
                SetCookieHeader.build(refreshName(request), "", secure, true, 0),
                SetCookieHeader.build(csrfName(request), "", secure, false, 0)), true);
    }

    /** Deletes the access and refresh cookies and keeps the CSRF cookie, so open forms stay usable. */
    public List<String> clearSession(HttpServletRequest request, HttpServletResponse response) {
        boolean secure = !relaxed(request);
        return write(response, List.of(
                SetCookieHeader.build(accessName(request), "", secure, true, 0),
                SetCookieHeader.build(refreshName(request), "", secure, true, 0)), true);
    }

    private String tokenCookie(String name, String value, HttpServletRequest request) {
        return SetCookieHeader.build(name, value, !relaxed(request), true, null);
    }

    private String csrfCookie(HttpServletRequest request, String csrfToken) {
        // Not HttpOnly: pages' scripts read it to send X-CSRF-Token.
        return SetCookieHeader.build(csrfName(request), csrfToken, !relaxed(request), false, null);
    }

    private static List<String> write(HttpServletResponse response, List<String> lines, boolean noStore) {
        for (String line : lines) {
            response.addHeader("Set-Cookie", line);
        }
        if (noStore) {
            // A cached copy of this response would hand the tokens to the next user of the cache.
            response.setHeader("Cache-Control", "no-store");
        }
        return lines;
    }
}
