package io.jwtgate.web;

import io.jwtgate.JwtGateAuthentication;
import jakarta.servlet.ServletRequest;

/**
 * The request attributes through which application code sees the caller without JwtGate's classes
 * ({@code jwtgate.subject}, {@code jwtgate.roles}, …) and the {@link JwtGateAuthentication} itself;
 * one list for {@link AuthenticatedRequest} and for the Jakarta Authentication module, where the
 * container rather than a wrapper carries the principal.
 */
public final class CallerAttributes {

    /** Every attribute {@link #expose} sets, for {@link #clear}. */
    private static final String[] NAMES = {JwtGateAuthentication.ATTRIBUTE, "jwtgate.subject", "jwtgate.username",
        "jwtgate.roles", "jwtgate.scopes", "jwtgate.claims", "jwtgate.token_id", "jwtgate.auth_method",
        CallerAttributes.CSRF_TOKEN};

    /** The CSRF token of a cookie caller, for pages and JSP EL ({@code ${requestScope['jwtgate.csrf_token']}}). */
    public static final String CSRF_TOKEN = "jwtgate.csrf_token";

    private CallerAttributes() {
    }

    /** Sets the caller's attributes on {@code request}. */
    public static void expose(ServletRequest request, JwtGateAuthentication caller) {
        request.setAttribute(JwtGateAuthentication.ATTRIBUTE, caller);
        request.setAttribute("jwtgate.subject", caller.subject());
        request.setAttribute("jwtgate.username", caller.username());
        request.setAttribute("jwtgate.roles", caller.roles());
        request.setAttribute("jwtgate.scopes", caller.scopes());
        request.setAttribute("jwtgate.claims", caller.claims());
        request.setAttribute("jwtgate.token_id", caller.tokenId());
        request.setAttribute("jwtgate.auth_method", caller.authMethod());
        if (caller.csrfToken() != null) {
            request.setAttribute(CSRF_TOKEN, caller.csrfToken());
        }
    }

    /** Removes them again: after {@code request.logout()} the caller is gone. */
    public static void clear(ServletRequest request) {
        for (String name : NAMES) {
            request.removeAttribute(name);
        }
    }
}
