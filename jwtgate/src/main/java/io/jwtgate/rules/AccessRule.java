package io.jwtgate.rules;

import java.util.List;
import java.util.Set;

/**
 * One line of {@code jwtgate.rules}: the methods it applies to (empty for all), the path pattern
 * and the requirements, all of which must hold.
 */
public record AccessRule(Set<String> methods, PathPattern pattern, List<Requirement> requirements) {

    public AccessRule {
        methods = Set.copyOf(methods);
        requirements = List.copyOf(requirements);
    }

    public boolean appliesTo(String method, String normalizedPath) {
        return appliesToMethod(method) && pattern.matches(normalizedPath);
    }

    /** HEAD is GET without a body (RFC 9110 §9.3.2) and the servlet API runs doGet for it: a GET rule covers HEAD. */
    boolean appliesToMethod(String method) {
        return methods.isEmpty() || methods.contains(method) || ("HEAD".equals(method) && methods.contains("GET"));
    }

    /** Whether it asks for more than a caller: a role, a scope, or nobody at all. */
    boolean restricts() {
        return requirements.stream().anyMatch(r -> r.kind() == Requirement.Kind.ROLE
                || r.kind() == Requirement.Kind.SCOPE || r.kind() == Requirement.Kind.DENY);
    }

    /** The rule as one line of {@code jwtgate.rules}, methods in alphabetical order. */
    @Override
    public String toString() {
        String requirementText = String.join(" ", requirements.stream().map(Requirement::toString).toList());
        String methodText = String.join(",", new java.util.TreeSet<>(methods));
        return (methodText.isEmpty() ? "" : methodText + " ") + pattern + " -> " + requirementText;
    }
}
