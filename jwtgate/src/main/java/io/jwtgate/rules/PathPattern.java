package io.jwtgate.rules;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * An Ant-style path pattern over normalised paths: {@code *} matches within one segment,
 * {@code **} (a whole segment) matches any number of segments, including none, so
 * {@code /admin/**} covers {@code /admin} itself. Matching backs off only to the latest
 * {@code **}, so it is bounded by pattern times path length: no path an attacker sends makes it
 * backtrack exponentially.
 */
public final class PathPattern {

    private final String source;
    private final String[] segments;
    private final boolean[] doubleStar;

    private PathPattern(String source, String[] segments) {
        this.source = source;
        this.segments = segments;
        this.doubleStar = new boolean[segments.length];
        for (int i = 0; i < segments.length; i++) {
            doubleStar[i] = segments[i].equals("**");
        }
    }

    /**
     * @throws IllegalArgumentException with a reason when the pattern is malformed
     */
    public static PathPattern parse(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("the path pattern '" + pattern + "' must start with '/'");
        }
        List<String> parts = PathNormalizer.segments(pattern);
        for (String part : parts) {
            if (part.contains("**") && !part.equals("**")) {
                throw new IllegalArgumentException("'**' must be a whole segment in '" + pattern + "'");
            }
            if (part.equals(".") || part.equals("..") || part.contains(";") || part.contains("%")) {
                throw new IllegalArgumentException("the path pattern '" + pattern
                        + "' must be a normalised path without '.', '..', ';' or '%'");
            }
        }
        return new PathPattern(pattern, parts.toArray(new String[0]));
    }

    /** Whether the normalised {@code path} matches. */
    public boolean matches(String path) {
        return matchesSegments(PathNormalizer.segmentArray(path));
    }

    /**
     * Whether the segments of a normalised path match. On every request, so no table: the glob walk
     * of {@link #segmentMatches} one level up, {@code **} taking any run of segments and backing off
     * to the latest {@code **} on a mismatch, which is exact because every other pattern segment
     * matches exactly one path segment (decision 613).
     */
    boolean matchesSegments(String[] path) {
        int n = segments.length;
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < path.length) {
            if (p < n && doubleStar[p]) {
                star = p++;
                mark = t;
            } else if (p < n && segmentMatches(segments[p], path[t])) {
                p++;
                t++;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < n && doubleStar[p]) {
            p++;
        }
        return p == n;
    }

    /**
     * Whether this pattern matches every path {@code inner} matches. Conservative: true only when
     * that follows segment by segment ({@code **} covers any run of segments, {@code *} any one
     * segment, any other glob the literal segments it matches), so a true answer is always right.
     */
    public boolean covers(PathPattern inner) {
        return aligns(inner.segments, PathPattern::segmentCovers);
    }

    /**
     * Whether this pattern's segments can be aligned with {@code other}'s, {@code **} taking any
     * run of them and every other segment one that {@code fits} it.
     */
    private boolean aligns(String[] other, BiPredicate<String, String> fits) {
        int n = segments.length;
        int m = other.length;
        // can[i][j]: pattern segments from i align with the other segments from j
        boolean[][] can = new boolean[n + 1][m + 1];
        can[n][m] = true;
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m; j >= 0; j--) {
                if (segments[i].equals("**")) {
                    can[i][j] = can[i + 1][j] || (j < m && can[i][j + 1]);
                } else {
                    can[i][j] = j < m && fits.test(segments[i], other[j]) && can[i + 1][j + 1];
                }
            }
        }
        return can[0][0];
    }

    private static boolean segmentCovers(String glob, String inner) {
        if (inner.equals("**")) {
            return false;
        }
        if (glob.equals("*") || glob.equals(inner)) {
            return true;
        }
        return inner.indexOf('*') < 0 && segmentMatches(glob, inner);
    }

    /** Glob with {@code *} only, within one segment. */
    static boolean segmentMatches(String glob, String text) {
        int g = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (g < glob.length() && glob.charAt(g) != '*' && glob.charAt(g) == text.charAt(t)) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                mark = t;
            } else if (star >= 0) {
                g = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    @Override
    public String toString() {
        return source;
    }
}
