package io.jwtgate.support;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * An application's URL-rewrite filter, as legacy applications have them: forwards {@code /old/X}
 * to {@code /X} and lets every other request go on. Public because containers create it by name.
 */
public class ForwardingFilter implements Filter {

    static final String PREFIX = "/old";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith(PREFIX + "/")) {
            request.getRequestDispatcher(path.substring(PREFIX.length())).forward(req, res);
            return;
        }
        chain.doFilter(req, res);
    }
}
