package io.jwtgate.endpoint;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.web.JsonBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /auth/logout}: ends the caller's session. With {@code {"refresh_token": …}} in the
 * body the refresh token is the credential (decision 111): its session ends whatever the access
 * token's state, and a Bearer token sent beside it ends its own session too if it verifies (it is
 * ignored if not). Without one, a Bearer token is required as before.
 */
final class LogoutEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
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
}
