package io.jwtgate.web;

import java.security.Principal;
import java.util.Objects;

/** The principal JwtGate hands the application: its name is the username. */
public final class JwtGatePrincipal implements Principal {

    private final String name;
    private final String subject;

    public JwtGatePrincipal(String name, String subject) {
        this.name = Objects.requireNonNull(name);
        this.subject = Objects.requireNonNull(subject);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The stable user id behind the name. */
    public String subject() {
        return subject;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwtGatePrincipal && ((JwtGatePrincipal) o).subject.equals(subject)
                && ((JwtGatePrincipal) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, subject);
    }

    @Override
    public String toString() {
        return name;
    }
}
