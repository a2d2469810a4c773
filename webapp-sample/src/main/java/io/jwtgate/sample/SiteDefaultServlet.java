package io.jwtgate.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The default servlet ({@code /}): answers whatever no other mapping takes, as a container's
 * static-file servlet would. The home page is {@code /}; anything else is a JSON 404.
 */
public class SiteDefaultServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.equals("/")) {
            JsonResponses.write(response, HttpServletResponse.SC_OK, JsonResponses.object()
                    .put("message", "sample home"));
            return;
        }
        JsonResponses.write(response, HttpServletResponse.SC_NOT_FOUND, JsonResponses.object()
                .put("error", "not_found")
                .put("error_description", "sample default servlet: nothing here"));
    }
}
