package io.jwtgate.endpoint;

import io.jwtgate.login.TokenResponses;
import io.jwtgate.session.RefreshFailedException;
import io.jwtgate.session.TokenPair;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.JsonBodies;
import io.jwtgate.web.JsonResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/** {@code POST /auth/refresh}: a refresh token for a new pair, the old refresh token spent. */
final class RefreshEndpoint implements Endpoint {

    // The logger of the servlet the endpoints were part of, so operators' logging set-up still applies.
    private static final System.Logger LOG = System.getLogger("io.jwtgate.LoginServlet");

    @Override
    public void handle(Exchange exchange) throws IOException {
        String token = JsonBodies.read(exchange.request(), false).requiredText("refresh_token");
        TokenPair tokens;
        try {
            tokens = exchange.services().gate().sessions().refresh(token, exchange.address());
        } catch (RefreshFailedException e) {
            LOG.log(Level.DEBUG, "refresh refused: {0}", e.reason());
            throw new ApiException(AuthError.invalidRefreshToken());
        }
        exchange.response().setStatus(HttpServletResponse.SC_OK);
        JsonResponse.write(exchange.response(), TokenResponses.of(tokens.access(), tokens.refreshToken()));
    }
}
