package io.jwtgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Origins (RFC 6454) in one canonical text form, {@code scheme://host[:port]} in lower case with
 * the scheme's default port left out, so that an {@code Origin} header, a configured origin and
 * the request's own origin compare as plain strings. Only {@code http} and {@code https} origins
 * exist here: anything else (an opaque {@code null}, a path, user info, a wildcard) is no origin.
 */
public final class Origins {

    // No user info, path, query or fragment can match: the host excludes '@', '/', '?' and '#'.
    private static final Pattern ORIGIN = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*)://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*)(?::([0-9]{1,5}))?");

    private Origins() {
    }

    /**
     * The canonical form of {@code text}, or null when it is not an http(s) origin.
     */
    public static String canonical(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ORIGIN.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("http") ? 80 : scheme.equals("https") ? 443 : -1;
        if (defaultPort < 0) {
            return null;
        }
        String host = m.group(2).toLowerCase(Locale.ROOT);
        int port = defaultPort;
        if (m.group(3) != null) {
            port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                return null;
            }
        }
        return port == defaultPort ? scheme + "://" + host : scheme + "://" + host + ":" + port;
    }

    /**
     * The origin of {@code request} as the container sees it (scheme, server name and port; behind
     * a proxy these are what the container was told, see {@code docs/migration-from-basic-auth.md}),
     * or null when they make no origin.
     */
    public static String of(HttpServletRequest request) {
        String host = request.getServerName();
        if (host == null || host.isEmpty()) {
            return null;
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        return canonical(port > 0 ? scheme + "://" + host + ":" + port : scheme + "://" + host);
    }
}
