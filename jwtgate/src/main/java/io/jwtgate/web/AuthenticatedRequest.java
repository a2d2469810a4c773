package io.jwtgate.web;

import io.jwtgate.JwtGateAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as the application sees it after authentication: principal, remote user, roles and
 * auth type come from JwtGate, everything else from the container.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final JwtGateAuthentication authentication;
    private final Principal principal;

    public AuthenticatedRequest(HttpServletRequest request, JwtGateAuthentication authentication) {
        super(request);
        this.authentication = authentication;
        this.principal = new JwtGatePrincipal(authentication.username(), authentication.subject());
        request.setAttribute(JwtGateAuthentication.ATTRIBUTE, authentication);
        request.setAttribute("jwtgate.subject", authentication.subject());
        request.setAttribute("jwtgate.username", authentication.username());
        request.setAttribute("jwtgate.roles", authentication.roles());
        request.setAttribute("jwtgate.scopes", authentication.scopes());
        request.setAttribute("jwtgate.claims", authentication.claims());
        request.setAttribute("jwtgate.token_id", authentication.tokenId());
        request.setAttribute("jwtgate.auth_method", authentication.authMethod());
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return authentication.username();
    }

    @Override
    public boolean isUserInRole(String role) {
        // Servlet 3.1: "**" means any authenticated user unless the application declares such a role.
        return role != null && ("**".equals(role) || authentication.roles().contains(role));
    }

    @Override
    public String getAuthType() {
        return authentication.authMethod();
    }
}
