package io.jwtgate.support;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An application's own access filter, ordered before JwtGate's: answers {@code /refused/...} with
 * {@code sendError(403)} (so the container dispatches the 403 error page) and lets every other
 * request go on. Public because containers create it by name.
 */
public class RefusingFilter implements Filter {

    /** The paths this filter refuses. */
    public static final String PREFIX = "/refused/";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith(PREFIX)) {
            ((HttpServletResponse) res).sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(req, res);
    }
}
