package io.jwtgate.attack;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A legacy page that keeps an HTTP session (a shopping cart, a locale), the way most legacy
 * applications do whatever their authentication is; answers with the caller it sees.
 */
public final class SessionMakingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        req.getSession(true).setAttribute("cart", "3 items");
        resp.setContentType("text/plain");
        resp.getWriter().write("caller=" + (req.getUserPrincipal() == null ? "none" : req.getUserPrincipal().getName()));
    }
}
