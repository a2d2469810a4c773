package io.jwtgate.endpoint;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code DELETE /auth/token/{jti}}: an authenticated caller revokes one of its own tokens by id;
 * 404 for an id that is empty, too long, or not the caller's. Not rate limited, as before.
 */
final class RevokeByIdEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) {
        JwtGateAuthentication caller = exchange.authenticateOwn(true);
        String jti = exchange.parameter();
        if (jti.isEmpty() || jti.length() > 64
                || !exchange.services().gate().sessions().revokeToken(caller, jti, exchange.address())) {
            throw new ApiException(AuthError.notFound());
        }
        exchange.response().setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
