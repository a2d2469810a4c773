package io.jwtgate.endpoint;

import io.jwtgate.login.InvalidScopeException;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.login.LoginRequestParser;
import io.jwtgate.login.TokenResponses;
import io.jwtgate.session.TokenPair;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.JsonResponse;
import io.jwtgate.web.RequestBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /auth/login}: a username and password (JSON or form) for an access and a refresh token. */
final class LoginEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        byte[] body = RequestBodies.read(exchange.request());
        TokenPair tokens;
        try {
            tokens = exchange.services().metrics().timeLogin(() -> exchange.services().login().login(
                    LoginRequestParser.parse(RequestBodies.mediaType(exchange.request()), body), exchange.address()));
        } catch (LoginFailedException e) {
            throw new ApiException(AuthError.invalidGrant());
        } catch (InvalidScopeException e) {
            throw new ApiException(AuthError.invalidScope(e.getMessage()));
        }
        exchange.response().setStatus(HttpServletResponse.SC_OK);
        JsonResponse.write(exchange.response(), TokenResponses.of(tokens.access(), tokens.refreshToken()));
    }
}
