package io.jwtgate.browser;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Enumeration;

/**
 * A request passed on as the container made it, but without JwtGate's cookies: what report-only
 * mode hands the application when it would have refused a cookie request, so that the session's
 * tokens stay out of the application's reach there too (decision 667).
 */
public final class CookieHidingRequest extends HttpServletRequestWrapper {

    private final SessionCookies cookies;

    public CookieHidingRequest(HttpServletRequest request, SessionCookies cookies) {
        super(request);
        this.cookies = cookies;
    }

    @Override
    public Cookie[] getCookies() {
        return cookies.withoutOurs(super.getCookies());
    }

    @Override
    public String getHeader(String name) {
        if (!SessionCookies.isCookieHeader(name)) {
            return super.getHeader(name);
        }
        Enumeration<String> values = getHeaders(name);
        return values.hasMoreElements() ? values.nextElement() : null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        Enumeration<String> values = super.getHeaders(name);
        return SessionCookies.isCookieHeader(name) ? cookies.headersWithoutOurs(values) : values;
    }
}
