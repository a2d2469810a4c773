package io.jwtgate.endpoint;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.login.InvalidInputException;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.JsonBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /auth/password}: a Bearer-authenticated caller changes its password given the current one. */
final class PasswordEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        JwtGateAuthentication caller = exchange.authenticateOwn(false);
        JsonBodies body = JsonBodies.read(exchange.request(), false);
        try {
            exchange.services().passwordChange().change(caller, body.requiredText("current_password"),
                    body.requiredText("new_password"), exchange.address());
        } catch (LoginFailedException e) {
            throw new ApiException(AuthError.wrongCurrentPassword());
        } catch (InvalidInputException e) {
            throw new ApiException(AuthError.invalidInput(e.getMessage()));
        }
        exchange.response().setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
