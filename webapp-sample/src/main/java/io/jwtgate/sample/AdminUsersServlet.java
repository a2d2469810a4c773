package io.jwtgate.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code GET /admin/users}: stands for an administrators' page. It performs no check of its own;
 * the {@code role:admin} rule in {@code web.xml} is what keeps everybody else out.
 */
public class AdminUsersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        JsonResponses.write(response, HttpServletResponse.SC_OK, JsonResponses.object()
                .put("admin", principal == null ? null : principal.getName())
                .put("message", "admin area"));
    }
}
