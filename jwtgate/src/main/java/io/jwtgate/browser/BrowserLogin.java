package io.jwtgate.browser;

import io.jwtgate.config.CookieSettings;
import io.jwtgate.login.InvalidScopeException;
import io.jwtgate.login.LockedOutException;
import io.jwtgate.login.LoginFailedException;
import io.jwtgate.login.TooManyRequestsException;
import io.jwtgate.session.TokenPair;
import io.jwtgate.web.ApiException;
import io.jwtgate.web.SameOriginRule;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The browser side of LoginServlet in cookie mode (decisions 662 to 664): the login page, the form
 * login that answers with cookies and a 303 instead of JSON, and the cookie logout. Failures are
 * rendered as the page itself with a meaningful status (401, 403, 429), never redirected with an
 * error parameter, so nothing in a URL can make the page show a message (no PRG on failure).
 *
 * <p>Login CSRF: the page sets a CSRF cookie before there is a session and echoes it in the form;
 * the login checks the echo against the cookie and the request's origin, so another site cannot
 * log a victim's browser into the attacker's account.
 */
public final class BrowserLogin {

    /** The login's form field naming where to go after success. */
    public static final String REDIRECT_FIELD = "redirect";
    /** The query parameter the logout's redirect adds to the login page's address. */
    public static final String LOGGED_OUT = "logged_out";

    /** Request attribute of a custom login page ({@code jwtgate.cookie.login-page}): the form's target. */
    public static final String ACTION_ATTRIBUTE = "jwtgate.login.action";
    /** Request attribute of a custom login page: the checked target, for a hidden {@code redirect} field. */
    public static final String REDIRECT_ATTRIBUTE = "jwtgate.login.redirect";
    /** Request attribute of a custom login page: the CSRF token, for a hidden {@code _csrf} field. */
    public static final String CSRF_ATTRIBUTE = "jwtgate.csrf_token";
    /**
     * Request attribute of a custom login page: null, or the previous attempt's problem,
     * {@code credentials}, {@code locked}, {@code throttled}, {@code csrf} or {@code incomplete}.
     */
    public static final String ERROR_ATTRIBUTE = "jwtgate.login.error";
    /** Request attribute of a custom login page: seconds until a retry (a {@code Long}) while locked or throttled. */
    public static final String RETRY_AFTER_ATTRIBUTE = "jwtgate.login.retry_after";
    /** Request attribute of a custom login page: {@code logged_out} right after a logout, else null. */
    public static final String NOTICE_ATTRIBUTE = "jwtgate.login.notice";

    private static final String FORM = "application/x-www-form-urlencoded";

    private final boolean enabled;
    private final String customPage;
    private final SessionCookies cookies;
    private final CsrfTokens tokens = new CsrfTokens();
    private final CsrfGuard guard;
    private final String challenge;

    /**
     * @param settings the cookie settings; with cookie mode off nothing here is ever used
     * @param allowedOrigins {@code jwtgate.allowed-origins}, the origins besides the request's own
     * @param challenge the {@code WWW-Authenticate} value of a failed login (RFC 9110 §15.5.2 wants one on a 401)
     */
    public BrowserLogin(CookieSettings settings, SameOriginRule allowedOrigins, String challenge) {
        this.enabled = settings.enabled();
        this.customPage = settings.loginPage().orElse(null);
        this.cookies = new SessionCookies(settings);
        this.guard = new CsrfGuard(new RequestOrigin(allowedOrigins));
        this.challenge = challenge;
    }

    /** Whether cookie mode is on. */
    public boolean enabled() {
        return enabled;
    }

    /** JwtGate's cookies as this application names them. */
    public SessionCookies cookies() {
        return cookies;
    }

    /**
     * Whether a login is a browser's (decision 663): cookie mode is on, the body is a form, and the
     * browser asks for HTML or the form names a {@code redirect}. Everything else keeps the JSON
     * answer, so API clients posting forms are not affected.
     *
     * @param mediaType the body's media type, lower case without parameters
     */
    public boolean isBrowserLogin(HttpServletRequest request, String mediaType, Map<String, String> form) {
        return enabled && FORM.equals(mediaType)
                && (BrowserRequests.wantsHtml(request) || form.containsKey(REDIRECT_FIELD));
    }

    /** Whether a request whose body is not read yet would be a browser login, judged by its headers alone. */
    public boolean looksLikeBrowserLogin(HttpServletRequest request, String mediaType) {
        return enabled && FORM.equals(mediaType) && BrowserRequests.wantsHtml(request);
    }

    /**
     * {@code GET /auth/login}: the page, with the request's {@code redirect} checked and the
     * signed-out notice when {@code logged_out} is present.
     */
    public void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String redirect = SafeRedirect.target(request.getParameter(REDIRECT_FIELD), request.getContextPath());
        show(request, response, HttpServletResponse.SC_OK, redirect, null, 0,
                request.getParameter(LOGGED_OUT) != null);
    }

    /**
     * {@code POST /auth/login} from a browser: the CSRF and origin check, then {@code attempt} (the
     * login the JSON endpoint runs too), then the cookies and a 303 to the checked {@code redirect}.
     *
     * @param form the parsed form body
     * @param attempt runs the login; its failures become the page
     */
    public void login(HttpServletRequest request, HttpServletResponse response, Map<String, String> form,
            Supplier<TokenPair> attempt) throws IOException {
        String redirect = SafeRedirect.target(form.get(REDIRECT_FIELD), request.getContextPath());
        SessionCookies.CookieJar jar = cookies.read(request);
        if (jar.repeated() || !guard.admitsWithToken(request, jar.csrf(), form.get(CsrfGuard.FIELD))) {
            show(request, response, HttpServletResponse.SC_FORBIDDEN, redirect, LoginPage.Problem.CSRF, 0, false);
            return;
        }
        TokenPair pair;
        try {
            pair = attempt.get();
        } catch (LoginFailedException e) {
            // The same page for a wrong password and an unknown name; the timing is equal already.
            response.setHeader("WWW-Authenticate", challenge);
            show(request, response, HttpServletResponse.SC_UNAUTHORIZED, redirect, LoginPage.Problem.CREDENTIALS, 0,
                    false);
            return;
        } catch (LockedOutException e) {
            throttled(request, response, redirect, LoginPage.Problem.LOCKED, e.retryAfterSeconds());
            return;
        } catch (TooManyRequestsException e) {
            throttled(request, response, redirect, LoginPage.Problem.THROTTLED, e.retryAfterSeconds());
            return;
        } catch (InvalidScopeException e) {
            // The page sends no scopes; a form that does and asks too much is a client's mistake.
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, redirect, LoginPage.Problem.INCOMPLETE, 0,
                    false);
            return;
        } catch (ApiException e) {
            if (e.error().status() != HttpServletResponse.SC_BAD_REQUEST) {
                throw e;
            }
            // A missing or empty field (browsers enforce "required", other clients may not).
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, redirect, LoginPage.Problem.INCOMPLETE, 0,
                    false);
            return;
        }
        // A new CSRF token with the session: one known before the login (the page's) does not carry over.
        cookies.issue(request, response, pair, tokens.generate());
        seeOther(response, redirect);
    }

    /** A browser login refused because the address spent its request budget: the page, 429. */
    public void budgetSpent(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        throttled(request, response, SafeRedirect.target(null, request.getContextPath()), LoginPage.Problem.THROTTLED,
                retryAfterSeconds);
    }

    /**
     * Whether {@code POST /auth/logout} is a cookie logout: cookie mode on, a session cookie, and no
     * {@code Authorization} header (a request with both is answered as the API logout it also is).
     */
    public boolean isCookieLogout(HttpServletRequest request) {
        return enabled && request.getHeader("Authorization") == null && cookies.read(request).hasSession();
    }

    /**
     * The CSRF and origin check of a cookie logout; false means 403 and the session lives.
     *
     * @param formToken the {@code _csrf} field of the body, or null
     */
    public boolean admitsLogout(HttpServletRequest request, SessionCookies.CookieJar jar, String formToken) {
        return !jar.repeated() && guard.admitsWithToken(request, jar.csrf(), formToken);
    }

    /**
     * Finishes a cookie logout whose session has been ended: all three cookies cleared (the CSRF
     * token rotates with the session) and a 303 to the login page with its signed-out notice.
     */
    public void loggedOut(HttpServletRequest request, HttpServletResponse response) {
        cookies.clear(request, response);
        seeOther(response, request.getContextPath() + request.getServletPath() + "/login?" + LOGGED_OUT);
    }

    private void throttled(HttpServletRequest request, HttpServletResponse response, String redirect,
            LoginPage.Problem problem, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        show(request, response, 429, redirect, problem, retryAfterSeconds, false);
    }

    /**
     * Shows the login page: the custom one through a forward with the request attributes, else the
     * built-in one. A request without a well-formed CSRF cookie gets one here.
     */
    private void show(HttpServletRequest request, HttpServletResponse response, int status, String redirect,
            LoginPage.Problem problem, long retryAfterSeconds, boolean loggedOut) throws IOException {
        String csrf = csrfToken(request, response);
        String action = request.getContextPath() + request.getServletPath() + "/login";
        if (customPage == null) {
            LoginPage.write(response, status, new LoginPage.Content(action, csrf, redirect, problem, retryAfterSeconds,
                    loggedOut && problem == null));
            return;
        }
        request.setAttribute(ACTION_ATTRIBUTE, action);
        request.setAttribute(REDIRECT_ATTRIBUTE, redirect);
        request.setAttribute(CSRF_ATTRIBUTE, csrf);
        request.setAttribute(ERROR_ATTRIBUTE, problem == null ? null : problem.code());
        request.setAttribute(RETRY_AFTER_ATTRIBUTE, problem == null || retryAfterSeconds <= 0 ? null : retryAfterSeconds);
        request.setAttribute(NOTICE_ATTRIBUTE, loggedOut && problem == null ? LOGGED_OUT : null);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        try {
            request.getRequestDispatcher(customPage).forward(request, response);
        } catch (ServletException e) {
            // The application's page failed: a server fault, answered 500 by LoginServlet.
            throw new IllegalStateException("the login page " + customPage + " failed", e);
        }
    }

    /** The request's CSRF cookie when well formed, else a new token set as the cookie. */
    private String csrfToken(HttpServletRequest request, HttpServletResponse response) {
        SessionCookies.CookieJar jar = cookies.read(request);
        if (!jar.repeated() && CsrfTokens.wellFormed(jar.csrf())) {
            return jar.csrf();
        }
        String token = tokens.generate();
        cookies.setCsrf(request, response, token);
        return token;
    }

    /** 303 with a relative {@code Location} (RFC 9110 §10.2.2), never {@code sendRedirect}, which may make it absolute. */
    private static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
        response.setContentLength(0);
    }
}
