package io.jwtgate.endpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.json.StrictJson;
import io.jwtgate.web.JsonResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeSet;

/** {@code GET /auth/me}: who the caller is, its roles and scopes, and its token's id and expiry. */
final class MeEndpoint implements Endpoint {

    @Override
    public void handle(Exchange exchange) throws IOException {
        JwtGateAuthentication caller = exchange.authenticate(true);
        ObjectNode body = StrictJson.mapper().createObjectNode()
                .put("sub", caller.subject())
                .put("username", caller.username());
        ArrayNode roles = body.putArray("roles");
        new TreeSet<>(caller.roles()).forEach(roles::add);
        ArrayNode scopes = body.putArray("scopes");
        new TreeSet<>(caller.scopes()).forEach(scopes::add);
        body.put("token_id", caller.tokenId());
        body.put("expires_at", caller.expiresAt() == null ? null : caller.expiresAt().toString());
        exchange.response().setStatus(HttpServletResponse.SC_OK);
        JsonResponse.write(exchange.response(), body);
    }
}
