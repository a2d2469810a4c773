package io.jwtgate.web;

import io.jwtgate.JwtGateAuthentication;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the servlet security API of a request JwtGate let through does: {@code logout()},
 * {@code login(user, password)} and {@code authenticate(response)} of {@link AuthenticatedRequest}
 * (decisions 260 to 264). An interface so the request wrapper needs none of the services behind it.
 */
public interface RequestSecurity {

    /**
     * Ends the caller's JwtGate session, if the caller has one (a Bearer token with a {@code sid}):
     * its refresh and access tokens stop working, audit {@code logout}.
     *
     * @throws io.jwtgate.store.StoreException when the store cannot record it
     */
    void endSession(JwtGateAuthentication caller, String address);

    /**
     * Checks a password against the store with the login lockout and address throttle.
     *
     * @throws io.jwtgate.login.LoginFailedException wrong name or password
     * @throws io.jwtgate.login.LockedOutException too many failures
     * @throws io.jwtgate.store.StoreException when the store cannot answer
     */
    JwtGateAuthentication login(String username, String password, String address);

    /** Writes the filter's 401 answer for a request without credentials (Basic offered when allowed). */
    void challenge(HttpServletResponse response) throws IOException;
}
