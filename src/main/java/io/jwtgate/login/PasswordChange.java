package io.jwtgate.login;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.session.SessionService;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.User;
import io.jwtgate.store.UserStore;
import java.util.Map;

/**
 * {@code POST /auth/password}: proves the current password (counted like a login), stores the new
 * hash, forgets cached Basic checks and revokes every other session of the user.
 */
public final class PasswordChange {

    private final UserStore users;
    private final CredentialChecker credentials;
    private final Accounts accounts;
    private final LoginThrottle throttle;
    private final BasicCache basicCache;
    private final SessionService sessions;
    private final AuditLog audit;

    public PasswordChange(UserStore users, CredentialChecker credentials, Accounts accounts, LoginThrottle throttle,
            BasicCache basicCache, SessionService sessions, AuditLog audit) {
        this.users = users;
        this.credentials = credentials;
        this.accounts = accounts;
        this.throttle = throttle;
        this.basicCache = basicCache;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * @throws LockedOutException while the account is locked
     * @throws LoginFailedException when the current password is wrong
     * @throws InvalidInputException when the new password breaks {@link AccountRules} or is too easy to guess
     */
    public void change(JwtGateAuthentication caller, String currentPassword, String newPassword, String address) {
        User user = users.findById(caller.subject()).orElseThrow(() -> new LoginFailedException("unknown_user"));
        throttle.checkAllowed(user.username(), address);
        try {
            credentials.check(user.username(), false, currentPassword);
        } catch (LoginFailedException e) {
            throttle.recordFailure(user.username(), address);
            audit.record("login_failure", user.username(), address, Map.of("reason", e.reason(),
                    "during", "password_change"));
            throw e;
        }
        accounts.setPassword(user, newPassword);
        basicCache.invalidate(user.id());
        int revoked = sessions.revokeOtherSessions(user.id(), caller.sessionId());
        audit.record("password_changed", user.username(), address, Map.of("sessions_revoked",
                Integer.toString(revoked)));
    }
}
