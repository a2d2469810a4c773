package io.jwtgate.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code GET /api/hello}: greets the caller. It stands for unchanged legacy code: it knows
 * nothing of JwtGate or tokens and asks the plain Servlet API who is calling.
 */
public class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        // The rules require authentication here, but legacy code should not crash if an
        // operator maps the servlet somewhere else; an anonymous caller is greeted as such.
        String name = principal == null ? null : principal.getName();
        JsonResponses.write(response, HttpServletResponse.SC_OK, JsonResponses.object()
                .put("message", "Hello, " + (name == null ? "anonymous" : name))
                .put("user", name)
                .put("admin", request.isUserInRole("admin")));
    }
}
