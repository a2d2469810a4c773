package io.jwtgate.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Browser sessions carried in cookies ({@code jwtgate.cookie.*}, decision 650): whether the filter
 * accepts JwtGate's session cookie, the base name of the cookies, the development relaxation for
 * plain-http loopback, the grace period of a superseded refresh cookie and an application's own
 * login page. Off by default: with {@code jwtgate.cookie.enabled=false} nothing here changes what
 * JwtGate does. Part of {@link Settings}.
 */
public final class CookieSettings {

    /** The default of {@code jwtgate.cookie.name}. */
    public static final String DEFAULT_NAME = "jwtgate";
    /** The default of {@code jwtgate.cookie.refresh-grace}. */
    public static final Duration DEFAULT_REFRESH_GRACE = Duration.ofSeconds(10);
    /** The longest grace accepted: a replayed refresh cookie should trip reuse detection soon. */
    public static final Duration MAX_REFRESH_GRACE = Duration.ofSeconds(60);

    // The name goes into three cookie names; RFC 6265 token characters only, short enough to leave
    // room for the value under the browsers' 4096-byte limit.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final boolean enabled;
    private final String name;
    private final boolean insecureLocalhost;
    private final Duration refreshGrace;
    private final String loginPage;

    CookieSettings(Values v, TokenSettings tokens, RuleSettings rules) {
        enabled = v.bool(Keys.COOKIE_ENABLED, false);
        name = v.string(Keys.COOKIE_NAME, DEFAULT_NAME);
        if (!NAME.matcher(name).matches() || name.startsWith("__")) {
            throw v.error(Keys.COOKIE_NAME, "'" + printable(name) + "' is not a cookie name; use 1 to 32 letters,"
                    + " digits, '-' or '_', not starting with '__' (the prefix is added), e.g. jwtgate or shop");
        }
        insecureLocalhost = v.bool(Keys.COOKIE_INSECURE_LOCALHOST, false);
        refreshGrace = v.duration(Keys.COOKIE_REFRESH_GRACE, DEFAULT_REFRESH_GRACE);
        if (refreshGrace.compareTo(MAX_REFRESH_GRACE) > 0) {
            throw v.error(Keys.COOKIE_REFRESH_GRACE, refreshGrace + " is longer than " + MAX_REFRESH_GRACE
                    + "; write a duration from 0 (strict) to PT60S, e.g. PT10S");
        }
        if (enabled && !refreshGrace.isZero() && refreshGrace.compareTo(tokens.accessTokenTtl()) >= 0) {
            // A grace as long as the access token would let a replayed cookie keep a session alive.
            throw v.error(Keys.COOKIE_REFRESH_GRACE, refreshGrace + " is not shorter than " + Keys.ACCESS_TOKEN_TTL
                    + " " + tokens.accessTokenTtl() + "; shorten the grace or set it to 0");
        }
        loginPage = v.optional(Keys.COOKIE_LOGIN_PAGE);
        if (loginPage != null && !validLoginPage(loginPage)) {
            throw v.error(Keys.COOKIE_LOGIN_PAGE, "'" + printable(loginPage) + "' is not a path in this application;"
                    + " write one that starts with '/', without '?', '#', '\\', spaces or '.' segments,"
                    + " e.g. /WEB-INF/login.jsp");
        }
        if (enabled && rules.jaspicEnabled()) {
            // The Jakarta Authentication module reads no cookies yet (decision 666): the container
            // would judge cookie callers anonymous while the filter saw them signed in.
            throw v.error(Keys.COOKIE_ENABLED, "cookie mode is not available with " + Keys.JASPIC_ENABLED
                    + "=true; turn one of them off");
        }
    }

    private static boolean validLoginPage(String path) {
        if (!path.startsWith("/") || path.length() > 512) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '?' || c == '#' || c == '\\') {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** A configured value repeated in a message, with control characters shown as '?'. */
    private static String printable(String value) {
        return value.replaceAll("[\\p{Cntrl}]", "?");
    }

    /** Whether the filter accepts JwtGate's session cookies ({@code jwtgate.cookie.enabled}, default false). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The base name of the cookies ({@code jwtgate.cookie.name}, default {@code jwtgate}): they are
     * {@code __Host-<name>.access}, {@code .refresh} and {@code .csrf}.
     */
    public String name() {
        return name;
    }

    /**
     * Whether plain-http requests to {@code localhost}, {@code 127.0.0.1} or {@code ::1} get cookies
     * without {@code Secure} and without the {@code __Host-} prefix, for development only
     * ({@code jwtgate.cookie.insecure-localhost}, default false, decision 652).
     */
    public boolean insecureLocalhost() {
        return insecureLocalhost;
    }

    /**
     * How long after its rotation a superseded refresh cookie still gets an access token
     * ({@code jwtgate.cookie.refresh-grace}, default 10 s, 0 strict; decision 656).
     */
    public Duration refreshGrace() {
        return refreshGrace;
    }

    /**
     * The application's own login page, a path in this application that {@code GET /auth/login}
     * forwards to ({@code jwtgate.cookie.login-page}); empty for JwtGate's built-in page.
     */
    public Optional<String> loginPage() {
        return Optional.ofNullable(loginPage);
    }
}
