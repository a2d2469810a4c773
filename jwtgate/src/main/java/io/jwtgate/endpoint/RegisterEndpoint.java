package io.jwtgate.endpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.login.InvalidInputException;
import io.jwtgate.store.DuplicateUserException;
import io.jwtgate.store.User;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.JsonBodies;
import io.jwtgate.web.JsonResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeSet;

/** {@code POST /auth/register}: self-registration, in the table only while {@code jwtgate.register.enabled}. */
final class RegisterEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        JsonBodies body = JsonBodies.read(exchange.request(), false);
        User user;
        try {
            user = exchange.services().registration().register(body.text("username"), body.text("email"),
                    body.text("password"), exchange.address());
        } catch (InvalidInputException e) {
            throw new ApiException(AuthError.invalidInput(e.getMessage()));
        } catch (DuplicateUserException e) {
            throw new ApiException(AuthError.userExists());
        }
        ObjectNode json = StrictJson.mapper().createObjectNode()
                .put("sub", user.id())
                .put("username", user.username())
                .put("email", user.email());
        ArrayNode roles = json.putArray("roles");
        new TreeSet<>(user.roles()).forEach(roles::add);
        exchange.response().setStatus(HttpServletResponse.SC_CREATED);
        JsonResponse.write(exchange.response(), json);
    }
}
