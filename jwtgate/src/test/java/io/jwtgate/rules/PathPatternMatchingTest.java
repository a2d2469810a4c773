package io.jwtgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The table-free matcher of decision 613 against the dynamic programme it replaced, kept here as
 * the reference: the same answer for every pattern and path of a small alphabet, and for random
 * longer ones.
 */
class PathPatternMatchingTest {

    private static final String[] PATTERN_SEGMENTS = {"a", "b", "ab", "*", "a*", "*b", "**"};
    private static final String[] PATH_SEGMENTS = {"a", "b", "ab", "ba", "abb"};

    /** The reference: can[i][j] says pattern segments from i align with path segments from j. */
    private static boolean reference(String[] pattern, String[] path) {
        int n = pattern.length;
        int m = path.length;
        boolean[][] can = new boolean[n + 1][m + 1];
        can[n][m] = true;
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m; j >= 0; j--) {
                if (pattern[i].equals("**")) {
                    can[i][j] = can[i + 1][j] || (j < m && can[i][j + 1]);
                } else {
                    can[i][j] = j < m && PathPattern.segmentMatches(pattern[i], path[j]) && can[i + 1][j + 1];
                }
            }
        }
        return can[0][0];
    }

    private static String[] pick(Random random, String[] alphabet, int length) {
        String[] out = new String[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return out;
    }

    private static String join(String[] segments) {
        return "/" + String.join("/", segments);
    }

    @Test
    void theMatcherAgreesWithTheDynamicProgrammeOnRandomPatternsAndPaths() {
        Random random = new Random(20261129L);
        int matched = 0;
        for (int k = 0; k < 200_000; k++) {
            String[] pattern = pick(random, PATTERN_SEGMENTS, random.nextInt(6));
            String[] path = pick(random, PATH_SEGMENTS, random.nextInt(8));
            PathPattern p = PathPattern.parse(join(pattern));
            boolean expected = reference(pattern, path);
            assertEquals(expected, p.matchesSegments(path), p + " against " + join(path));
            assertEquals(expected, p.matches(join(path)), p + " against " + join(path));
            if (expected) {
                matched++;
            }
        }
        assertTrue(matched > 10_000 && matched < 190_000, "both answers are exercised: " + matched);
    }

    @Test
    void doubleStarCoversTheDirectoryItselfAndEveryDepthBelow() {
        PathPattern admin = PathPattern.parse("/admin/**");
        assertTrue(admin.matches("/admin"));
        assertTrue(admin.matches("/admin/users/7/edit"));
        assertFalse(admin.matches("/administrator"));
        assertFalse(admin.matches("/"));
        PathPattern middle = PathPattern.parse("/api/**/edit");
        assertTrue(middle.matches("/api/edit"));
        assertTrue(middle.matches("/api/a/b/edit"));
        assertFalse(middle.matches("/api/a/b/edit/x"));
        assertTrue(PathPattern.parse("/**").matches("/"));
        assertTrue(PathPattern.parse("/**/*.do").matches("/reports/x.do"));
        assertFalse(PathPattern.parse("/**/*.do").matches("/reports/x.dox"));
    }

    @Test
    void aLongHostilePathIsMatchedInBoundedSteps() {
        String[] path = new String[2_000];
        java.util.Arrays.fill(path, "a");
        PathPattern p = PathPattern.parse("/**/a/**/a/**/a/**/b");
        assertFalse(p.matchesSegments(path));
        assertEquals(reference(new String[] {"**", "a", "**", "a", "**", "a", "**", "b"}, path), p.matchesSegments(path));
    }
}
