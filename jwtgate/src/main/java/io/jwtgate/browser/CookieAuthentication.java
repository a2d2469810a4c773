package io.jwtgate.browser;

import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.config.CookieSettings;
import io.jwtgate.session.RefreshFailedException;
import io.jwtgate.session.RefreshResult;
import io.jwtgate.session.SessionService;
import io.jwtgate.token.VerifiedToken;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.AuthOutcome;
import io.jwtgate.web.Authenticator;
import io.jwtgate.web.SameOriginRule;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;

/**
 * The filter's authentication in cookie mode (decisions 653 to 655): a request with an
 * {@code Authorization} header and no session cookie goes to the {@link Authenticator} as before;
 * one with a session cookie and no header is authenticated by the cookie, with a silent refresh
 * when the access token has expired; one with both is refused.
 *
 * <p>In order, for a cookie request:
 * <ol>
 * <li>a repeated JwtGate cookie, or a header beside a session cookie: 400;</li>
 * <li>an unsafe method must pass the {@link CsrfGuard} on the cookie values alone, before anything
 * is refreshed, so a forged request rotates nothing: 403 otherwise;</li>
 * <li>a valid access cookie authenticates;</li>
 * <li>otherwise the refresh cookie is spent once ({@link SessionService#refreshForCookie}) and the
 * new cookies are set on the response before the application runs;</li>
 * <li>a refresh that fails clears the cookies, and the request goes on anonymous: the rules decide,
 * so a public page still renders (decision 654). A store fault propagates (503), and the cookies are
 * kept: an outage must not log anyone out.</li>
 * </ol>
 */
public final class CookieAuthentication {

    private static final System.Logger LOG = System.getLogger(CookieAuthentication.class.getName());

    private final SessionCookies cookies;
    private final CsrfGuard guard;
    private final CsrfTokens csrfTokens = new CsrfTokens();
    private final Authenticator authenticator;
    private final SessionService sessions;
    private final Duration grace;

    public CookieAuthentication(CookieSettings settings, Authenticator authenticator, SessionService sessions,
            SameOriginRule allowedOrigins) {
        this.cookies = new SessionCookies(settings);
        this.guard = new CsrfGuard(new RequestOrigin(allowedOrigins));
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.grace = settings.refreshGrace();
    }

    /** The cookies of this application, for hiding them from it. */
    public SessionCookies cookies() {
        return cookies;
    }

    /**
     * @param response the response the application will get: every cookie set is remembered on it
     * @param address the client address, for the audit of a refresh
     */
    public AuthOutcome authenticate(HttpServletRequest request, CookieResponse response, String address) {
        SessionCookies.CookieJar jar = cookies.read(request);
        boolean header = request.getHeader("Authorization") != null;
        if (jar.repeated()) {
            return new AuthOutcome.Rejected(AuthError.repeatedCookie());
        }
        if (!jar.hasSession()) {
            // A CSRF cookie alone is no session: the login page sets it before there is one.
            return authenticator.authenticate(request, address);
        }
        if (header) {
            return new AuthOutcome.Rejected(AuthError.bothCookieAndHeader());
        }
        if (Authenticator.queryCarriesToken(request)) {
            return new AuthOutcome.Rejected(AuthError.invalidRequest(Authenticator.QUERY_TOKEN_REFUSED));
        }
        boolean unsafe = CsrfGuard.changesState(request.getMethod());
        if (unsafe && !guard.admits(request, jar.csrf())) {
            LOG.log(Level.DEBUG, "a cookie request that changes state failed the CSRF check: refused");
            return new AuthOutcome.Rejected(AuthError.csrfRefused());
        }
        Optional<VerifiedToken> token = jar.access() == null ? Optional.empty()
                : authenticator.verifyBearer(jar.access()).filter(t -> t.trustedIssuer() == null);
        if (token.isEmpty() && jar.refresh() != null) {
            token = refresh(request, response, jar.refresh(), address);
        }
        if (token.isEmpty()) {
            // A stale cookie is no attack: clear it and let the rules judge an anonymous request.
            response.remember(cookies.clear(request, response));
            return AuthOutcome.ANONYMOUS;
        }
        String csrf = jar.csrf();
        if (!CsrfTokens.wellFormed(csrf)) {
            // A session without a usable CSRF cookie gets one; an unsafe request never got here.
            csrf = csrfTokens.generate();
            response.remember(cookies.setCsrf(request, response, csrf));
        }
        return new AuthOutcome.Authenticated(JwtGateAuthentication.cookie(token.get(), csrf));
    }

    private Optional<VerifiedToken> refresh(HttpServletRequest request, CookieResponse response, String refresh,
            String address) {
        RefreshResult result;
        try {
            result = sessions.refreshForCookie(refresh, address, grace);
        } catch (RefreshFailedException e) {
            LOG.log(Level.DEBUG, "the refresh cookie was refused: {0}", e.getMessage());
            return Optional.empty();
        }
        if (result instanceof RefreshResult.Rotated) {
            response.remember(cookies.setTokens(request, response, ((RefreshResult.Rotated) result).pair()));
        } else {
            response.remember(cookies.setAccess(request, response, result.access().token()));
        }
        // Built exactly as on the next request, which brings the new token in its cookie.
        return authenticator.verifyBearer(result.access().token());
    }
}
