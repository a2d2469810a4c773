package io.jwtgate.rules;

import java.util.Arrays;
import java.util.List;

/**
 * The path a rule is matched against: exactly the path the container dispatches
 * ({@code servletPath + pathInfo}), which the container has already decoded once, stripped of
 * path parameters and dot-resolved. Only duplicate slashes collapse and a trailing slash is
 * ignored (neither changes which servlet or resource a container serves).
 *
 * <p>Nothing is decoded or resolved a second time. A dispatched path that still holds a {@code ;},
 * a {@code \}, a control character or a {@code .}/{@code ..} segment can only come from an encoded
 * form ({@code %3B}, {@code %5C}, {@code %00}, {@code %2e}) that the container kept as data, and
 * the servlet behind it sees those characters as data too. Reinterpreting them here would match
 * the rules against a different path than the one served: {@code /admin/x/..%3B/..%3B/public/hello}
 * reaches an {@code /admin/*} servlet, but read as {@code /admin/x/../../public/hello} it would be
 * judged by a {@code /public/**} rule. Such paths are refused instead.
 */
public final class PathNormalizer {

    private PathNormalizer() {
    }

    /**
     * @return the path starting with {@code /}, without duplicate or trailing slashes, or null when
     *     the path is not acceptable (it holds {@code ;}, {@code \}, a control character or a dot
     *     segment)
     */
    public static String normalize(String servletPath, String pathInfo) {
        String[] segments = normalizedSegments(servletPath, pathInfo);
        return segments == null ? null : "/" + String.join("/", segments);
    }

    /**
     * The segments of the {@link #normalize normalized} path, or null where it would be null: what
     * {@link AccessRules#match(String, String[])} reads, so that a request splits its path once
     * (decision 615).
     */
    public static String[] normalizedSegments(String servletPath, String pathInfo) {
        String path = servletPath == null ? pathInfo == null ? "" : pathInfo
                : pathInfo == null ? servletPath : servletPath + pathInfo;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ';') {
                return null;
            }
        }
        String[] segments = segmentArray(path);
        for (String segment : segments) {
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return segments;
    }

    /** The non-empty segments of a path, as an array: once per request for every rule. */
    static String[] segmentArray(String path) {
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) != '/' && (i == 0 || path.charAt(i - 1) == '/')) {
                count++;
            }
        }
        String[] parts = new String[count];
        int k = 0;
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    parts[k++] = path.substring(start, i);
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /** The non-empty segments of a path. */
    static List<String> segments(String path) {
        return Arrays.asList(segmentArray(path));
    }
}
