package io.jwtgate.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * {@code *.do}: stands for a legacy front controller mapped by extension, which picks its action
 * from the servlet path ({@code /report.do} runs "report").
 */
public class LegacyActionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        String path = request.getServletPath();
        JsonResponses.write(response, HttpServletResponse.SC_OK, JsonResponses.object()
                .put("user", principal == null ? null : principal.getName())
                .put("action", path.substring(0, path.length() - ".do".length()))
                .put("message", "legacy action"));
    }
}
