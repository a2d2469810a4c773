package io.jwtgate.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.PathNormalizer;
import io.jwtgate.rules.PathPattern;
import io.jwtgate.rules.Requirement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Fuzzes {@link PathNormalizer#normalize(String, String)}, {@link PathPattern} and {@link AccessRules}.
 *
 * <ul>
 *   <li>{@link #normalizeAndMatch}: input bytes (UTF-8) up to the first {@code '\n'} are the servlet
 *       path, the rest (when there is a {@code '\n'}) the path info. normalize never throws, gives
 *       the path of the segments the filter matches with (and null where they are null), is
 *       idempotent, yields a path without {@code //}, dot segments, {@code ;} or a trailing slash,
 *       agrees with an independent reference (refuse {@code ;}, {@code \}, control characters and dot
 *       segments, collapse slashes), and a path under {@code /admin/**} dressed up with slashes stays
 *       under {@code /admin/**}, while dressed up with dot segments or parameters it is refused: it
 *       is never judged as some other path.</li>
 *   <li>{@link #parseAndMatchRules}: input bytes (UTF-8) up to the first NUL are a rules text, the rest
 *       {@code METHOD path}. Parsing throws nothing but IllegalArgumentException; matching never throws,
 *       is first-match-wins, and each rule's pattern agrees with an independent regex matcher.</li>
 * </ul>
 */
class PathNormalizerFuzzTest {

    private static final PathPattern ADMIN = PathPattern.parse("/admin/**");
    private static final AccessRules RULES = AccessRules.parse(String.join("\n",
            "GET,POST /admin/** -> role:admin",
            "/public/** -> permit",
            "/** -> authenticated"));
    private static final List<Requirement> ADMIN_ONLY = List.of(Requirement.role("admin"));

    @FuzzTest(maxDuration = "15s")
    void normalizeAndMatch(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String servletPath = newline < 0 ? text : text.substring(0, newline);
        String pathInfo = newline < 0 ? null : text.substring(newline + 1);

        String normalized = PathNormalizer.normalize(servletPath, pathInfo);
        String reference = ReferencePaths.canonical(servletPath, pathInfo);
        assertEquals(reference, normalized, "normalize disagrees with the RFC 3986 reference");
        String[] segments = PathNormalizer.normalizedSegments(servletPath, pathInfo);
        if (normalized == null) {
            assertNull(segments, "the segments of a refused path");
            return;
        }
        assertEquals(normalized, "/" + String.join("/", segments), "the filter's segments are another path");
        assertSame(RULES.match("POST", normalized), RULES.match("POST", segments),
                "the rule for the segments differs from the rule for the path");
        assertCanonical(normalized);
        assertEquals(normalized, PathNormalizer.normalize(normalized, null), "normalize is not idempotent");
        assertEquals(normalized, PathNormalizer.normalize(null, normalized), "normalize(null, p) differs");

        boolean admin = ADMIN.matches(normalized);
        assertEquals(admin, normalized.equals("/admin") || normalized.startsWith("/admin/"),
                "/admin/** disagrees with the plain prefix test");
        assertEquals(admin, RULES.match("GET", normalized).requirements().equals(ADMIN_ONLY),
                "the admin rule and /admin/** disagree");
        // The same path dressed up with every trick normalises back to itself, so it keeps its rule.
        for (String dressed : ReferencePaths.disguises(normalized)) {
            String again = PathNormalizer.normalize(dressed, null);
            assertEquals(normalized, again, "disguise not undone: " + dressed);
            if (admin) {
                assertTrue(ADMIN.matches(again), "disguised admin path escaped /admin/**: " + dressed);
            }
        }
        for (String dressed : ReferencePaths.refusedDisguises(normalized)) {
            assertNull(PathNormalizer.normalize(dressed, null), "dot segment or parameter not refused: " + dressed);
            assertNull(PathNormalizer.normalize("/admin", dressed), "not refused in the path info: " + dressed);
        }
        // A normalised literal path used as a pattern matches itself. Matching is segments x segments
        // comparisons, each one traced by Jazzer, so only short paths: long ones would stall the run.
        if (normalized.chars().filter(c -> c == '/').count() > 16) {
            return;
        }
        PathPattern self;
        try {
            self = PathPattern.parse(normalized);
        } catch (IllegalArgumentException notAPattern) {
            return;
        }
        assertTrue(self.matches(normalized), "a path does not match itself as a pattern");
    }

    @FuzzTest(maxDuration = "15s")
    void parseAndMatchRules(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        String rulesText = nul < 0 ? text : text.substring(0, nul);
        String request = nul < 0 ? "GET /" : text.substring(nul + 1);
        int space = request.indexOf(' ');
        String method = space < 0 ? "GET" : request.substring(0, space);
        String rawPath = space < 0 ? request : request.substring(space + 1);

        AccessRules rules;
        try {
            rules = AccessRules.parse(rulesText);
        } catch (IllegalArgumentException refused) {
            assertNotNull(refused.getMessage(), "refusal without a message");
            return;
        }
        for (AccessRules.FallThrough gap : rules.fallThroughs()) {
            assertFalse(gap.limited().methods().isEmpty(), "a fall-through from a rule without methods");
            assertTrue(gap.weaker().pattern().covers(gap.limited().pattern()), "a fall-through to a rule that does not cover");
            // Every path the limited rule's pattern matches, the weaker one matches too.
            if (gap.limited().pattern().matches(rawPath) && !rawPath.isEmpty()) {
                assertTrue(gap.weaker().pattern().matches(rawPath), "covers() claimed too much for " + rawPath);
            }
        }
        String path = PathNormalizer.normalize(rawPath, null);
        if (path == null) {
            return;
        }
        AccessRule matched = rules.match(method, path);
        assertNotNull(matched, "match returned null");
        assertFalse(matched.requirements().isEmpty(), "a rule without requirements");
        AccessRule expected = null;
        for (AccessRule rule : rules.rules()) {
            String pattern = rule.pattern().toString();
            boolean methodOk = rule.methods().isEmpty() || rule.methods().contains(method)
                    || (method.equals("HEAD") && rule.methods().contains("GET"));
            boolean pathOk = rule.pattern().matches(path);
            if (ReferencePaths.cheapToMatch(pattern, path)) {
                assertEquals(ReferencePaths.globMatches(pattern, path), pathOk,
                        "pattern " + pattern + " disagrees with the reference");
            }
            if (expected == null && methodOk && pathOk) {
                expected = rule;
            }
        }
        if (expected != null) {
            assertSame(expected, matched, "not the first matching rule");
        } else {
            assertEquals(List.of(Requirement.AUTHENTICATED), matched.requirements(), "no match is not 'authenticated'");
            assertEquals("/**", matched.pattern().toString(), "no match is not the implicit /** rule");
        }
    }

    private static void assertCanonical(String p) {
        assertTrue(p.startsWith("/"), "does not start with /");
        assertFalse(p.contains("//") || p.contains("/./") || p.contains("/../") || p.contains(";"),
                "holds //, /./, /../ or ;");
        assertFalse(p.equals("/.") || p.equals("/.."), "is a dot segment");
        assertFalse(p.endsWith("/.") || p.endsWith("/.."), "ends in a dot segment");
        assertFalse(p.length() > 1 && p.endsWith("/"), "ends with /");
        assertFalse(p.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\'), "holds a control character or \\");
    }

    /** Independent reference implementations, written from the RFCs rather than from the main code. */
    static final class ReferencePaths {

        private ReferencePaths() {
        }

        /**
         * The dispatched path as rules see it (spec §5): null when it holds a {@code ;}, a backslash,
         * a control character or a {@code .}/{@code ..} segment; otherwise slashes collapsed and no
         * trailing slash.
         */
        static String canonical(String servletPath, String pathInfo) {
            String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
            for (char c : path.toCharArray()) {
                if (c < 0x20 || c == 0x7f || c == '\\' || c == ';') {
                    return null;
                }
            }
            // No regular expressions here: Jazzer's regex hooks would slow this target down a hundredfold.
            StringBuilder out = new StringBuilder();
            for (String segment : (path + "/").split("/")) {
                if (segment.equals(".") || segment.equals("..")) {
                    return null;
                }
                if (!segment.isEmpty()) {
                    out.append('/').append(segment);
                }
            }
            return out.length() == 0 ? "/" : out.toString();
        }

        /** Ant-style glob as a regular expression over "/segment" runs (the root is the empty string). */
        static boolean globMatches(String pattern, String path) {
            return globRegex(pattern).matcher(path.equals("/") ? "" : path).matches();
        }

        private static Pattern globRegex(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (String segment : pattern.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (segment.equals("**")) {
                    regex.append("(?:/[^/]+)*");
                } else {
                    regex.append('/');
                    for (String literal : segment.split("\\*", -1)) {
                        regex.append(Pattern.quote(literal)).append("[^/]*");
                    }
                    regex.setLength(regex.length() - "[^/]*".length());
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }

        /** Keeps the backtracking regex reference away from inputs where it could take long. */
        static boolean cheapToMatch(String pattern, String path) {
            return pattern.chars().filter(c -> c == '*').count() <= 3 && path.length() <= 200;
        }

        /** The same path with duplicate slashes and a trailing slash: it must normalise back to itself. */
        static List<String> disguises(String p) {
            List<String> all = new ArrayList<>();
            if (p.equals("/")) {
                all.add("///");
                return all;
            }
            all.add(p.replace("/", "//"));
            all.add(p + "/");
            all.add("/" + p + "//");
            return all;
        }

        /**
         * The same path written with dot segments or parameters, as a container passes on
         * {@code %2e} and {@code %3B}: it must be refused, never judged as another path.
         */
        static List<String> refusedDisguises(String p) {
            List<String> all = new ArrayList<>();
            all.add(p.replace("/", "/./"));
            all.add(p.replace("/", "/x/../"));
            all.add(p.replace("/", "/;jsessionid=1/"));
            all.add(p + "/.");
            all.add(p + ";v=1");
            all.add("/public/.." + p);
            all.add("/public/..;/" + p.substring(1));
            all.add("/public/x/..;/..;" + p);
            return all;
        }
    }
}
