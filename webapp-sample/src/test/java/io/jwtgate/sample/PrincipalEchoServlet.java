package io.jwtgate.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

/**
 * The one servlet of the application {@link FragmentAppIT} builds: answers the caller's
 * principal name, or {@code anonymous}, as plain text. Public because the containers
 * instantiate it by name from web.xml.
 */
public class PrincipalEchoServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((principal == null ? "anonymous" : principal.getName())
                .getBytes(StandardCharsets.UTF_8));
    }
}
