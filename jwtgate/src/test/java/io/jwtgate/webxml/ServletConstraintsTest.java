package io.jwtgate.webxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServletConstraintsTest {

    static SecurityConstraint constraint(List<String> patterns, Set<String> methods, Set<String> omitted,
            List<String> roles) {
        return new SecurityConstraint(List.of(new WebResourceCollection(patterns, methods, omitted)), roles, null);
    }

    static SecurityConstraint all(String pattern, String... roles) {
        return constraint(List.of(pattern), Set.of(), Set.of(), List.of(roles));
    }

    static ServletConstraints of(Set<String> declared, SecurityConstraint... constraints) {
        return new ServletConstraints(new WebXmlSecurity(List.of(constraints), declared, null));
    }

    @Test
    void bestMatchIsExactThenLongestPrefixThenExtensionThenDefault() {
        ServletConstraints c = of(Set.of(), all("/", "d"), all("*.jsp", "e"), all("/a/*", "p"),
                all("/a/b/*", "pp"), all("/a/b/c.jsp", "x"));
        assertEquals("/a/b/c.jsp", c.bestMatch("/a/b/c.jsp"));
        assertEquals("/a/b/*", c.bestMatch("/a/b/d.jsp"));
        assertEquals("/a/b/*", c.bestMatch("/a/b"));
        assertEquals("/a/*", c.bestMatch("/a"));
        assertEquals("/a/*", c.bestMatch("/a/"));
        assertEquals("*.jsp", c.bestMatch("/ab/x.jsp"), "/ab is no child of /a");
        assertEquals("/", c.bestMatch("/x.jsp/"), "a trailing slash leaves no extension");
        assertEquals("/", c.bestMatch("/other"));
    }

    @Test
    void thePatternIsChosenWhateverTheMethodAndAnUncoveredMethodIsAccepted() {
        ServletConstraints c = of(Set.of(), all("/*", "user"),
                constraint(List.of("/admin/*"), Set.of("GET"), Set.of(), List.of("admin")));
        assertEquals(Access.anyOf(Set.of("admin")), c.decide("/admin/x", "GET"));
        assertEquals(Access.PERMIT, c.decide("/admin/x", "POST"), "POST is not constrained at /admin/*, the best match");
        assertEquals(Access.PERMIT, c.decide("/admin/x", "HEAD"), "HEAD is a method of its own for constraints");
        assertEquals(Access.anyOf(Set.of("user")), c.decide("/x", "POST"));
    }

    @Test
    void anOmissionListCoversEveryOtherMethod() {
        ServletConstraints c = of(Set.of(), constraint(List.of("/a/*"), Set.of(), Set.of("GET"), List.of("w")));
        assertEquals(Access.PERMIT, c.decide("/a/x", "GET"));
        assertEquals(Access.anyOf(Set.of("w")), c.decide("/a/x", "DELETE"));
        assertEquals(Access.anyOf(Set.of("w")), c.decide("/a/x", "PROPFIND"));
    }

    @Test
    void constraintsOnOnePatternCombineRolesUniteNoAuthConstraintWinsEmptyOneDenies() {
        assertEquals(Access.anyOf(Set.of("a", "b")), of(Set.of(), all("/x", "a"), all("/x", "b")).decide("/x", "GET"));
        assertEquals(Access.PERMIT, of(Set.of(), all("/x", "a"),
                constraint(List.of("/x"), Set.of(), Set.of(), null)).decide("/x", "GET"));
        assertEquals(Access.DENY, of(Set.of(), all("/x", "a"), all("/x"),
                constraint(List.of("/x"), Set.of(), Set.of(), null)).decide("/x", "GET"));
        assertEquals(Access.AUTHENTICATED, of(Set.of(), all("/x", "a"), all("/x", "**")).decide("/x", "GET"));
    }

    @Test
    void combinationIsPerMethod() {
        ServletConstraints c = of(Set.of(), constraint(List.of("/x"), Set.of("GET"), Set.of(), List.of()),
                all("/x", "a"));
        assertEquals(Access.DENY, c.decide("/x", "GET"));
        assertEquals(Access.anyOf(Set.of("a")), c.decide("/x", "POST"));
    }

    @Test
    void starIsEveryDeclaredRoleAndDoubleStarAnyCallerUnlessDeclared() {
        assertEquals(Access.anyOf(Set.of("a", "b")), of(Set.of("a", "b"), all("/x", "*")).decide("/x", "GET"));
        assertEquals(Access.anyOf(Set.of()), of(Set.of(), all("/x", "*")).decide("/x", "GET"));
        assertEquals(Access.AUTHENTICATED, of(Set.of("a"), all("/x", "**")).decide("/x", "GET"));
        assertEquals(Access.anyOf(Set.of("**")), of(Set.of("**"), all("/x", "**")).decide("/x", "GET"));
    }

    @Test
    void theEmptyPatternIsTheContextRootOnly() {
        ServletConstraints c = of(Set.of(), all("", "a"));
        assertEquals("", c.bestMatch("/"));
        assertNull(c.bestMatch("/x"));
        assertEquals(Access.PERMIT, c.decide("/x", "GET"));
    }

    @Test
    void tomcatGoesOnToTheExtensionPatternWhenTheBestPrefixLeavesTheMethodUncovered() {
        ServletConstraints c = of(Set.of(), constraint(List.of("/api/*"), Set.of("GET"), Set.of(), List.of("a")),
                all("*.jsp", "j"));
        assertEquals(Access.PERMIT, c.decide("/api/x.jsp", "PUT"), "the specification: uncovered at /api/*, accepted");
        assertEquals(Access.anyOf(Set.of("j")), c.decideOnTomcat("/api/x.jsp", "PUT"));
        assertEquals(Access.anyOf(Set.of("a")), c.decideOnTomcat("/api/x.jsp", "GET"));
        assertEquals(Access.PERMIT, c.decideOnTomcat("/api/x", "PUT"), "no extension, no default pattern: accepted");
    }
}
