package io.jwtgate.support;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An application that starts its answer over with {@code response.reset()}, as error handling often does. */
public final class ResettingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Before-Reset", "1");
        resp.reset();
        resp.setContentType("text/plain");
        resp.getWriter().write("reset and answered as " + (req.getUserPrincipal() == null ? "nobody"
                : req.getUserPrincipal().getName()));
    }
}
