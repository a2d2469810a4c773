package io.jwtgate;

import io.jwtgate.browser.CookieAuthentication;
import io.jwtgate.browser.CookieHidingRequest;
import io.jwtgate.browser.CookieResponse;
import io.jwtgate.browser.LoginRedirect;
import io.jwtgate.browser.SessionCookies;
import io.jwtgate.config.CookieSettings;
import io.jwtgate.config.EnforcementMode;
import io.jwtgate.issuers.IssuerKeysUnavailableException;
import io.jwtgate.report.Enforcement;
import io.jwtgate.report.Refusal;
import io.jwtgate.report.RefusalReason;
import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.AccessRules;
import io.jwtgate.rules.PathNormalizer;
import io.jwtgate.store.StoreUnavailableException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.AuthOutcome;
import io.jwtgate.web.AuthenticatedRequest;
import io.jwtgate.web.Authorizer;
import io.jwtgate.web.RequestBodies;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates Bearer tokens (and Basic credentials when allowed), applies
 * {@code jwtgate.rules}, and hands the application a request whose principal, remote user, roles
 * and auth type are the caller's. Declare it on {@code /*} in {@code web.xml}, or rely on the
 * jar's {@code web-fragment.xml}.
 *
 * <p>Requests to the {@link LoginServlet} pass through untouched: its endpoints authenticate
 * themselves, and the default rule {@code /** -> authenticated} must not lock out login.
 *
 * <p>In cookie mode ({@code jwtgate.cookie.enabled}) a request without an {@code Authorization}
 * header is authenticated by JwtGate's session cookie instead ({@link CookieAuthentication}): unsafe
 * methods must pass the CSRF check, an expired access cookie is refreshed once before the
 * application runs, and an anonymous browser asking for a protected page is sent to the login
 * page with a 303 ({@link LoginRedirect}) rather than answered 401.
 *
 * <p>Each request is judged once: a request this filter already let through or answered passes
 * any later dispatch (forward, include, async, error) with the same caller, while a forward of a
 * request it never saw (an application filter ordered before it forwarded) is judged in full, on
 * the forward target's path, and an error dispatch of such a request on the error page's path
 * (decision 266).
 */
public class JwtAuthFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(JwtAuthFilter.class.getName());

    /** The rules in JASPIC mode when none are set: the container's constraints alone decide. */
    private static final AccessRules PERMIT_ALL = AccessRules.parse("/** -> permit");

    /** Request attribute marking a request this filter instance has judged (decision 198). */
    static final String JUDGED_ATTRIBUTE = JwtAuthFilter.class.getName() + ".judged";

    private ServletContext context;
    private JwtGate gate;
    private Set<String> loginServlets = Set.of();
    // Only this instance holds the value: an application cannot forge "already judged" by setting the attribute.
    private final Object judgedMarker = new Object();
    // jwtgate.jaspic.enabled: the container's constraints and JwtGate's JASPIC module judge (decision 215).
    private boolean jaspicMode;
    // jwtgate.enforcement=report-only: anonymous requests pass as the container made them (decision 297).
    private boolean reportOnly;
    private AccessRules rules;
    // jwtgate.cookie.enabled: the session cookie authenticates and browsers go to the login page
    // (decision 650); both null when cookie mode is off.
    private CookieAuthentication cookieAuth;
    private LoginRedirect loginRedirect;

    @Override
    public void init(FilterConfig config) throws ServletException {
        this.context = config.getServletContext();
        Map<String, String> params = new HashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        this.gate = SharedInstance.acquire(context, params);
        this.loginServlets = Set.copyOf(SharedInstance.loginServletNames(context));
        this.jaspicMode = gate.settings().rules().jaspicEnabled();
        this.reportOnly = gate.settings().rules().enforcement() == EnforcementMode.REPORT_ONLY;
        // In JASPIC mode the container's constraints decide and only rules set on purpose apply on top
        // (decision 214); the filter judges what the module was not asked about (decision 306).
        this.rules = jaspicMode && !gate.settings().rules().rulesConfigured() ? PERMIT_ALL : gate.settings().rules().accessRules();
        if (jaspicMode) {
            LOG.log(Level.INFO, "JwtAuthFilter of {0} leaves requests the Jakarta Authentication module judged to"
                    + " the container's security constraints (jwtgate.jaspic.enabled=true) and judges the others",
                    SharedInstance.displayPath(context));
        } else {
            // With JASPIC on, the container's constraints are meant to stay: nothing to warn about.
            ContainerSecurityCheck.warnIfContainerAuthenticatesFirst(context);
        }
        CookieSettings cookies = gate.settings().cookies();
        if (cookies.enabled()) {
            cookieAuth = new CookieAuthentication(cookies, gate.authenticator(), gate.sessions(),
                    gate.settings().web().sameOrigin());
            loginRedirect = new LoginRedirect(loginPagePath());
            warnAboutCookies(cookies);
        }
    }

    /** The login page within the application: the LoginServlet's mapping, then {@code /login}. */
    private String loginPagePath() {
        for (String name : loginServlets) {
            jakarta.servlet.ServletRegistration registration = context.getServletRegistration(name);
            if (registration == null) {
                continue;
            }
            for (String mapping : registration.getMappings()) {
                if (mapping.startsWith("/") && mapping.endsWith("/*")) {
                    return mapping.substring(0, mapping.length() - 2) + "/login";
                }
            }
        }
        return "/auth/login";
    }

    private void warnAboutCookies(CookieSettings cookies) {
        if (cookies.insecureLocalhost()) {
            LOG.log(Level.WARNING, "jwtgate.cookie.insecure-localhost=true in {0}: plain-http requests to localhost"
                    + " get session cookies without Secure and without the __Host- prefix; for development only",
                    SharedInstance.displayPath(context));
        }
        if (!context.getContextPath().isEmpty() && CookieSettings.DEFAULT_NAME.equals(cookies.name())) {
            // __Host- cookies belong to the host, not the context: two applications would overwrite each other's.
            LOG.log(Level.WARNING, "cookie mode in {0} uses the default jwtgate.cookie.name; applications sharing"
                    + " this host share its cookies, so give each one its own name",
                    SharedInstance.displayPath(context));
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
            throw new ServletException("JwtAuthFilter handles HTTP requests only");
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (jaspicMode && request.getDispatcherType() == DispatcherType.REQUEST && gate.judgedByModule(request)) {
            // The module judged it and the container's constraints let it through: the application's
            // login/logout/authenticate are JwtGate's all the same (decision 306).
            request.setAttribute(JUDGED_ATTRIBUTE, judgedMarker);
            chain.doFilter(new AuthenticatedRequest(request, moduleCaller(request), gate.servletSecurity(),
                    gate.settings().web().trustedProxies().clientAddress(request), response), response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST && judged(request)) {
            // Judged already; the caller stays visible where the container dispatches its own request (decision 265).
            chain.doFilter(AuthenticatedRequest.forDispatch(request), response);
            return;
        }
        if (targetsLoginServlet(request)) {
            chain.doFilter(request, response);
            return;
        }
        // Marked before judging, so an error dispatch of the answer written below is not judged again.
        request.setAttribute(JUDGED_ATTRIBUTE, judgedMarker);
        HttpServletRequest passOn = null;
        CookieResponse cookieResponse = cookieAuth == null ? null : new CookieResponse(response);
        try {
            passOn = admit(request, response, cookieResponse);
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "store unavailable while authenticating: {0}", e.getMessage());
            gate.metrics().storeUnavailable();
            gate.errors().write(response, AuthError.unavailable());
        } catch (IssuerKeysUnavailableException e) {
            // The token may be good: an identity provider's outage is not the caller's fault (decision 436).
            LOG.log(Level.WARNING, "trusted issuer keys unavailable while authenticating: {0}", e.getMessage());
            gate.errors().write(response, AuthError.unavailable());
        } catch (RuntimeException e) {
            // Our own fault, never the caller's: a 500 with a plain body, never a 401.
            LOG.log(Level.ERROR, "JwtAuthFilter failed", e);
            gate.errors().write(response, AuthError.serverError());
        }
        if (passOn != null) {
            chain.doFilter(passOn, cookieResponse != null && cookieResponse.setsCookies() ? cookieResponse : response);
        } else {
            // Answered here: drop what is left of a small body, so the connection stays usable (decision 160).
            RequestBodies.discardUnread(request);
        }
    }

    /**
     * The request to pass on, or null when an error answer was written. Every refusal goes through
     * {@link Enforcement#refuse}: enforcing, it writes the error; in report-only mode it audits a
     * {@code would_refuse} and the request passes on, anonymous when its credentials were bad, and
     * reported once (a later check of the same request is skipped, decision 246).
     */
    private HttpServletRequest admit(HttpServletRequest request, HttpServletResponse response,
            CookieResponse cookieResponse) throws IOException {
        Enforcement enforcement = gate.enforcement();
        String[] path = PathNormalizer.normalizedSegments(request.getServletPath(), request.getPathInfo());
        if (path == null) {
            // The rules would judge another path than the one the container serves (spec §5).
            return enforcement.refuse(response, new Refusal(RefusalReason.PATH_REFUSED,
                    AuthError.refusedPath(), false, null, request, null)) ? null : passedAsMade(request);
        }
        AccessRule rule = rules.match(request.getMethod(), path);
        boolean reported = false;
        if (Authorizer.deniesAll(rule)) {
            if (enforcement.refuse(response, new Refusal(RefusalReason.DENIED, AuthError.forbidden(), false, rule,
                    request, null))) {
                return null;
            }
            reported = true;
        }
        String address = gate.settings().web().trustedProxies().clientAddress(request);
        AuthOutcome outcome = gate.metrics().authenticate(() -> cookieAuth != null
                ? cookieAuth.authenticate(request, cookieResponse, address)
                : gate.authenticator().authenticate(request, address));
        if (outcome instanceof AuthOutcome.Rejected) {
            AuthError error = ((AuthOutcome.Rejected) outcome).error();
            boolean answered = !reported && enforcement.refuse(response, new Refusal(
                    RefusalReason.ofRejectedCredentials(error), error, true, rule, request, null));
            return answered ? null : passedAsMade(request);
        }
        JwtGateAuthentication caller = outcome instanceof AuthOutcome.Authenticated
                ? ((AuthOutcome.Authenticated) outcome).authentication() : null;
        Optional<AuthError> denied = reported ? Optional.empty() : Authorizer.decide(rule, caller);
        if (denied.isPresent() && loginRedirect != null && !reportOnly && "unauthorized".equals(denied.get().error())
                && LoginRedirect.applies(request)) {
            // A browser asking for a page gets the login page rather than a 401 it can only show as an error.
            loginRedirect.send(request, response);
            return null;
        }
        if (denied.isPresent() && enforcement.refuse(response, new Refusal(RefusalReason.ofRuleDecision(denied.get()),
                denied.get(), true, rule, request, caller == null ? null : caller.username()))) {
            return null;
        }
        if (caller == null) {
            // Report-only changes nothing the application sees but a good caller: a caller the
            // container authenticated itself stays visible (decision 297).
            return reportOnly ? passedAsMade(request)
                    : new AuthenticatedRequest(request, null, gate.servletSecurity(), address, responseFor(response,
                            cookieResponse), hiddenCookies());
        }
        if (JwtGateAuthentication.BASIC.equals(caller.authMethod())) {
            gate.basicNotice().apply(response, caller, address);
        }
        return new AuthenticatedRequest(request, caller, gate.servletSecurity(), address,
                responseFor(response, cookieResponse), hiddenCookies());
    }

    /**
     * A request report-only mode passes on as the container made it: in cookie mode without
     * JwtGate's cookies, which the application never sees (decision 667).
     */
    private HttpServletRequest passedAsMade(HttpServletRequest request) {
        return cookieAuth == null ? request : new CookieHidingRequest(request, cookieAuth.cookies());
    }

    /** The response the application gets: the cookie wrapper when the filter set cookies on it. */
    private static HttpServletResponse responseFor(HttpServletResponse response, CookieResponse cookieResponse) {
        return cookieResponse != null && cookieResponse.setsCookies() ? cookieResponse : response;
    }

    /** JwtGate's cookies, hidden from the application in cookie mode (decision 667); null otherwise. */
    private SessionCookies hiddenCookies() {
        return cookieAuth == null ? null : cookieAuth.cookies();
    }

    /**
     * The caller the module gave the container, read back from its attribute; trusted only with the
     * module's mark and when the container reports the same user.
     */
    private static JwtGateAuthentication moduleCaller(HttpServletRequest request) {
        Optional<JwtGateAuthentication> caller = JwtGateAuthentication.of(request);
        java.security.Principal principal = request.getUserPrincipal();
        if (caller.isEmpty() || principal == null || !principal.getName().equals(caller.get().username())) {
            return null;
        }
        return caller.get();
    }

    private boolean judged(HttpServletRequest request) {
        return request.getAttribute(JUDGED_ATTRIBUTE) == judgedMarker;
    }

    private boolean targetsLoginServlet(HttpServletRequest request) {
        if (loginServlets.isEmpty()) {
            return false;
        }
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping != null && loginServlets.contains(mapping.getServletName());
    }

    @Override
    public void destroy() {
        if (context != null) {
            SharedInstance.release(context);
        }
    }
}
