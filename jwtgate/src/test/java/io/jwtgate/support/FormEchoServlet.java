package io.jwtgate.support;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * An application page of cookie mode: reports the caller, whether it came by cookie, the CSRF
 * token the page would render, the cookies and {@code Cookie} headers the application sees, and
 * the form field {@code text} read through {@code getParameter}.
 */
public final class FormEchoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("reached", "app");
        body.put("principal", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        body.put("authType", req.getAuthType());
        body.put("viaCookie", JwtGateAuthentication.of(req).map(JwtGateAuthentication::viaCookie).orElse(false));
        body.put("csrfToken", JwtGateAuthentication.of(req).map(JwtGateAuthentication::csrfToken).orElse(null));
        body.put("csrfAttribute", (String) req.getAttribute("jwtgate.csrf_token"));
        ArrayNode cookies = body.putArray("cookies");
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                cookies.add(c.getName());
            }
        }
        ArrayNode headers = body.putArray("cookieHeaders");
        Collections.list(req.getHeaders("Cookie")).forEach(headers::add);
        body.put("cookieHeader", req.getHeader("Cookie"));
        if ("POST".equals(req.getMethod())) {
            body.put("text", req.getParameter("text"));
        }
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        // An application that caches its pages: ignored on a response that carries tokens.
        resp.setHeader("Cache-Control", "public, max-age=3600");
        resp.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    }
}
