package io.jwtgate.jaspic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A legacy application's "sign out" button: calls {@code request.logout()} and reports who the
 * caller was before and is after; also whether the request has an HTTP session.
 */
public final class SignOutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("before", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        try {
            req.logout();
            body.put("loggedOut", true);
        } catch (ServletException e) {
            body.put("loggedOut", false);
            body.put("failure", e.getMessage());
        }
        body.put("after", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        body.put("username", (String) req.getAttribute("jwtgate.username"));
        body.put("session", req.getSession(false) != null);
        resp.setContentType("application/json");
        resp.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    }
}
