package io.jwtgate.jaspic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Reports the caller and whether anything before the application created an HTTP session. */
public final class SessionProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("principal", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        body.put("session", req.getSession(false) != null);
        resp.setContentType("application/json");
        resp.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    }
}
