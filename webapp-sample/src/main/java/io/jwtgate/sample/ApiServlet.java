package io.jwtgate.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code /api/*}: every other API resource, mapped by prefix; the exact mappings
 * {@code /api/hello} and {@code /api/messages} take precedence over it (Servlet 6.0 §12.1).
 */
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        JsonResponses.write(response, HttpServletResponse.SC_OK, JsonResponses.object()
                .put("user", principal == null ? null : principal.getName())
                .put("resource", request.getPathInfo())
                .put("message", "api area"));
    }
}
