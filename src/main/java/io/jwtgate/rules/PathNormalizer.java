package io.jwtgate.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalises the path a rule is matched against. The input is the container's own decoded,
 * dot-resolved dispatch path ({@code servletPath + pathInfo}); this class normalises it once more
 * so that a container quirk cannot open a gap: duplicate slashes collapse, {@code ;} parameters
 * are dropped, dot-segments resolve, a trailing slash is ignored. It never percent-decodes: the
 * container decoded once already, and decoding twice is how {@code %2561dmin} would become
 * {@code admin}.
 */
public final class PathNormalizer {

    private PathNormalizer() {
    }

    /**
     * @return the normalised path starting with {@code /}, or null when the path is not acceptable
     *     (it climbs above the root, or holds control characters or backslashes)
     */
    public static String normalize(String servletPath, String pathInfo) {
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        if (path.isEmpty()) {
            return "/";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return null;
            }
        }
        List<String> out = new ArrayList<>();
        for (String segment : segments(path)) {
            int semicolon = segment.indexOf(';');
            String s = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
                continue;
            }
            out.add(s);
        }
        return "/" + String.join("/", out);
    }

    /** The non-empty segments of a path. */
    static List<String> segments(String path) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    parts.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }
}
