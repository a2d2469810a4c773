package io.jwtgate.webxml;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a servlet container asks of a request once the constraints are combined: nothing
 * ({@link Kind#PERMIT}), nobody ({@link Kind#DENY}), any caller ({@link Kind#AUTHENTICATED}) or a
 * caller holding one of {@link #roles()} ({@link Kind#ROLES}; an empty set means nobody, but only
 * after asking for credentials).
 */
public record Access(Kind kind, Set<String> roles) {

    /** What is asked for. */
    public enum Kind { PERMIT, DENY, AUTHENTICATED, ROLES }

    public static final Access PERMIT = new Access(Kind.PERMIT, Set.of());
    public static final Access DENY = new Access(Kind.DENY, Set.of());
    public static final Access AUTHENTICATED = new Access(Kind.AUTHENTICATED, Set.of());

    public Access {
        roles = Set.copyOf(roles);
    }

    public static Access anyOf(Set<String> roles) {
        return new Access(Kind.ROLES, roles);
    }

    @Override
    public String toString() {
        return kind == Kind.ROLES ? "roles " + new TreeSet<>(roles) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
