package io.jwtgate.sample;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * A legacy URL-rewrite filter (like UrlRewriteFilter or a "friendly URL" filter) declared in the
 * application's own web.xml: /old/X is forwarded to /X, everything else goes down the chain.
 * Public because containers instantiate it by name.
 */
public class RewriteFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/old/")) {
            request.getRequestDispatcher(path.substring(4)).forward(req, res);
            return;
        }
        chain.doFilter(req, res);
    }
}
