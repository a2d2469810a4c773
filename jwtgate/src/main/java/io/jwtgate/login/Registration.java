package io.jwtgate.login;

import io.jwtgate.store.AuditLog;
import io.jwtgate.store.DuplicateUserException;
import io.jwtgate.store.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code POST /auth/register} (off unless {@code jwtgate.register.enabled}). */
public final class Registration {

    private final Accounts accounts;
    private final Set<String> roles;
    private final AuditLog audit;
    private final RegistrationThrottle throttle;
    private final LegacyAccounts legacy;

    public Registration(Accounts accounts, Set<String> roles, AuditLog audit, RegistrationThrottle throttle) {
        this(accounts, roles, audit, throttle, LegacyAccounts.NONE);
    }

    /** @param legacy accounts of an existing realm, whose names registration must not take (decision 348) */
    public Registration(Accounts accounts, Set<String> roles, AuditLog audit, RegistrationThrottle throttle,
            LegacyAccounts legacy) {
        this.accounts = accounts;
        this.roles = Set.copyOf(roles);
        this.audit = audit;
        this.throttle = throttle;
        this.legacy = legacy;
    }

    /**
     * @throws InvalidInputException when a field breaks {@link AccountRules} (422); audited as
     *     {@code register_refused} with {@code reason=invalid_input} and the field's name (decision 146)
     * @throws DuplicateUserException when the name, a look-alike of it, or the email is taken (409, one text
     *     for all: decision 93); audited as {@code register_refused}, so probing for addresses shows
     * @throws TooManyRequestsException when the client address has used its attempts (429)
     */
    public User register(String username, String email, String password, String address) {
        throttle.attempt(address);
        User user;
        try {
            // Bad input is refused before the realm is scanned: the cheapest request must not cost a scan
            // (decision 318).
            String name = accounts.checkNew(username, email, password, roles, Accounts.NameCheck.CHARACTER_SET);
            if (legacy.holds(name)) {
                // The same answer as for a taken name: the realm user has simply not logged in yet.
                throw new DuplicateUserException("the username or email is taken");
            }
            user = accounts.create(username, email, password, roles);
        } catch (InvalidInputException e) {
            // The field, never the rule's text: a password rule's feedback describes the password.
            Map<String, String> details = new LinkedHashMap<>();
            details.put("reason", "invalid_input");
            details.put("field", e.field());
            audit.record("register_refused", username, address, details);
            throw e;
        } catch (DuplicateUserException e) {
            audit.record("register_refused", username, address, Map.of("reason", "name or email taken"));
            throw e;
        }
        audit.record("user_registered", user.username(), address, Map.of("sub", user.id()));
        return user;
    }
}
