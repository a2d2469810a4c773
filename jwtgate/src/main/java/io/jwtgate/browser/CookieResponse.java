package io.jwtgate.browser;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The response the application writes when the filter set session cookies on it (a silent
 * refresh, a minted CSRF token, cleared cookies; decision 655). The cookies were set before the
 * application ran, while nothing was committed; an application that calls {@code reset()} would
 * drop them and leave the browser with a spent refresh token, so they are set again. The
 * application's {@code Cache-Control} and {@code Expires} are ignored: no cache may keep a
 * response that carries tokens.
 */
public final class CookieResponse extends HttpServletResponseWrapper {

    private final List<String> setCookies = new ArrayList<>();

    public CookieResponse(HttpServletResponse response) {
        super(response);
    }

    /** Remembers {@code Set-Cookie} lines already written to the response, to write again after a reset. */
    public void remember(List<String> lines) {
        setCookies.addAll(lines);
    }

    /** Whether the filter set any cookie on this response. */
    public boolean setsCookies() {
        return !setCookies.isEmpty();
    }

    @Override
    public void reset() {
        super.reset();
        for (String line : setCookies) {
            super.addHeader("Set-Cookie", line);
        }
        super.setHeader("Cache-Control", "no-store");
    }

    @Override
    public void setHeader(String name, String value) {
        if (!cachingHeader(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (!cachingHeader(name)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void setDateHeader(String name, long date) {
        if (!cachingHeader(name)) {
            super.setDateHeader(name, date);
        }
    }

    @Override
    public void addDateHeader(String name, long date) {
        if (!cachingHeader(name)) {
            super.addDateHeader(name, date);
        }
    }

    private boolean cachingHeader(String name) {
        if (name == null || setCookies.isEmpty()) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("cache-control") || lower.equals("expires");
    }
}
