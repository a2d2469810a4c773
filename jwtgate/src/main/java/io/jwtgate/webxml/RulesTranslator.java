package io.jwtgate.webxml;

import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.PathNormalizer;
import io.jwtgate.rules.PathPattern;
import io.jwtgate.rules.Requirement;
import io.jwtgate.webxml.ServletConstraints.PatternKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Writes {@code jwtgate.rules} that take the decisions {@link ServletConstraints} takes.
 *
 * <p>JwtGate's rules are first-match, so the container's best-match order becomes rule order:
 * exact patterns first, then path prefixes from the longest down ({@code /a/*} as {@code /a/**},
 * which like the prefix covers {@code /a} itself), then extensions ({@code *.jsp} as
 * {@code /**}{@code /*.jsp}, after every prefix, as the container prefers any prefix to an
 * extension), then the default pattern {@code /} as {@code /**}. Each pattern gets its
 * method-limited rules followed by a rule for all other methods (often {@code permit}): the
 * container selects the pattern whatever the method and accepts a method no constraint on it
 * covers, so a request must never fall through to a less specific pattern's rule. HEAD gets its own
 * rule where it differs from GET, because a JwtGate GET rule also covers HEAD. A last
 * {@code /** -> permit} reproduces the container's acceptance of paths no pattern matches.
 *
 * <p>The translation is then checked against the container model on probe requests built from
 * every pattern (the pattern, with and without a trailing slash, below it, siblings, each
 * extension under each prefix) and every named and common method; each disagreement is reported,
 * as is every pattern or role name a rule cannot hold. Known sources: JwtGate ignores a trailing
 * slash (exact {@code /a} also matches {@code /a/}), and a constraint whose {@code *} stands for
 * no declared role refuses an anonymous caller with 401 in the container but 403 here.
 */
public final class RulesTranslator {

    /** A role name a rule can hold: that of {@code AccessRules}, without the alternative separator. */
    private static final Pattern ROLE = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\,|]]+");
    /** A method name a rule can hold: that of {@code AccessRules}. */
    private static final Pattern RULE_METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");
    private static final List<String> COMMON_METHODS =
            List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH");

    private RulesTranslator() {
    }

    /**
     * @param source how the header comment names the descriptor
     */
    public static Translation translate(WebXmlSecurity security, String source) {
        ServletConstraints container = new ServletConstraints(security);
        List<String> lines = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        lines.add("# jwtgate.rules translated from " + source + " by 'jwtgate rules from-web-xml'.");
        lines.add("# Rule order follows the Servlet best match (exact, longest prefix, extension, default);");
        lines.add("# first match wins. Each url-pattern ends with a rule for its other methods, because the");
        lines.add("# container accepts methods the constraints on the best-matching pattern do not cover.");
        LoginConfig login = security.loginConfig();
        if (login != null) {
            lines.add("# <login-config> " + (login.authMethod() == null ? "(no auth-method)" : login.authMethod())
                    + (login.realmName() == null ? "" : " realm \"" + login.realmName() + "\"")
                    + ": remove it and the <security-constraint>s when these rules take over,");
            lines.add("# or the container challenges Bearer requests before JwtGate sees them.");
        }
        for (String pattern : ordered(container.patterns())) {
            String rulePattern = rulePattern(pattern);
            String cover = rulePattern == null ? coveringGlob(pattern) : null;
            if (cover != null) {
                // The container still protects this path: a rule over a wider set of paths, denying, is the stricter.
                lines.add("");
                lines.add("# url-pattern " + pattern + " cannot be written in a rule: every path like it is denied");
                lines.add(cover + " -> deny");
                differences.add("url-pattern '" + DescriptorText.printable(pattern) + "' cannot be written as a JwtGate"
                        + " path pattern (a blank, '*', '%', ';' or a control character); the rule '" + cover
                        + " -> deny' refuses it and every path it stands for, JwtGate is the stricter here");
                continue;
            }
            if (rulePattern == null) {
                differences.add("url-pattern '" + DescriptorText.printable(pattern) + "' cannot be written as a JwtGate path pattern (a '*' inside"
                        + " an exact path, '%', ';', a dot segment or no leading '/'); no rule was written for it");
                continue;
            }
            lines.add("");
            lines.add("# url-pattern " + (pattern.isEmpty() ? "\"\" (the context root)" : pattern));
            transportNote(security, pattern).ifPresent(lines::add);
            lines.addAll(rulesFor(container, pattern, rulePattern, differences));
        }
        if (!container.patterns().contains("/") && !container.patterns().contains("/*")) {
            lines.add("");
            lines.add("# Paths no url-pattern matches: the container leaves them unconstrained.");
            lines.add("/** -> permit");
        }
        // AccessRules also splits on ';' (handy in an environment variable): no comment may hold one; and a
        // line break copied from the descriptor (a character reference) would end the comment and start a rule.
        lines.replaceAll(line -> line.startsWith("#") ? DescriptorText.printable(line).replace(';', ',') : line);
        differences.addAll(probe(container, security, String.join("\n", lines)));
        differences.replaceAll(DescriptorText::printable);
        return new Translation(lines, differences);
    }

    /** Servlet best-match order as rule order: exact, prefix (longest first), extension, default. */
    static List<String> ordered(Set<String> patterns) {
        List<String> result = new ArrayList<>();
        for (PatternKind kind : PatternKind.values()) {
            List<String> ofKind = new ArrayList<>();
            for (String p : patterns) {
                if (PatternKind.of(p) == kind) {
                    ofKind.add(p);
                }
            }
            if (kind == PatternKind.PREFIX) {
                ofKind.sort(Comparator.comparingInt(String::length).reversed());
            }
            result.addAll(ofKind);
        }
        return result;
    }

    /** The url-pattern as a rule pattern, or null when no rule pattern matches the same paths. */
    static String rulePattern(String pattern) {
        String candidate;
        switch (PatternKind.of(pattern)) {
            case DEFAULT -> candidate = "/**";
            case PREFIX -> {
                String base = pattern.substring(0, pattern.length() - 2);
                if (base.contains("*")) {
                    return null;
                }
                candidate = base + "/**";
            }
            case EXTENSION -> {
                String extension = pattern.substring(2);
                if (extension.isEmpty() || extension.contains("/") || extension.contains("*")) {
                    return null;
                }
                candidate = "/**/*." + extension;
            }
            default -> {
                if (pattern.isEmpty()) {
                    return "/";
                }
                if (!pattern.startsWith("/") || pattern.contains("*")) {
                    return null;
                }
                candidate = pattern;
            }
        }
        try {
            PathPattern.parse(candidate);
            // AccessRules splits a rule on blanks, ';' and line breaks: the pattern must survive that too.
            AccessRules.parse(candidate + " -> permit");
            return candidate;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * For an exact url-pattern no rule can hold (a blank in a file name, say): a rule pattern matching
     * it and more, each character a rule cannot hold standing as {@code *} (within one segment), or
     * null when there is none (a dot segment, no leading '/').
     */
    static String coveringGlob(String pattern) {
        if (PatternKind.of(pattern) != PatternKind.EXACT || !pattern.startsWith("/")) {
            return null;
        }
        StringBuilder glob = new StringBuilder();
        pattern.codePoints().forEach(c -> {
            boolean plain = c > 0x20 && c < 0x7f && c != '*' && c != '%' && c != ';' && c != '\\';
            if (plain) {
                glob.appendCodePoint(c);
            } else if (glob.charAt(glob.length() - 1) != '*') {
                glob.append('*');
            }
        });
        String candidate = glob.toString();
        try {
            PathPattern.parse(candidate);
            AccessRules.parse(candidate + " -> deny");
            return candidate;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static java.util.Optional<String> transportNote(WebXmlSecurity security, String pattern) {
        Set<String> guarantees = new TreeSet<>();
        for (SecurityConstraint c : security.constraints()) {
            if (c.transportGuarantee() != null && !c.transportGuarantee().equalsIgnoreCase("NONE")
                    && c.collections().stream().anyMatch(col -> col.urlPatterns().contains(pattern))) {
                guarantees.add(c.transportGuarantee());
            }
        }
        if (guarantees.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("# <transport-guarantee> " + String.join(", ", guarantees) + " on " + pattern
                + ": JwtGate does not enforce TLS, keep the redirect to HTTPS in the container or the proxy.");
    }

    private static List<String> rulesFor(ServletConstraints container, String pattern, String rulePattern,
            List<String> differences) {
        List<String> alike = sharedPatterns(container, pattern);
        Set<String> unwritable = new TreeSet<>();
        Set<String> methods = new LinkedHashSet<>();
        for (String p : alike) {
            for (String method : p == null ? Set.<String>of() : container.namedMethods(p)) {
                (RULE_METHOD.matcher(method).matches() ? methods : unwritable).add(method);
            }
        }
        methods.add("HEAD");
        // A method a rule cannot name falls to the rule for the other methods, which must then hold for it too.
        Access other = combined(container, alike, ServletConstraints.OTHER_METHOD);
        for (String method : unwritable) {
            other = strictest(other, combined(container, alike, method));
            differences.add("http-method '" + DescriptorText.printable(method) + "' on url-pattern '"
                    + DescriptorText.printable(pattern) + "' cannot be named in a rule (rules name methods in capitals,"
                    + " the container does not change their case); it falls to the rule for the other methods,"
                    + " which asks for the stricter of both");
        }
        Map<Access, Set<String>> groups = new LinkedHashMap<>();
        for (String method : methods) {
            Access access = combined(container, alike, method);
            if (!access.equals(other)) {
                groups.computeIfAbsent(access, a -> new TreeSet<>()).add(method);
            }
        }
        boolean getRuled = groups.values().stream().anyMatch(m -> m.contains("GET"));
        boolean headRuled = groups.values().stream().anyMatch(m -> m.contains("HEAD"));
        List<String> lines = new ArrayList<>();
        if (alike.size() > 1) {
            lines.add("# the rule also matches paths the container sends elsewhere (JwtGate ignores a trailing slash,"
                    + " Tomcat reads a dotted extension from its last dot): each method gets the stricter decision");
        }
        if (getRuled && !headRuled) {
            // A JwtGate GET rule covers HEAD too; the container treats HEAD on its own.
            groups.computeIfAbsent(other, a -> new TreeSet<>()).add("HEAD");
            lines.add("# HEAD is a method of its own for the container: the constraint naming GET leaves it as the"
                    + " other methods");
        }
        List<Map.Entry<Access, Set<String>>> entries = new ArrayList<>(groups.entrySet());
        // The group holding HEAD goes first, before a GET rule could catch HEAD.
        entries.sort(Comparator.comparing((Map.Entry<Access, Set<String>> e) -> !e.getValue().contains("HEAD"))
                .thenComparing(e -> e.getValue().iterator().next()));
        for (Map.Entry<Access, Set<String>> e : entries) {
            lines.add(String.join(",", e.getValue()) + " " + rulePattern + " -> "
                    + requirement(e.getKey(), pattern, differences));
        }
        if (!groups.isEmpty()) {
            lines.add("# other methods on " + (pattern.isEmpty() ? "\"\"" : pattern) + ": "
                    + (other.equals(Access.PERMIT) ? "not covered by a constraint, so the container accepts them"
                    : "as the constraints for all methods say"));
        }
        lines.add(rulePattern + " -> " + requirement(other, pattern, differences));
        return lines;
    }

    /**
     * The url-patterns whose decisions the rule for {@code pattern} must hold, the pattern first;
     * null stands for "no pattern" (the container accepts). An exact rule also matches the path
     * with (or without) a trailing slash, which the container may send to a prefix or the default
     * pattern; an extension rule also matches {@code x.ext/}, which goes to the default pattern; and
     * Tomcat reads a dotted extension ({@code *.tar.gz}) from the last dot only, so to {@code *.gz}
     * or the default pattern.
     */
    static List<String> sharedPatterns(ServletConstraints container, String pattern) {
        List<String> alike = new ArrayList<>();
        alike.add(pattern);
        String fallback = container.patterns().contains("/") ? "/" : null;
        switch (PatternKind.of(pattern)) {
            case EXACT -> {
                if (pattern.length() > 1) {
                    String twin = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern + "/";
                    alike.add(container.bestMatch(twin));
                }
            }
            case EXTENSION -> {
                alike.add(fallback);
                String extension = pattern.substring(2);
                int dot = extension.lastIndexOf('.');
                if (dot >= 0) {
                    String last = "*." + extension.substring(dot + 1);
                    alike.add(container.patterns().contains(last) ? last : fallback);
                }
            }
            default -> {
                // A prefix or the default pattern matches the same paths in both.
            }
        }
        return alike;
    }

    private static Access combined(ServletConstraints container, List<String> alike, String method) {
        Access result = Access.PERMIT;
        for (String p : alike) {
            if (p != null) {
                // Tomcat and the specification join every constraint naming the method; Jetty only those
                // before the first that names it (decision 307): the rule holds the stricter.
                result = strictest(result, strictest(container.access(p, method), container.accessOnJetty(p, method)));
            }
        }
        return result;
    }

    /** What lets through only callers both {@code a} and {@code b} let through (roles: those in both). */
    static Access strictest(Access a, Access b) {
        if (stricter(a, b)) {
            return a;
        }
        if (stricter(b, a)) {
            return b;
        }
        Set<String> both = new TreeSet<>(a.roles());
        both.retainAll(b.roles());
        return both.isEmpty() ? Access.DENY : Access.anyOf(both);
    }

    private static String requirement(Access access, String pattern, List<String> differences) {
        switch (access.kind()) {
            case PERMIT:
                return "permit";
            case DENY:
                return "deny";
            case AUTHENTICATED:
                return "authenticated";
            default:
                break;
        }
        if (access.roles().isEmpty()) {
            // Reported by the probe as a difference: the container asks for credentials first.
            return "deny";
        }
        for (String role : access.roles()) {
            if (!ROLE.matcher(role).matches()) {
                differences.add("role name '" + role + "' on url-pattern '" + pattern + "' cannot be written in a rule"
                        + " (space, quote, backslash, comma, '|' or non-ASCII); the rule says deny instead");
                return "deny";
            }
        }
        return "role:" + String.join("|", new TreeSet<>(access.roles()));
    }

    /** Compares the rules with the container on probe requests; one sentence per kind of disagreement. */
    private static List<String> probe(ServletConstraints container, WebXmlSecurity security, String text) {
        AccessRules rules = AccessRules.parse(text);
        Set<String> methods = new LinkedHashSet<>(COMMON_METHODS);
        for (SecurityConstraint c : security.constraints()) {
            for (WebResourceCollection col : c.collections()) {
                methods.addAll(col.methods());
                methods.addAll(col.omittedMethods());
            }
        }
        methods.add(ServletConstraints.OTHER_METHOD);
        Map<String, String> found = new LinkedHashMap<>();
        for (String path : probePaths(container.patterns())) {
            String normalized = PathNormalizer.normalize(path, null);
            if (normalized == null) {
                continue; // JwtGate refuses such a path with 400 before any rule
            }
            for (String method : methods) {
                Access expected = container.decide(path, method);
                AccessRule rule = rules.match(method, normalized);
                Access actual = accessOf(rule);
                Access onTomcat = container.decideOnTomcat(path, method);
                if (!onTomcat.equals(expected)) {
                    String shown = method.equals(ServletConstraints.OTHER_METHOD) ? "a method web.xml does not name"
                            : method;
                    found.putIfAbsent("tomcat|" + rule + "|" + onTomcat, "on Tomcat only: " + shown + " " + path
                            + ": Tomcat decides '" + onTomcat + "' where the Servlet specification (and Jetty) decide '"
                            + expected + "': when the constraints on the best path prefix leave a method uncovered,"
                            + " Tomcat goes on to the extension and default patterns. The rule '" + rule + "' follows the"
                            + " specification" + (stricter(actual, onTomcat) ? ", JwtGate is the stricter here"
                            : ", JwtGate lets through callers Tomcat refuses"));
                }
                if (!expected.equals(actual)) {
                    String key = rule + "|" + expected + "|" + actual;
                    String shownMethod = method.equals(ServletConstraints.OTHER_METHOD) ? "a method web.xml does not name"
                            : method;
                    found.putIfAbsent(key, shownMethod + " " + path + ": the container decides '" + expected
                            + "' but the rule '" + rule + "' decides '" + actual + "'" + reason(path, expected, actual)
                            + (stricter(actual, expected) ? ", JwtGate is the stricter here"
                            : ", JwtGate lets through callers the container refuses"));
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    private static String reason(String path, Access expected, Access actual) {
        if (expected.kind() == Access.Kind.ROLES && expected.roles().isEmpty()) {
            return " ('*' names no declared <security-role>: the container answers an anonymous caller 401 and"
                    + " everyone else 403, JwtGate answers 403 to all)";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return " (JwtGate ignores a trailing slash, the container matches exact and extension patterns"
                    + " without one only)";
        }
        return "";
    }

    /** Whether every caller {@code a} lets through, {@code b} lets through too. */
    static boolean stricter(Access a, Access b) {
        if (a.kind() == Access.Kind.DENY || b.kind() == Access.Kind.PERMIT) {
            return true;
        }
        if (a.kind() == Access.Kind.PERMIT || b.kind() == Access.Kind.DENY) {
            return false;
        }
        if (b.kind() == Access.Kind.AUTHENTICATED) {
            return true;
        }
        return a.kind() == Access.Kind.ROLES && b.roles().containsAll(a.roles());
    }

    private static Access accessOf(AccessRule rule) {
        Requirement r = rule.requirements().get(0);
        return switch (r.kind()) {
            case PERMIT -> Access.PERMIT;
            case DENY -> Access.DENY;
            case AUTHENTICATED -> Access.AUTHENTICATED;
            case ROLE -> Access.anyOf(Set.of(r.value().split("\\|")));
            case SCOPE -> Access.AUTHENTICATED;
        };
    }

    /** Requests at the edges of every pattern: the pattern itself, with a trailing slash, below, beside. */
    static Set<String> probePaths(Set<String> patterns) {
        Set<String> bases = new LinkedHashSet<>();
        Set<String> extensions = new LinkedHashSet<>(List.of("probe"));
        for (String p : patterns) {
            if (PatternKind.of(p) == PatternKind.PREFIX) {
                bases.add(p.substring(0, p.length() - 2));
            } else if (PatternKind.of(p) == PatternKind.EXTENSION) {
                extensions.add(p.substring(2));
            }
        }
        Set<String> paths = new LinkedHashSet<>(List.of("/", "/jwtgate-probe", "/jwtgate-probe/x"));
        for (String p : patterns) {
            if (PatternKind.of(p) == PatternKind.EXACT) {
                paths.add(p.isEmpty() ? "/" : p);
                for (String e : extensions) {
                    paths.add(p + "/x." + e);
                }
            }
        }
        for (String base : bases) {
            paths.add(base.isEmpty() ? "/x" : base);
            paths.add(base + "/x");
            paths.add(base + "/x/y");
            paths.add(base + "x");
            for (String e : extensions) {
                paths.add(base + "/x." + e);
                paths.add(base + "." + e);
            }
        }
        for (String e : extensions) {
            paths.add("/x." + e);
            paths.add("/jwtgate-probe/x." + e);
        }
        Set<String> withSlashes = new LinkedHashSet<>();
        for (String path : paths) {
            if (!path.startsWith("/")) {
                continue;
            }
            withSlashes.add(path);
            withSlashes.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/");
        }
        withSlashes.remove("");
        return withSlashes;
    }
}
