package io.jwtgate.webxml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions a Servlet container takes from a descriptor's security constraints, as Servlet 6.0
 * §13.8 specifies them: the constraints of the url-pattern that best matches the request path
 * (§12.2 order: exact, longest path prefix, extension, default) are selected whatever the method;
 * a method no selected constraint covers is accepted; the constraints covering the method combine
 * (§13.8.1): an auth-constraint naming no role wins over everything, a constraint without
 * auth-constraint wins over roles, roles unite; {@code *} stands for every declared role and
 * {@code **} (unless declared as a role) for any authenticated caller. A path no pattern matches is
 * accepted.
 */
public final class ServletConstraints {

    /** A method no collection names: stands for every method the descriptor does not mention. */
    public static final String OTHER_METHOD = "\u0000other";

    private final WebXmlSecurity security;
    /** url-pattern to the constraints listing it, in document order. */
    private final Map<String, List<Placed>> byPattern = new LinkedHashMap<>();

    private record Placed(SecurityConstraint constraint, WebResourceCollection collection) {
    }

    public ServletConstraints(WebXmlSecurity security) {
        this.security = security;
        for (SecurityConstraint c : security.constraints()) {
            for (WebResourceCollection collection : c.collections()) {
                for (String pattern : collection.urlPatterns()) {
                    byPattern.computeIfAbsent(pattern, p -> new ArrayList<>()).add(new Placed(c, collection));
                }
            }
        }
    }

    /** Every url-pattern some constraint names, in document order. */
    public Set<String> patterns() {
        return byPattern.keySet();
    }

    /** The methods the collections on {@code pattern} name, in http-method or http-method-omission. */
    public Set<String> namedMethods(String pattern) {
        Set<String> methods = new LinkedHashSet<>();
        for (Placed p : byPattern.getOrDefault(pattern, List.of())) {
            methods.addAll(p.collection().methods());
            methods.addAll(p.collection().omittedMethods());
        }
        return methods;
    }

    /** The container's decision for a request. */
    public Access decide(String path, String method) {
        String pattern = bestMatch(path);
        return pattern == null ? Access.PERMIT : access(pattern, method);
    }

    /**
     * The combined constraint for {@code method} on {@code pattern}; {@link Access#PERMIT} when no
     * constraint on the pattern covers the method (an uncovered method is accepted).
     */
    public Access access(String pattern, String method) {
        return access(byPattern.getOrDefault(pattern, List.of()), method);
    }

    /**
     * Jetty 12's decision where it departs from §13.8.1 (checked against Jetty 12 ee10 by
     * {@code JettyTranslatorEdgesAttackTest}): a constraint that does not name {@code method} (all
     * methods, or an omission list leaving it in) adds its roles to the method only when it comes
     * before the first constraint that names the method; Jetty starts the method's entry from what
     * it has seen so far and never joins later ones. The specification joins all of them, as Tomcat
     * does. Modelled for every non-naming constraint, omissions included, which is never looser than
     * Jetty where its omission handling is not known in detail: the translator takes the stricter of
     * this and {@link #access} (decision 307).
     */
    public Access accessOnJetty(String pattern, String method) {
        return accessOnJetty(byPattern.getOrDefault(pattern, List.of()), method);
    }

    /** {@link #decide} as Jetty 12 decides, with {@link #accessOnJetty}. */
    public Access decideOnJetty(String path, String method) {
        String pattern = bestMatch(path);
        return pattern == null ? Access.PERMIT : accessOnJetty(pattern, method);
    }

    private Access accessOnJetty(List<Placed> placedOnPattern, String method) {
        List<Placed> seen = new ArrayList<>();
        boolean named = false;
        for (Placed p : placedOnPattern) {
            boolean names = p.collection().methods().contains(method);
            if (names || !named) {
                seen.add(p);
            }
            named |= names;
        }
        return access(seen, method);
    }

    private Access access(List<Placed> placed, String method) {
        boolean covered = false;
        boolean unconstrained = false;
        boolean denied = false;
        boolean anyCaller = false;
        Set<String> roles = new LinkedHashSet<>();
        Set<SecurityConstraint> seen = new HashSet<>();
        for (Placed p : placed) {
            if (!p.collection().covers(method) || !seen.add(p.constraint())) {
                continue;
            }
            covered = true;
            List<String> named = p.constraint().roles();
            if (named == null) {
                unconstrained = true;
            } else if (named.isEmpty()) {
                denied = true;
            } else {
                for (String role : named) {
                    if (role.equals("**") && !security.declaredRoles().contains("**")) {
                        anyCaller = true;
                    } else if (role.equals("*")) {
                        roles.addAll(security.declaredRoles());
                    } else {
                        roles.add(role);
                    }
                }
            }
        }
        if (!covered) {
            return Access.PERMIT;
        }
        if (denied) {
            return Access.DENY;
        }
        if (unconstrained) {
            return Access.PERMIT;
        }
        return anyCaller ? Access.AUTHENTICATED : Access.anyOf(roles);
    }

    /**
     * Tomcat's decision where it departs from §13.8.3 (checked against Tomcat 11 by
     * {@code TomcatWebXmlEquivalenceTest}): when the constraints on the longest matching path prefix
     * do not cover the method, Tomcat does not accept the request but goes on to the extension
     * pattern, then the default pattern, as if no prefix had matched. Exact patterns are selected
     * whatever the method, as the specification says.
     */
    public Access decideOnTomcat(String path, String method) {
        String pattern = bestMatch(path);
        if (pattern == null || PatternKind.of(pattern) != PatternKind.PREFIX || covered(pattern, method)) {
            return decide(path, method);
        }
        String extension = extension(path);
        if (extension != null && byPattern.containsKey("*." + extension)) {
            return access("*." + extension, method);
        }
        return byPattern.containsKey("/") ? access("/", method) : Access.PERMIT;
    }

    /** Whether some constraint on {@code pattern} names {@code method} (or leaves it in by an omission list). */
    public boolean covered(String pattern, String method) {
        for (Placed p : byPattern.getOrDefault(pattern, List.of())) {
            if (p.collection().covers(method)) {
                return true;
            }
        }
        return false;
    }

    /** The url-pattern the container selects for {@code path}, or null when none matches (§12.2). */
    public String bestMatch(String path) {
        for (String pattern : byPattern.keySet()) {
            if (PatternKind.of(pattern) == PatternKind.EXACT && pattern.equals(path)
                    || pattern.isEmpty() && path.equals("/")) {
                return pattern;
            }
        }
        String longest = null;
        for (String pattern : byPattern.keySet()) {
            if (PatternKind.of(pattern) == PatternKind.PREFIX && prefixMatches(pattern, path)
                    && (longest == null || pattern.length() > longest.length())) {
                longest = pattern;
            }
        }
        if (longest != null) {
            return longest;
        }
        String extension = extension(path);
        if (extension != null) {
            for (String pattern : byPattern.keySet()) {
                if (PatternKind.of(pattern) == PatternKind.EXTENSION && pattern.substring(2).equals(extension)) {
                    return pattern;
                }
            }
        }
        return byPattern.containsKey("/") ? "/" : null;
    }

    /** {@code /a/*} matches {@code /a}, {@code /a/} and everything under it; {@code /*} every path. */
    private static boolean prefixMatches(String pattern, String path) {
        String base = pattern.substring(0, pattern.length() - 2);
        return path.equals(base) || path.startsWith(base + "/");
    }

    /** The text after the last dot of the last segment, or null when it has none. */
    private static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash && dot < path.length() - 1 ? path.substring(dot + 1) : null;
    }

    /** The four kinds of url-pattern of Servlet 6.0 §12.2. */
    public enum PatternKind {
        EXACT, PREFIX, EXTENSION, DEFAULT;

        public static PatternKind of(String pattern) {
            if (pattern.equals("/")) {
                return DEFAULT;
            }
            if (pattern.startsWith("/") && pattern.endsWith("/*")) {
                return PREFIX;
            }
            if (pattern.startsWith("*.")) {
                return EXTENSION;
            }
            return EXACT;
        }
    }
}
