package io.jwtgate.endpoint;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.browser.BrowserLogin;
import io.jwtgate.browser.CsrfGuard;
import io.jwtgate.browser.SessionCookies;
import io.jwtgate.token.BadTokenException;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.FormBodies;
import io.jwtgate.web.JsonBodies;
import io.jwtgate.web.RequestBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /auth/logout}: ends the caller's session. With {@code {"refresh_token": …}} in the
 * body the refresh token is the credential (decision 111): its session ends whatever the access
 * token's state, and a Bearer token sent beside it ends its own session too if it verifies (it is
 * ignored if not). Without one, a Bearer token is required as before.
 *
 * <p>In cookie mode, a request with a session cookie and no {@code Authorization} header is a
 * browser's logout (decision 664): the CSRF token must match and the origin be this site's (else
 * 403 and the session lives), then the session ends, the cookies are cleared and the answer is a
 * 303 to the login page.
 */
final class LogoutEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        BrowserLogin browser = exchange.services().browser();
        if (browser.isCookieLogout(exchange.request())) {
            cookieLogout(exchange, browser);
            return;
        }
        String refreshToken = JsonBodies.read(exchange.request(), true).text("refresh_token");
        if (refreshToken == null) {
            JwtGateAuthentication caller = exchange.authenticateOwn(false);
            exchange.services().gate().sessions().logout(caller, exchange.address());
        } else {
            JwtGateAuthentication bearer = exchange.verifiedBearer();
            if (bearer != null) {
                exchange.services().gate().sessions().logout(bearer, exchange.address());
            }
            // An unknown, malformed or already revoked token ends nothing and gets the same 204
            // (RFC 7009 §2.2): the answer tells nothing, and a retried logout is harmless.
            exchange.services().gate().sessions().endSessionOf(refreshToken, "logout", exchange.address());
        }
        exchange.response().setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static void cookieLogout(Exchange exchange, BrowserLogin browser) throws IOException {
        // The servlet reads the body itself, so the form's _csrf is parsed here, never through
        // getParameter (which would also take it from the query string).
        byte[] body = RequestBodies.read(exchange.request());
        String formToken = RequestBodies.mediaType(exchange.request()).equals("application/x-www-form-urlencoded")
                ? FormBodies.parse(body).get(CsrfGuard.FIELD) : null;
        SessionCookies.CookieJar jar = browser.cookies().read(exchange.request());
        if (!browser.admitsLogout(exchange.request(), jar, formToken)) {
            throw new ApiException(AuthError.csrfRefused());
        }
        if (jar.access() != null) {
            JwtGateAuthentication caller = verified(exchange, jar.access());
            if (caller != null) {
                exchange.services().gate().sessions().logout(caller, exchange.address());
            }
        }
        if (jar.refresh() != null) {
            exchange.services().gate().sessions().endSessionOf(jar.refresh(), "logout", exchange.address());
        }
        browser.loggedOut(exchange.request(), exchange.response());
    }

    /** The access cookie's caller if it verifies now and is JwtGate's own; null otherwise (an expired cookie is normal). */
    private static JwtGateAuthentication verified(Exchange exchange, String token) {
        try {
            JwtGateAuthentication caller = JwtGateAuthentication.bearer(exchange.services().gate().verifier().verify(token));
            return caller.trustedIssuer() == null ? caller : null;
        } catch (BadTokenException e) {
            return null;
        }
    }
}
