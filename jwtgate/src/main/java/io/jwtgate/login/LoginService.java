package io.jwtgate.login;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.rules.RoleScopes;
import io.jwtgate.rules.Scopes;
import io.jwtgate.session.SessionService;
import io.jwtgate.session.TokenPair;
import io.jwtgate.store.AuditLog;
import io.jwtgate.store.User;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /auth/login}: lockout check, credentials, scope narrowing, then a new session with
 * an access and a refresh token.
 */
public final class LoginService {

    private final CredentialChecker credentials;
    private final LoginThrottle throttle;
    private final SessionService sessions;
    private final RoleScopes roleScopes;
    private final AuditLog audit;

    public LoginService(CredentialChecker credentials, LoginThrottle throttle, SessionService sessions,
            RoleScopes roleScopes, AuditLog audit) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.sessions = sessions;
        this.roleScopes = roleScopes;
        this.audit = audit;
    }

    /**
     * @throws LockedOutException too many failures for the name or the address
     * @throws LoginFailedException wrong name or password
     * @throws InvalidScopeException requested scopes beyond the user's role-scopes
     */
    public TokenPair login(LoginRequest request, String address) {
        boolean byEmail = request.username() == null;
        String typed = byEmail ? request.email() : request.username();
        User user = checkPassword(typed, byEmail, request.password(), address);
        Set<String> allowed = roleScopes.scopesFor(user.roles());
        Set<String> granted;
        if (request.scopes() == null) {
            granted = allowed;
        } else {
            granted = new LinkedHashSet<>(request.scopes());
            if (!Scopes.covers(allowed, granted)) {
                throw new InvalidScopeException("The requested scopes exceed what the account may hold");
            }
        }
        audit.record("login_success", user.username(), address, Map.of());
        return sessions.start(user, granted, address);
    }

    /**
     * {@code HttpServletRequest.login(username, password)}: the same lockout, password check and
     * audit events as {@code POST /auth/login}, but no session and no tokens: the caller is
     * authenticated for the rest of the request only (decision 262).
     *
     * @return the user and the scopes the user's roles allow
     * @throws LockedOutException too many failures for the name or the address
     * @throws LoginFailedException wrong name or password
     */
    public JwtGateAuthentication checkServletLogin(String username, String password, String address) {
        User user = checkPassword(username, false, password, address);
        audit.record("login_success", user.username(), address, Map.of("method", "servlet_login"));
        return JwtGateAuthentication.form(user.id(), user.username(), user.roles(),
                roleScopes.scopesFor(user.roles()));
    }

    /** Lockout, then the password; counts and audits a failure, forgets the account's failures on success. */
    private User checkPassword(String typed, boolean byEmail, String password, String address) {
        String name = AccountRules.canonicalName(typed, byEmail);
        // The account is resolved first so that every name of it (username, each spelling of the
        // email) spends one budget; the look-up is indexed and runs for known and unknown names alike.
        Optional<User> account = credentials.find(name, byEmail);
        LoginThrottle.Attempt attempt = throttle.begin(typed, name, account, address);
        User user;
        try {
            user = credentials.check(name, byEmail, account, password);
        } catch (LoginFailedException e) {
            attempt.failed();
            audit.record("login_failure", name, address, Map.of("reason", e.reason()));
            throw e;
        }
        attempt.succeeded();
        attempt.forgetAccountFailures();
        return user;
    }
}
