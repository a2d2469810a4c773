package io.jwtgate.jaspic;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Legacy code asking for a login on an unconstrained page: {@code request.authenticate(response)};
 * when it returns true the caller is known and the page says who it is.
 */
public final class AuthenticateServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        if (req.authenticate(resp)) {
            resp.setContentType("text/plain");
            resp.getWriter().write(req.getUserPrincipal().getName());
        }
    }
}
