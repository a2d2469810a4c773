package io.jwtgate.login;

import io.jwtgate.store.User;
import java.util.Optional;

/**
 * Accounts that live outside {@code jwtgate_users} (an existing realm table read in place) and move
 * into it at their first successful login. Consulted only for a username that names no account.
 */
public interface LegacyAccounts {

    /** No legacy store: every name outside {@code jwtgate_users} is unknown. */
    LegacyAccounts NONE = (name, password) -> Optional.empty();

    /**
     * Checks {@code password} against the legacy account {@code name} and, when it matches, creates
     * the account in {@code jwtgate_users}. A check costs at least one bcrypt at the configured cost.
     *
     * @param name a username in look-up form ({@link AccountRules#lookupName}) that names no account
     * @param password at most {@link AccountRules#MAX_PASSWORD_BYTES} bytes
     * @return empty when no legacy account has this name (nothing was checked: the caller spends the
     *     time of an unknown name); otherwise the account now in {@code jwtgate_users}
     * @throws LoginFailedException wrong password, or an adoption refused (the reason says which)
     * @throws io.jwtgate.store.StoreException when the legacy store cannot be read
     */
    Optional<Adoption> adopt(String name, String password);

    /**
     * Whether a legacy account of this name, in any case, waits to be adopted: a self-registration of
     * that name would otherwise take the identity of a user who has not logged in yet.
     *
     * @param name a username as a client typed it
     * @throws io.jwtgate.store.StoreException when the legacy store cannot be read
     */
    default boolean holds(String name) {
        return false;
    }

    /**
     * An account in {@code jwtgate_users} for a legacy name.
     *
     * @param created true when this call created it from the legacy row (the password was checked
     *     there); false when a concurrent first login created it meanwhile, so the password still has to
     *     be checked against the account as it now is
     */
    record Adoption(User user, boolean created) {
    }
}
