package io.jwtgate.webxml;

import static io.jwtgate.webxml.ServletConstraintsTest.all;
import static io.jwtgate.webxml.ServletConstraintsTest.constraint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.PathNormalizer;
import io.jwtgate.rules.Requirement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesTranslatorTest {

    static Translation translate(Set<String> declared, SecurityConstraint... constraints) {
        return RulesTranslator.translate(new WebXmlSecurity(List.of(constraints), declared, null), "web.xml");
    }

    static List<String> rules(Translation t) {
        return t.lines().stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Test
    void aTypicalLegacyDescriptorTranslatesInServletOrderAndReportsTheTrailingSlashOfItsExactPattern() throws Exception {
        Translation t = RulesTranslator.translate(WebXmlParserTest.parse(WebXmlParserTest.JAKARTA_61), "WEB-INF/web.xml");
        assertEquals(1, t.differences().size(), t.differences().toString());
        assertTrue(t.differences().get(0).startsWith("GET /manage/: the container decides 'permit' but the rule"
                + " '/manage -> role:admin'"), t.differences().get(0));
        assertEquals(List.of(
                "/manage -> role:admin",
                "/closed/** -> deny",
                "/public/** -> permit",
                "/admin/** -> role:admin",
                "HEAD /open/** -> authenticated",
                "GET /open/** -> permit",
                "/open/** -> authenticated",
                "HEAD /api/** -> permit",
                "GET,POST /api/** -> authenticated",
                "/api/** -> permit",
                "/** -> permit"), rules(t));
        assertTrue(t.text().contains("# <transport-guarantee> CONFIDENTIAL on /admin/*: JwtGate does not enforce TLS"),
                t.text());
        assertTrue(t.text().contains("# <login-config> BASIC realm \"Legacy\""), t.text());
        AccessRules.parse(t.text());
    }

    @Test
    void headGetsItsOwnRuleBeforeAGetOnlyConstraint() {
        Translation t = translate(Set.of(), constraint(List.of("/r/*"), Set.of("GET"), Set.of(), List.of("a")));
        assertEquals(List.of("HEAD /r/** -> permit", "GET /r/** -> role:a", "/r/** -> permit", "/** -> permit"),
                rules(t));
        assertTrue(t.exact(), t.differences().toString());
    }

    @Test
    void prefixRulesComeLongestFirstAndBeforeEveryExtensionRule() {
        Translation t = translate(Set.of(), all("*.jsp", "jsp"), all("/a/*", "a"), all("/a/b/*", "b"), all("/x", "x"));
        assertEquals(List.of("/x -> role:x", "/a/b/** -> role:b", "/a/** -> role:a", "/**/*.jsp -> role:jsp",
                "/** -> permit"), rules(t));
        assertEquals(List.of(
                "GET /x/: the container decides 'permit' but the rule '/x -> role:x' decides 'roles [x]' (JwtGate ignores"
                + " a trailing slash, the container matches exact and extension patterns without one only), JwtGate is the"
                + " stricter here",
                "GET /x/x.jsp/: the container decides 'permit' but the rule '/**/*.jsp -> role:jsp' decides 'roles [jsp]'"
                + " (JwtGate ignores a trailing slash, the container matches exact and extension patterns without one"
                + " only), JwtGate is the stricter here"), t.differences());
        AccessRules r = AccessRules.parse(t.text());
        assertEquals(Requirement.role("a"), r.match("GET", "/a/page.jsp").requirements().get(0));
        assertEquals(Requirement.role("jsp"), r.match("GET", "/c/page.jsp").requirements().get(0));
    }

    @Test
    void rolesOfCombinedConstraintsBecomeAlternatives() {
        Translation t = translate(Set.of("a", "b", "c"), all("/x/*", "b"), all("/x/*", "a"), all("/y/*", "*"));
        assertTrue(rules(t).contains("/x/** -> role:a|b"), rules(t).toString());
        assertTrue(rules(t).contains("/y/** -> role:a|b|c"), rules(t).toString());
        assertTrue(t.exact());
    }

    @Test
    void defaultPatternIsLastAndNeedsNoExtraCatchAll() {
        Translation t = translate(Set.of(), all("/", "**"), all("/pub/*"));
        assertEquals(List.of("/pub/** -> deny", "/** -> authenticated"), rules(t));
    }

    @Test
    void anExactPatternAndTheSamePathWithASlashIsReportedAsApproximate() {
        Translation t = translate(Set.of(), all("/admin", "admin"));
        assertEquals(1, t.differences().size(), t.differences().toString());
        assertTrue(t.differences().get(0).contains("/admin/: the container decides 'permit' but the rule '/admin ->"
                + " role:admin' decides 'roles [admin]' (JwtGate ignores a trailing slash"), t.differences().get(0));
    }

    @Test
    void starWithoutDeclaredRolesIsReportedAsApproximate() {
        Translation t = translate(Set.of(), all("/x/*", "*"));
        assertTrue(rules(t).contains("/x/** -> deny"));
        assertTrue(t.differences().stream().anyMatch(d -> d.contains("names no declared <security-role>")),
                t.differences().toString());
    }

    @Test
    void aPatternNoRuleCanHoldIsReported() {
        Translation t = translate(Set.of(), all("/a*b", "x"), all("/%61dmin/*", "x"));
        assertEquals(2 + 0, t.differences().stream().filter(d -> d.startsWith("url-pattern")).count(),
                t.differences().toString());
    }

    @Test
    void anExactPatternNoRuleCanHoldIsDeniedByAWiderRuleAndReported() {
        Translation t = translate(Set.of("user"), all("/annual report.pdf", "user"));
        assertEquals(List.of("/annual*report.pdf -> deny", "/** -> permit"), rules(t));
        AccessRules r = AccessRules.parse(t.text());
        assertEquals(Requirement.DENY, r.match("GET", "/annual report.pdf").requirements().get(0));
        assertTrue(t.differences().stream().anyMatch(d -> d.contains("'/annual report.pdf' cannot be written")),
                t.differences().toString());
    }

    @Test
    void aRoleNameNoRuleCanHoldIsReportedAndDenied() {
        Translation t = translate(Set.of(), all("/x/*", "power user"));
        assertTrue(rules(t).contains("/x/** -> deny"));
        assertTrue(t.differences().stream().anyMatch(d -> d.contains("role name 'power user'")), t.differences().toString());
    }

    @Test
    void noConstraintsMeansPermitEverything() {
        Translation t = translate(Set.of());
        assertEquals(List.of("/** -> permit"), rules(t));
        assertTrue(t.exact());
    }

    /** The translation agrees with the container model on a grid of requests, for a descriptor with every feature. */
    @Test
    void translatedRulesDecideAsTheContainerOnAGridOfRequests() {
        WebXmlSecurity s = new WebXmlSecurity(List.of(
                all("/*", "user"),
                constraint(List.of("/admin/*"), Set.of("GET", "POST"), Set.of(), List.of("admin")),
                constraint(List.of("/admin/*"), Set.of(), Set.of("GET"), List.of("ops")),
                all("*.jsp", "jsp"), all("/pages/*"), constraint(List.of("/pages/*"), Set.of("DELETE"), Set.of(), List.of()),
                all("/api/v1/*", "**"), all("", "root"), all("/exact/page", "a", "b")),
                Set.of("user", "admin", "ops", "jsp", "root", "a", "b"), null);
        Translation t = RulesTranslator.translate(s, "web.xml");
        // /exact/page (roles a, b) and /exact/page/ (under /*, role user) share one rule: it takes the stricter of both.
        assertTrue(t.differences().stream().allMatch(d -> d.contains("JwtGate is the stricter here")),
                t.differences().toString());
        assertTrue(t.differences().stream().noneMatch(d -> d.contains("lets through callers the container refuses")),
                t.differences().toString());
        ServletConstraints c = new ServletConstraints(s);
        AccessRules rules = AccessRules.parse(t.text());
        for (String path : List.of("/", "/admin", "/admin/x", "/admin/x.jsp", "/pages/a.jsp", "/x.jsp", "/api/v1",
                "/api/v1/z", "/api/v2", "/exact/page", "/exact", "/zz")) {
            for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND")) {
                // The specification's (Tomcat's) and Jetty's readings, whichever is stricter (decision 307).
                Access expected = RulesTranslator.strictest(c.decide(path, method), c.decideOnJetty(path, method));
                if (path.equals("/exact/page")) {
                    expected = RulesTranslator.strictest(expected, RulesTranslator.strictest(
                            c.decide(path + "/", method), c.decideOnJetty(path + "/", method)));
                }
                var rule = rules.match(method, PathNormalizer.normalize(path, null));
                String req = rule.requirements().get(0).toString();
                String want = switch (expected.kind()) {
                    case PERMIT -> "permit";
                    case DENY -> "deny";
                    case AUTHENTICATED -> "authenticated";
                    case ROLES -> "role:" + String.join("|", new java.util.TreeSet<>(expected.roles()));
                };
                assertEquals(want, req, method + " " + path + " matched " + rule);
            }
        }
    }
}
