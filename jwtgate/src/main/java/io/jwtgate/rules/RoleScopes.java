package io.jwtgate.rules;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which scopes each role may hold ({@code jwtgate.role-scopes}), e.g.
 * {@code admin=all:any; user=messages:read messages:send}.
 */
public final class RoleScopes {

    private final Map<String, Set<String>> byRole;

    private RoleScopes(Map<String, Set<String>> byRole) {
        this.byRole = Map.copyOf(byRole);
    }

    public static RoleScopes none() {
        return new RoleScopes(Map.of());
    }

    /**
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static RoleScopes parse(String text) {
        Map<String, Set<String>> byRole = new LinkedHashMap<>();
        for (String raw : text.split("[;\\r\\n]+")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("entry '" + entry + "' must look like 'role=scope scope'");
            }
            String role = entry.substring(0, eq).strip();
            if (!role.matches("[\\x21-\\x7e&&[^=;,\"\\\\]]+")) {
                throw new IllegalArgumentException("entry '" + entry + "' has an invalid role name '" + role + "'");
            }
            Set<String> scopes = new LinkedHashSet<>();
            for (String scope : entry.substring(eq + 1).strip().split("\\s+")) {
                if (scope.isEmpty()) {
                    continue;
                }
                if (!scope.matches("[\\x21-\\x7e&&[^\"\\\\;,]]+")) {
                    throw new IllegalArgumentException("entry '" + entry + "' has an invalid scope '" + scope + "'");
                }
                scopes.add(scope);
            }
            if (byRole.put(role, Set.copyOf(scopes)) != null) {
                throw new IllegalArgumentException("role '" + role + "' is listed twice");
            }
        }
        return new RoleScopes(byRole);
    }

    /** The union of the scopes of {@code roles}, in a stable order. */
    public Set<String> scopesFor(Collection<String> roles) {
        Set<String> result = new LinkedHashSet<>();
        for (String role : roles) {
            Set<String> scopes = byRole.get(role);
            if (scopes != null) {
                scopes.stream().sorted().forEach(result::add);
            }
        }
        return result;
    }

    /**
     * The roles a token with {@code granted} scopes may carry: those whose role-scopes the grant
     * covers entirely. A token narrowed below a role's scopes must not pass {@code role:} rules
     * that the narrowing was meant to close; a role with no configured scopes is always kept.
     */
    public Set<String> rolesCoveredBy(Collection<String> roles, Collection<String> granted) {
        Set<String> result = new LinkedHashSet<>();
        for (String role : roles) {
            if (Scopes.covers(granted, byRole.getOrDefault(role, Set.of()))) {
                result.add(role);
            }
        }
        return result;
    }
}
