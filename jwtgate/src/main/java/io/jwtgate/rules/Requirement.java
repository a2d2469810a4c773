package io.jwtgate.rules;

/**
 * One requirement of an authorization rule (spec §5): {@code permit}, {@code deny},
 * {@code authenticated}, {@code role:R} or {@code scope:S}. A role requirement may name
 * alternatives, {@code role:admin|manager}: any one of them satisfies it, as the roles of a
 * web.xml {@code <auth-constraint>} do (decision 233).
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

    /** Whether a caller holding {@code held} satisfies this role requirement: it holds one of its alternatives. */
    public boolean heldBy(java.util.Collection<String> held) {
        for (String alternative : value.split("\\|")) {
            if (held.contains(alternative)) {
                return true;
            }
        }
        return false;
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
