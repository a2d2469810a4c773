package io.jwtgate.attack;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * An application's URL-rewriting filter ordered before JwtGate's (pretty URLs, like UrlRewriteFilter):
 * forwards {@code /pretty/<rest>} to {@code /reports/<rest>} before JwtAuthFilter sees the request.
 */
public final class RewritingFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/pretty/")) {
            request.getRequestDispatcher("/reports/" + path.substring("/pretty/".length())).forward(req, res);
            return;
        }
        chain.doFilter(req, res);
    }
}
