package io.jwtgate.attack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * The application behind the cookie-mode attack: answers with the caller and every cookie it can
 * see, and never reads a parameter or the body, so a 500 or a parse of the body can only come from
 * the filter in front of it.
 */
public final class CookieProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("reached", "app");
        body.put("principal", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        body.put("admin", req.isUserInRole("admin"));
        ArrayNode cookies = body.putArray("cookies");
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                cookies.add(c.getName() + "=" + c.getValue());
            }
        }
        ArrayNode headers = body.putArray("cookieHeaders");
        Collections.list(req.getHeaders("Cookie")).forEach(headers::add);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    }
}
