package io.jwtgate.login;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.session.Revocations;
import io.jwtgate.session.SessionService;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /auth/password}: proves the current password (counted like a login), stores the new
 * hash, forgets cached Basic checks (here, and on other nodes through the revocation table) and
 * revokes every other session of the user.
 */
public final class PasswordChange {

    private final UserStore users;
    private final CredentialChecker credentials;
    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final BasicCache basicCache;
    private final SessionService sessions;
    private final Revocations revocations;
    private final AuditLog audit;

    public PasswordChange(UserStore users, CredentialChecker credentials, Accounts accounts, LoginThrottle throttle,
            BasicCache basicCache, SessionService sessions, Revocations revocations, AuditLog audit) {
        this.users = users;
        this.credentials = credentials;
        this.accounts = accounts;
        this.throttle = throttle;
        this.basicCache = basicCache;
        this.sessions = sessions;
        this.revocations = revocations;
        this.audit = audit;
    }

    /**
     * @throws LockedOutException while the account is locked
     * @throws LoginFailedException when the current password is wrong
     * @throws InvalidInputException when the new password breaks {@link AccountRules} or is too easy to guess
     */
    public void change(JwtGateAuthentication caller, String currentPassword, String newPassword, String address) {
        User user = users.findById(caller.subject()).orElseThrow(() -> new LoginFailedException("unknown_user"));
        // Counted against the account itself, the same budget as its logins under any name.
        LoginThrottle.Attempt attempt = throttle.begin(user.username(), user.username(), Optional.of(user), address);
        try {
            credentials.check(Optional.of(user), currentPassword);
            attempt.succeeded();
        } catch (LoginFailedException e) {
            attempt.failed();
            audit.record("login_failure", user.username(), address, Map.of("reason", e.reason(),
                    "during", "password_change"));
            throw e;
        }
        accounts.setPassword(user, newPassword);
        basicCache.invalidate(user.id());
        revocations.credentialsChanged(user.id());
        int revoked = sessions.revokeOtherSessions(user.id(), caller.sessionId());
        audit.record("password_changed", user.username(), address, Map.of("sessions_revoked",
                Integer.toString(revoked)));
    }
}
