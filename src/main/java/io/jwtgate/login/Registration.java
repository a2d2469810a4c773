package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.User;
import java.util.Map;
import java.util.Set;

/** {@code POST /auth/register} (off unless {@code jwtgate.register.enabled}). */
public final class Registration {

    private final Accounts accounts;
    private final Set<String> roles;
    private final AuditLog audit;
    private final RegistrationThrottle throttle;

    public Registration(Accounts accounts, Set<String> roles, AuditLog audit, RegistrationThrottle throttle) {
        this.accounts = accounts;
        this.roles = Set.copyOf(roles);
        this.audit = audit;
        this.throttle = throttle;
    }

    /**
     * @throws InvalidInputException when a field breaks {@link AccountRules} (422)
     * @throws io.jwtgate.store.DuplicateUserException when the name or email is taken (409)
     * @throws LockedOutException when the client address has used its attempts (429)
     */
    public User register(String username, String email, String password, String address) {
        throttle.attempt(address);
        User user = accounts.create(username, email, password, roles);
        audit.record("user_registered", user.username(), address, Map.of("sub", user.id()));
        return user;
    }
}
