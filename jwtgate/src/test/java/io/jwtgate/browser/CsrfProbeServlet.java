package io.jwtgate.browser;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.web.SameOriginRule;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Runs {@link CsrfGuard} on the real request of a container: the expected token is the
 * {@code csrf} cookie; {@code /with-token} passes the {@code X-Test-Form-Token} header as the token an
 * endpoint parsed from its body. Answers 200 with the {@code text} field the application reads
 * afterwards, or 403.
 */
public final class CsrfProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The one origin listed besides the request's own. */
    public static final String PARTNER = "https://partner.example";

    private transient CsrfGuard guard;

    @Override
    public void init() {
        guard = new CsrfGuard(new RequestOrigin(SameOriginRule.parse(PARTNER)));
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String expected = null;
        if (req.getCookies() != null) {
            for (Cookie c : req.getCookies()) {
                if (c.getName().equals("csrf")) {
                    expected = c.getValue();
                }
            }
        }
        boolean admitted = "/with-token".equals(req.getPathInfo())
                ? guard.admitsWithToken(req, expected, req.getHeader("X-Test-Form-Token"))
                : guard.admits(req, expected);
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.put("admitted", admitted);
        if (admitted && !req.getContentType().startsWith("multipart/")) {
            body.put("text", req.getParameter("text"));
        }
        resp.setStatus(admitted ? 200 : 403);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    }
}
