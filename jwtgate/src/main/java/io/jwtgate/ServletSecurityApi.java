package io.jwtgate;

import io.jwtgate.login.LoginService;
import io.jwtgate.session.SessionService;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.ErrorWriter;
import io.jwtgate.web.RequestSecurity;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@link RequestSecurity} on JwtGate's services: logout ends the session as {@code POST /auth/logout}
 * does, login checks the password as {@code POST /auth/login} does (lockout, throttle, audit), and
 * the challenge is the filter's.
 */
final class ServletSecurityApi implements RequestSecurity {

    private final SessionService sessions;
    private final LoginService login;
    private final ErrorWriter errors;

    ServletSecurityApi(SessionService sessions, LoginService login, ErrorWriter errors) {
        this.sessions = sessions;
        this.login = login;
        this.errors = errors;
    }

    @Override
    public void endSession(JwtGateAuthentication caller, String address) {
        // Basic and login() callers, and tokens minted without a session, have nothing to end; an
        // external issuer's session is the provider's to end (decision 440).
        if (caller.sessionId() != null && caller.trustedIssuer() == null) {
            sessions.logout(caller, address);
        }
    }

    @Override
    public JwtGateAuthentication login(String username, String password, String address) {
        return login.checkServletLogin(username, password, address);
    }

    @Override
    public void challenge(HttpServletResponse response) throws IOException {
        errors.writeOfferingBasic(response, AuthError.unauthorized());
    }
}
