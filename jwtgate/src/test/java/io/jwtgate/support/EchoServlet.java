package io.jwtgate.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeSet;

/**
 * The "application": reports what it sees of the caller through the plain Servlet API, and which
 * mapping served the request ({@code servlet}, {@code match}), so a test can tell that a path
 * reached, say, the {@code /admin/*} servlet.
 */
public final class EchoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("reached", "app");
        body.put("path", req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo()));
        body.put("servlet", getServletName());
        body.put("match", String.valueOf(req.getHttpServletMapping().getMappingMatch()));
        body.put("principal", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        body.put("remoteUser", req.getRemoteUser());
        body.put("authType", req.getAuthType());
        body.put("isAdmin", req.isUserInRole("admin"));
        body.put("isUser", req.isUserInRole("user"));
        body.put("subject", (String) req.getAttribute("jwtgate.subject"));
        body.put("username", (String) req.getAttribute("jwtgate.username"));
        body.put("tokenId", (String) req.getAttribute("jwtgate.token_id"));
        body.put("authMethod", (String) req.getAttribute("jwtgate.auth_method"));
        Object roles = req.getAttribute("jwtgate.roles");
        body.put("roles", roles == null ? null : new TreeSet<>((java.util.Set<?>) roles).toString());
        Object scopes = req.getAttribute("jwtgate.scopes");
        body.put("scopes", scopes == null ? null : new TreeSet<>((java.util.Set<?>) scopes).toString());
        Object claims = req.getAttribute("jwtgate.claims");
        body.put("claimIss", claims == null ? null : String.valueOf(((java.util.Map<?, ?>) claims).get("iss")));
        body.put("typed", JwtGateAuthentication.of(req).map(JwtGateAuthentication::username).orElse(null));
        resp.setContentType("application/json");
        resp.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    }
}
