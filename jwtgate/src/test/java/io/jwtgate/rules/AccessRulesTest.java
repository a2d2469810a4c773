package io.jwtgate.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private static final AccessRules SPEC_EXAMPLE = AccessRules.parse(String.join("\n",
            "GET        /api/messages/**   -> scope:messages:read",
            "POST       /api/messages      -> scope:messages:send",
            "GET,POST   /admin/**          -> role:admin",
            "           /public/**         -> permit",
            "           /**                -> authenticated"));

    @Test
    void firstMatchingRuleWins() {
        assertEquals(List.of(Requirement.scope("messages:read")), SPEC_EXAMPLE.match("GET", "/api/messages").requirements());
        assertEquals(List.of(Requirement.scope("messages:send")), SPEC_EXAMPLE.match("POST", "/api/messages").requirements());
        assertEquals(List.of(Requirement.role("admin")), SPEC_EXAMPLE.match("GET", "/admin/users").requirements());
        assertEquals(List.of(Requirement.PERMIT), SPEC_EXAMPLE.match("GET", "/public/health").requirements());
        assertEquals(List.of(Requirement.AUTHENTICATED), SPEC_EXAMPLE.match("PUT", "/admin/users").requirements());
    }

    @Test
    void getRuleAlsoCoversHead() {
        assertEquals(List.of(Requirement.role("admin")), SPEC_EXAMPLE.match("HEAD", "/admin/users").requirements());
        AccessRules postOnly = AccessRules.parse("POST /x -> deny");
        assertEquals(List.of(Requirement.AUTHENTICATED), postOnly.match("HEAD", "/x").requirements());
    }

    @Test
    void noMatchMeansAuthenticated() {
        AccessRules rules = AccessRules.parse("/public/** -> permit");
        assertEquals(List.of(Requirement.AUTHENTICATED), rules.match("GET", "/other").requirements());
    }

    @Test
    void semicolonsSeparateRulesForEnvironmentVariables() {
        AccessRules rules = AccessRules.parse("/a/** -> permit; /b/** -> deny");
        assertEquals(2, rules.rules().size());
    }

    @Test
    void severalRequirementsAreAllKept() {
        AccessRules rules = AccessRules.parse("/x -> role:user scope:a:b");
        assertEquals(List.of(Requirement.role("user"), Requirement.scope("a:b")), rules.rules().get(0).requirements());
    }

    @Test
    void malformedRulesAreRefusedWithTheLine() {
        for (String bad : List.of("/x", "/x -> ", "get /x -> permit", "GET POST /x -> permit", "x -> permit",
                "/x -> permit role:a", "/a/**b -> permit", "/x -> what", "/x -> role:", "/a/../b -> permit",
                "/x -> permit -> deny")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessRules.parse(bad), bad);
            assertTrue(e.getMessage().contains("'"), e.getMessage());
        }
    }

    @Test
    void doubleStarMatchesZeroOrMoreSegments() {
        PathPattern p = PathPattern.parse("/admin/**");
        assertTrue(p.matches("/admin"));
        assertTrue(p.matches("/admin/a/b/c"));
        assertFalse(p.matches("/administrator"));
        assertFalse(p.matches("/"));
        PathPattern middle = PathPattern.parse("/a/**/z");
        assertTrue(middle.matches("/a/z"));
        assertTrue(middle.matches("/a/b/c/z"));
        assertFalse(middle.matches("/a/b/c"));
    }

    @Test
    void singleStarMatchesWithinOneSegment() {
        PathPattern p = PathPattern.parse("/files/*.pdf");
        assertTrue(p.matches("/files/a.pdf"));
        assertFalse(p.matches("/files/a/b.pdf"));
        assertTrue(PathPattern.parse("/a/*/c").matches("/a/b/c"));
        assertFalse(PathPattern.parse("/a/*/c").matches("/a/c"));
    }

    @Test
    void manyDoubleStarsOnALongPathStayFast() {
        PathPattern p = PathPattern.parse("/**/a/**/b/**/c/**/d/**/e");
        String path = "/x".repeat(5000);
        assertFalse(p.matches(path));
    }

    @Test
    void normalizerCollapsesDuplicateSlashesAndIgnoresATrailingSlash() {
        assertEquals("/admin/users", PathNormalizer.normalize("//admin//users/", null));
        assertEquals("/admin/users", PathNormalizer.normalize("/admin", "/users/"));
        assertEquals("/a/b", PathNormalizer.normalize("/a", "/b"));
        assertEquals("/x.do", PathNormalizer.normalize("/x.do", null));
        assertEquals("/.well-known/a..b", PathNormalizer.normalize("/.well-known/a..b", null));
        assertEquals("/", PathNormalizer.normalize("", null));
        assertEquals("/", PathNormalizer.normalize(null, null));
    }

    @Test
    void normalizerNeverDecodesAgain() {
        assertEquals("/%61dmin", PathNormalizer.normalize("/%61dmin", null));
        assertEquals("/admin/x/..%3B/public", PathNormalizer.normalize("/admin", "/x/..%3B/public"));
    }

    /**
     * The container strips real path parameters and resolves real dot segments before it
     * dispatches, so what remains was sent encoded ({@code %3B}, {@code %2e}, {@code %5C}) and
     * is data to the servlet: reinterpreting it would judge a different path than the one served.
     */
    @Test
    void normalizerRefusesDecodedSemicolonsDotSegmentsBackslashesAndControlCharacters() {
        // GET /admin/x/..%3B/..%3B/public/hello as an /admin/* servlet receives it
        assertNull(PathNormalizer.normalize("/admin", "/x/..;/..;/public/hello"));
        assertNull(PathNormalizer.normalize("/admin;x=1/users", null));
        assertNull(PathNormalizer.normalize("/admin", "/users;"));
        assertNull(PathNormalizer.normalize("/public/../admin", null));
        assertNull(PathNormalizer.normalize("/admin", "/x/.."));
        assertNull(PathNormalizer.normalize("/./admin", null));
        assertNull(PathNormalizer.normalize("/../admin", null));
        assertNull(PathNormalizer.normalize("/a\u0000b", null));
        assertNull(PathNormalizer.normalize("/a\u001fb", null));
        assertNull(PathNormalizer.normalize("/a\u007fb", null));
        assertNull(PathNormalizer.normalize("/a\\..\\admin", null));
        assertNull(PathNormalizer.normalize("/public", "\\admin"));
    }

    /** Each fall-through as "limited rule number -> weaker rule number" (0: the implicit last rule). */
    private static List<String> fallThroughs(String... lines) {
        return AccessRules.parse(String.join("\n", lines)).fallThroughs().stream()
                .map(f -> f.limitedNumber() + "->" + f.weakerNumber()).toList();
    }

    @Test
    void methodLimitedRulesFollowedByAWeakerCatchAllAreFoundInTheSpecExample() {
        List<AccessRules.FallThrough> found = SPEC_EXAMPLE.fallThroughs();
        assertEquals(List.of("1->5", "2->5", "3->5"),
                found.stream().map(f -> f.limitedNumber() + "->" + f.weakerNumber()).toList());
        assertEquals("jwtgate.rules: rule 3 'GET,POST /admin/** -> role:admin' applies to GET,POST only;"
                + " other methods on /admin/** fall through to rule 5 '/** -> authenticated', which asks for less."
                + " If that is not intended, add a rule for the other methods right after rule 3,"
                + " e.g. '/admin/** -> role:admin' or '/admin/** -> deny'", found.get(2).message());
    }

    @Test
    void aWeakerRuleWithTheSamePatternOrACoveringDoubleStarIsAFallThrough() {
        assertEquals(List.of("1->2"), fallThroughs("GET /admin/** -> role:admin", "/admin/** -> permit"));
        assertEquals(List.of("1->2"), fallThroughs("POST /api/x -> scope:x:write", "/api/* -> authenticated"));
        assertEquals(List.of("1->2"), fallThroughs("GET /admin/** -> deny", "/** -> permit"));
        assertEquals(List.of("1->3", "2->3"), fallThroughs("GET /admin/** -> role:admin", "PUT /admin/** -> role:admin",
                "/** -> authenticated"));
    }

    @Test
    void withoutALaterRuleTheImplicitAuthenticatedRuleIsTheFallThrough() {
        List<AccessRules.FallThrough> found = AccessRules.parse("GET,POST /admin/** -> role:admin").fallThroughs();
        assertEquals(List.of("1->0"), fallThroughs("GET,POST /admin/** -> role:admin"));
        assertTrue(found.get(0).message().contains("the implicit last rule '/** -> authenticated'"), found.get(0).message());
    }

    @Test
    void noFallThroughWhenTheOtherMethodsMeetARestrictingRuleFirst() {
        assertEquals(List.of(), fallThroughs("GET,POST /admin/** -> role:admin", "/admin/** -> deny", "/** -> permit"));
        assertEquals(List.of(), fallThroughs("GET /admin/** -> role:admin", "/admin/public/** -> permit",
                "/admin/** -> role:admin", "/** -> permit"));
        assertEquals(List.of(), fallThroughs("GET /admin/** -> role:admin", "GET /** -> permit", "/** -> deny"));
        assertEquals(List.of(), fallThroughs("GET /x -> role:admin", "HEAD /x -> permit", "/** -> role:user"));
    }

    @Test
    void noFallThroughForRulesWithoutMethodsOrThatRestrictNothing() {
        assertEquals(List.of(), fallThroughs("/admin/** -> role:admin", "/** -> permit"));
        assertEquals(List.of(), fallThroughs("GET /public/** -> permit", "/** -> authenticated"));
        assertEquals(List.of(), fallThroughs("GET /x/** -> authenticated", "/** -> permit"));
    }

    @Test
    void aRuleThatCoversOnlyPartOfTheLimitedPatternIsNoFallThrough() {
        assertEquals(List.of(), fallThroughs("GET /admin/** -> role:admin", "/admin/x/** -> permit", "/** -> deny"));
        assertEquals(List.of(), fallThroughs("GET /a/*/c -> role:admin", "/a/b/c -> permit", "/** -> deny"));
    }

    @Test
    void patternCoverageIsSegmentBySegment() {
        assertTrue(PathPattern.parse("/**").covers(PathPattern.parse("/admin/**")));
        assertTrue(PathPattern.parse("/admin/**").covers(PathPattern.parse("/admin")));
        assertTrue(PathPattern.parse("/admin/*").covers(PathPattern.parse("/admin/x*")));
        assertTrue(PathPattern.parse("/a/*/c").covers(PathPattern.parse("/a/b/c")));
        assertTrue(PathPattern.parse("/a/b*").covers(PathPattern.parse("/a/bcd")));
        assertTrue(PathPattern.parse("/**/c").covers(PathPattern.parse("/a/**/c")));
        assertFalse(PathPattern.parse("/admin/**").covers(PathPattern.parse("/**")));
        assertFalse(PathPattern.parse("/a/*").covers(PathPattern.parse("/a/**")));
        assertFalse(PathPattern.parse("/a/b*").covers(PathPattern.parse("/a/*")));
        assertFalse(PathPattern.parse("/a/b/c").covers(PathPattern.parse("/a/*/c")));
    }

    @Test
    void scopesHonourAllAnyAndResourceWildcards() {
        assertTrue(Scopes.satisfies(List.of("all:any"), "messages:send"));
        assertTrue(Scopes.satisfies(List.of("messages:*"), "messages:send"));
        assertFalse(Scopes.satisfies(List.of("messages:*"), "other:send"));
        assertFalse(Scopes.satisfies(List.of("messages:read"), "messages:send"));
        assertFalse(Scopes.satisfies(List.of("messages:read"), "messages:*"));
        assertTrue(Scopes.covers(List.of("a:x", "b:*"), List.of("a:x", "b:y")));
        assertFalse(Scopes.covers(List.of("a:x"), List.of("a:x", "b:y")));
    }

    @Test
    void roleScopesParseTheSpecExample() {
        RoleScopes rs = RoleScopes.parse("admin=all:any; user=messages:read messages:send");
        assertEquals(List.of("messages:read", "messages:send"), List.copyOf(rs.scopesFor(List.of("user"))));
        assertEquals(List.of("all:any"), List.copyOf(rs.scopesFor(List.of("admin"))));
        assertTrue(rs.scopesFor(List.of("guest")).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RoleScopes.parse("a=x; a=y"));
    }
}
