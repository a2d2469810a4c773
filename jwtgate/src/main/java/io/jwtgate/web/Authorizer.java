package io.jwtgate.web;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.Requirement;
import java.util.Optional;

/**
 * Decides a matched rule for a caller (null when anonymous). Requirements are checked in the
 * order the rule lists them; the first that fails decides the answer.
 */
public final class Authorizer {

    private Authorizer() {
    }

    /** Whether the rule lets anyone through without authentication. */
    public static boolean permitsAll(AccessRule rule) {
        return rule.requirements().contains(Requirement.PERMIT);
    }

    /** Whether the rule refuses everyone before credentials are looked at. */
    public static boolean deniesAll(AccessRule rule) {
        return rule.requirements().contains(Requirement.DENY);
    }

    /** Empty when access is granted. */
    public static Optional<AuthError> decide(AccessRule rule, JwtGateAuthentication caller) {
        if (permitsAll(rule)) {
            return Optional.empty();
        }
        if (deniesAll(rule)) {
            return Optional.of(AuthError.forbidden());
        }
        if (caller == null) {
            return Optional.of(AuthError.unauthorized());
        }
        for (Requirement r : rule.requirements()) {
            if (r.kind() == Requirement.Kind.ROLE && !r.heldBy(caller.roles())) {
                return Optional.of(AuthError.forbidden());
            }
            if (r.kind() == Requirement.Kind.SCOPE && !caller.hasScope(r.value())) {
                return Optional.of(AuthError.insufficientScope(r.value()));
            }
        }
        return Optional.empty();
    }
}
