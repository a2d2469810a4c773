package io.jwtgate.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code /admin/*}: the rest of the administrators' area, mapped by prefix as legacy applications
 * usually do. Like {@link AdminUsersServlet} it performs no check of its own: the
 * {@code role:admin} rule is all that keeps others out, so a path that reaches this servlet while
 * the rules judge it as some other path would be a bypass.
 */
public class AdminAreaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        JsonResponses.write(response, HttpServletResponse.SC_OK, JsonResponses.object()
                .put("admin", principal == null ? null : principal.getName())
                .put("page", request.getPathInfo())
                .put("message", "admin area"));
    }
}
