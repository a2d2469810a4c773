package io.jwtgate.endpoint;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.login.InsufficientScopeException;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.login.TokenResponses;
import io.jwtgate.token.IssuedToken;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.JsonBodies;
import io.jwtgate.web.JsonResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /auth/token}: an authenticated caller mints an access token with a TTL and scopes of its own. */
final class MintEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        JwtGateAuthentication caller = exchange.authenticateOwn(true);
        JsonBodies body = JsonBodies.read(exchange.request(), true);
        IssuedToken token;
        try {
            token = exchange.services().minting().mint(caller, body.positiveLong("ttl"), body.scopes("scopes"),
                    exchange.address());
        } catch (InsufficientScopeException e) {
            throw new ApiException(AuthError.scopesExceedCaller(e.scope()));
        } catch (LoginFailedException e) {
            throw new ApiException(AuthError.unauthorized());
        }
        exchange.response().setStatus(HttpServletResponse.SC_CREATED);
        JsonResponse.write(exchange.response(), TokenResponses.of(token, null));
    }
}
