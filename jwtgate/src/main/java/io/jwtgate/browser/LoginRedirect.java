package io.jwtgate.browser;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The answer to an anonymous browser request for a protected page in cookie mode (decision 660):
 * 303 to the login page with the page as {@code redirect}, instead of a 401 a browser can only
 * show as an error or a Basic dialog. API clients, which do not ask for HTML, keep the 401.
 */
public final class LoginRedirect {

    private final String loginPath;

    /**
     * @param loginPath the login page within the application, e.g. {@code /auth/login} (the
     *     LoginServlet's mapping followed by {@code /login})
     */
    public LoginRedirect(String loginPath) {
        this.loginPath = loginPath;
    }

    /** Whether an {@code unauthorized} refusal of {@code request} should become this redirect. */
    public static boolean applies(HttpServletRequest request) {
        return BrowserRequests.wantsHtml(request);
    }

    /** The {@code Location}: the login page with the checked original target as {@code redirect}. */
    public String location(HttpServletRequest request) {
        String context = request.getContextPath();
        String uri = request.getRequestURI();
        String query = request.getQueryString();
        String target = SafeRedirect.target(query == null ? uri : uri + "?" + query, context);
        return context + loginPath + "?redirect=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    /** Writes the 303, relative (RFC 9110 §10.2.2), never through {@code sendRedirect}. */
    public void send(HttpServletRequest request, HttpServletResponse response) {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location(request));
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
    }
}
