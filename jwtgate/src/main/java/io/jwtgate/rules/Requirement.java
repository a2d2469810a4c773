package io.jwtgate.rules;

/**
 * One requirement of an authorization rule (spec §5): {@code permit}, {@code deny},
 * {@code authenticated}, {@code role:R} or {@code scope:S}.
 */
public record Requirement(Kind kind, String value) {

    /** What a requirement asks for. */
    public enum Kind { PERMIT, DENY, AUTHENTICATED, ROLE, SCOPE }

    public static final Requirement PERMIT = new Requirement(Kind.PERMIT, null);
    public static final Requirement DENY = new Requirement(Kind.DENY, null);
    public static final Requirement AUTHENTICATED = new Requirement(Kind.AUTHENTICATED, null);

    public static Requirement role(String role) {
        return new Requirement(Kind.ROLE, role);
    }

    public static Requirement scope(String scope) {
        return new Requirement(Kind.SCOPE, scope);
    }

    @Override
    public String toString() {
        return value == null ? kind.name().toLowerCase(java.util.Locale.ROOT)
                : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + value;
    }
}
