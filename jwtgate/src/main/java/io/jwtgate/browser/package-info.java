/**
 * Browser sessions (cookie mode, {@code jwtgate.cookie.*}): the session cookies and how they are
 * written ({@link io.jwtgate.browser.SessionCookies}, {@link io.jwtgate.browser.SetCookieHeader}),
 * the double-submit CSRF token and the origin check that guard cookie requests which change state
 * ({@link io.jwtgate.browser.CsrfTokens}, {@link io.jwtgate.browser.CsrfGuard},
 * {@link io.jwtgate.browser.RequestOrigin}), which requests come from a browser page
 * ({@link io.jwtgate.browser.BrowserRequests}) and where a browser may be sent after login
 * ({@link io.jwtgate.browser.SafeRedirect}).
 *
 * <p>Nothing here uses Servlet 5 or 6 API: the same classes are rewritten for javax.servlet 4.0,
 * which is why cookies go out as hand-written {@code Set-Cookie} headers (SameSite has no setter
 * before Servlet 6).
 */
package io.jwtgate.browser;
