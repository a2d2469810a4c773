package io.jwtgate.web;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.JwtGateException;
import io.jwtgate.browser.SessionCookies;
import io.jwtgate.login.LockedOutException;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.store.StoreException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The request as the application sees it once the filter let it through, anonymous or
 * authenticated: principal, remote user, roles and auth type come from JwtGate, and so do
 * {@code login}, {@code logout} and {@code authenticate} (decisions 260 to 264); everything else
 * comes from the container. Never touches the HTTP session.
 *
 * <p>The caller is shared by every wrapper of one request ({@link #forDispatch}), so a caller
 * logged out or in during a forward is the caller of the rest of the request too.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private static final System.Logger LOG = System.getLogger(AuthenticatedRequest.class.getName());

    /** The request attribute holding the caller for later dispatches of the same request. */
    static final String CALLER_ATTRIBUTE = AuthenticatedRequest.class.getName() + ".caller";

    /** The exception text of every refused {@code login}: it never tells whether the account exists. */
    static final String LOGIN_FAILED = "Login failed";

    /** The exception text of a {@code logout} whose session the store could not end. */
    static final String STORE_FAULT_LOGOUT = "The session could not be ended: the store failed";
    /** The exception text of a {@code login} the store could not check: not a failed login. */
    static final String STORE_FAULT_LOGIN = "The login could not be checked: the store failed";

    private final Caller caller;

    /**
     * @param authentication the caller, or null for a request the rules let through anonymously
     * @param security what login, logout and authenticate do
     * @param address the client address, for the lockout and the audit
     * @param response the response of the request, for {@link #startAsync()}
     */
    public AuthenticatedRequest(HttpServletRequest request, JwtGateAuthentication authentication,
            RequestSecurity security, String address, HttpServletResponse response) {
        this(request, authentication, security, address, response, null);
    }

    /**
     * @param cookies in cookie mode, JwtGate's cookies, which the application does not see
     *     (decision 667) and which {@link #logout()} of a cookie caller clears; null otherwise
     */
    public AuthenticatedRequest(HttpServletRequest request, JwtGateAuthentication authentication,
            RequestSecurity security, String address, HttpServletResponse response, SessionCookies cookies) {
        this(request, new Caller(security, address, response, cookies));
        request.setAttribute(CALLER_ATTRIBUTE, caller);
        if (authentication != null) {
            caller.become(request, authentication);
        }
    }

    private AuthenticatedRequest(HttpServletRequest request, Caller caller) {
        super(request);
        this.caller = caller;
    }

    /**
     * The request a later dispatch (forward, include, async, error) of a request JwtGate let
     * through should hand on: {@code request} itself when it still holds JwtGate's wrapper, else a
     * new wrapper of the same caller. Containers dispatch error pages, and async dispatches after
     * {@code startAsync()} on some of them, with their own request object rather than the one the
     * filter passed on (decision 265).
     */
    public static HttpServletRequest forDispatch(HttpServletRequest request) {
        for (ServletRequest r = request; r instanceof ServletRequestWrapper; r = ((ServletRequestWrapper) r).getRequest()) {
            if (r instanceof AuthenticatedRequest) {
                return request;
            }
        }
        Object value = request.getAttribute(CALLER_ATTRIBUTE);
        return value instanceof Caller ? new AuthenticatedRequest(request, (Caller) value) : request;
    }

    /**
     * The request's cookies without JwtGate's: no page or debug output can echo the session's
     * tokens to a script, the usual way around {@code HttpOnly} (decision 667).
     */
    @Override
    public Cookie[] getCookies() {
        Cookie[] all = super.getCookies();
        return caller.cookies == null ? all : caller.cookies.withoutOurs(all);
    }

    /** The {@code Cookie} header without JwtGate's cookies; any other header as the container has it. */
    @Override
    public String getHeader(String name) {
        if (caller.cookies == null || !SessionCookies.isCookieHeader(name)) {
            return super.getHeader(name);
        }
        Enumeration<String> values = getHeaders(name);
        return values.hasMoreElements() ? values.nextElement() : null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        Enumeration<String> values = super.getHeaders(name);
        if (caller.cookies == null || !SessionCookies.isCookieHeader(name)) {
            return values;
        }
        return caller.cookies.headersWithoutOurs(values);
    }

    @Override
    public Principal getUserPrincipal() {
        return caller.principal;
    }

    @Override
    public String getRemoteUser() {
        JwtGateAuthentication who = caller.authentication;
        return who == null ? null : who.username();
    }

    @Override
    public boolean isUserInRole(String role) {
        JwtGateAuthentication who = caller.authentication;
        // Servlet 3.1: "**" means any authenticated user unless the application declares such a role.
        return who != null && role != null && ("**".equals(role) || who.roles().contains(role));
    }

    @Override
    public String getAuthType() {
        JwtGateAuthentication who = caller.authentication;
        return who == null ? null : who.authMethod();
    }

    /**
     * Ends the caller's JwtGate session (a Bearer caller's {@code sid}: refresh and access tokens
     * revoked, audit {@code logout}) and clears the caller for the rest of the request. A Basic or
     * {@code login()} caller has no session: only the caller is cleared (decision 261).
     *
     * @throws ServletException when the store could not revoke the session; the caller is cleared
     *     all the same, so the request does not go on as someone whose sign-out failed
     */
    @Override
    public void logout() throws ServletException {
        JwtGateAuthentication who = caller.authentication;
        if (who == null) {
            return;
        }
        caller.clear(this);
        if (who.viaCookie() && caller.cookies != null) {
            // The browser would otherwise go on sending a revoked session's cookies.
            caller.cookies.clear(this, caller.response);
        }
        try {
            caller.security.endSession(who, caller.address);
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "logout could not revoke the session: {0}", e.getMessage());
            throw new ServletException(STORE_FAULT_LOGOUT);
        }
    }

    /**
     * Checks {@code username} and {@code password} against the JwtGate store with the login lockout
     * and address throttle, and makes that user the caller for the rest of the request (auth type
     * {@code FORM}, no token, no session: decision 262).
     *
     * @throws ServletException when a caller is already authenticated, when the name or password is
     *     wrong or locked out (one text for all three), or when the store cannot answer
     */
    @Override
    public void login(String username, String password) throws ServletException {
        if (caller.authentication != null) {
            throw new ServletException("A caller is already authenticated on this request");
        }
        if (username == null || password == null) {
            throw new ServletException(LOGIN_FAILED);
        }
        JwtGateAuthentication who;
        try {
            who = caller.security.login(username, password, caller.address);
        } catch (LoginFailedException | LockedOutException e) {
            throw new ServletException(LOGIN_FAILED);
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "login could not reach the store: {0}", e.getMessage());
            throw new ServletException(STORE_FAULT_LOGIN);
        } catch (JwtGateException e) {
            // Any other refusal of the name (too long, say) is a failed login too, told the same way.
            throw new ServletException(LOGIN_FAILED);
        }
        caller.become(this, who);
    }

    /**
     * True when JwtGate authenticated the caller; otherwise writes the filter's 401 challenge
     * ({@code WWW-Authenticate: Bearer}, and Basic while allowed) and returns false (decision 263).
     */
    @Override
    public boolean authenticate(HttpServletResponse response) throws IOException {
        if (caller.authentication != null) {
            return true;
        }
        caller.security.challenge(response);
        return false;
    }

    /**
     * Starts async processing with this wrapper: {@code startAsync()} would otherwise hand the
     * container's own request to {@link AsyncContext#getRequest()} and to the async dispatch, where
     * the caller is not visible (decision 265).
     */
    @Override
    public AsyncContext startAsync() {
        return super.startAsync(this, caller.response);
    }

    /** The caller of one request, shared by its wrappers across dispatches. */
    private static final class Caller {
        private final RequestSecurity security;
        private final String address;
        private final HttpServletResponse response;
        private final SessionCookies cookies;
        // Read by threads of AsyncContext.start as well as the request's thread; the principal is
        // set first and cleared last, so a reader that sees the authentication sees its principal.
        private volatile JwtGateAuthentication authentication;
        private volatile Principal principal;

        private Caller(RequestSecurity security, String address, HttpServletResponse response,
                SessionCookies cookies) {
            this.security = security;
            this.address = address;
            this.response = response;
            this.cookies = cookies;
        }

        private void become(ServletRequest request, JwtGateAuthentication who) {
            principal = new JwtGatePrincipal(who.username(), who.subject());
            authentication = who;
            CallerAttributes.expose(request, who);
        }

        private void clear(ServletRequest request) {
            authentication = null;
            principal = null;
            CallerAttributes.clear(request);
        }
    }
}
