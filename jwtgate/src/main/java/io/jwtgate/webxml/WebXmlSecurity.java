package io.jwtgate.webxml;

import java.util.List;
import java.util.Set;

/**
 * The security part of a deployment descriptor: its constraints in document order, the declared
 * {@code <security-role>}s and the {@code <login-config>} (null when there is none).
 */
public record WebXmlSecurity(List<SecurityConstraint> constraints, Set<String> declaredRoles,
        LoginConfig loginConfig) {

    public WebXmlSecurity {
        constraints = List.copyOf(constraints);
        declaredRoles = Set.copyOf(declaredRoles);
    }
}
