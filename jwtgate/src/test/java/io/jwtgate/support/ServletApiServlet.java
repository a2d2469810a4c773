package io.jwtgate.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Legacy application code that calls the servlet security API itself, and dispatches. The action
 * is the path info; every answer that is not a container's or JwtGate's own is {@link #state} as
 * JSON: what the request shows of the caller, and whether it has an HTTP session.
 *
 * <ul>
 * <li>{@code /whoami}: the state only (also the target of every dispatch below);</li>
 * <li>{@code /logout}: {@code request.logout()}, then the state ({@code logoutError} on failure);</li>
 * <li>{@code /login} (form {@code user}, {@code password}): {@code request.login}, then the state
 *     ({@code loginError});</li>
 * <li>{@code /login-forward}: the same login, then a forward to {@code /whoami};</li>
 * <li>{@code /authenticate}: {@code request.authenticate(response)}; when true, the state;</li>
 * <li>{@code /forward}, {@code /include}: to {@code /whoami} of the same mapping;</li>
 * <li>{@code /forward-api}: to {@code /api/sec/whoami}, whatever the mapping;</li>
 * <li>{@code /async}: {@code startAsync()} then {@code dispatch} to {@code /whoami};</li>
 * <li>{@code /async-start}: {@code startAsync()} then {@code AsyncContext.start}, which reads the
 *     caller from {@code AsyncContext.getRequest()} on another thread;</li>
 * <li>{@code /error}: {@code sendError(409)}, whose error page is {@code /whoami};</li>
 * <li>{@code /session}: the application creates an HTTP session itself (the control of the
 *     no-session tests: the container then does send its session cookie).</li>
 * </ul>
 */
public final class ServletApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(ServletApiServlet.class.getName());

    /** The status {@code /error} sends; its {@code <error-page>} location is {@code <mapping>/whoami}. */
    public static final int ERROR_STATUS = 409;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        // An included servlet sees the including request's paths: what it is asked for is the state.
        String action = req.getDispatcherType() == DispatcherType.INCLUDE ? "/whoami" : req.getPathInfo();
        ObjectNode extra = StrictJson.mapper().createObjectNode();
        String self = req.getServletPath();
        switch (action == null ? "" : action) {
            case "/logout":
                try {
                    req.logout();
                } catch (ServletException e) {
                    extra.put("logoutError", e.getMessage());
                }
                break;
            case "/login":
                try {
                    req.login(req.getParameter("user"), req.getParameter("password"));
                } catch (ServletException e) {
                    extra.put("loginError", e.getMessage());
                }
                break;
            case "/login-forward":
                req.login(req.getParameter("user"), req.getParameter("password"));
                req.getRequestDispatcher(self + "/whoami").forward(req, resp);
                return;
            case "/authenticate":
                if (!req.authenticate(resp)) {
                    return;
                }
                extra.put("authenticated", true);
                break;
            case "/forward":
                req.getRequestDispatcher(self + "/whoami").forward(req, resp);
                return;
            case "/forward-api":
                req.getRequestDispatcher("/api/sec/whoami").forward(req, resp);
                return;
            case "/include":
                resp.setContentType("application/json");
                req.getRequestDispatcher(self + "/whoami").include(req, resp);
                return;
            case "/async":
                req.startAsync().dispatch(self + "/whoami");
                return;
            case "/async-start":
                // Asked on the request's thread: Jetty ee8 answers getSession only inside the context's
                // scope, which the request's thread may have left when the started task runs.
                extra.put("session", req.getSession(false) != null);
                AsyncContext async = req.startAsync();
                async.start(() -> {
                    try {
                        write((HttpServletResponse) async.getResponse(),
                                state((HttpServletRequest) async.getRequest(), extra));
                    } catch (IOException | RuntimeException e) {
                        LOG.log(java.lang.System.Logger.Level.ERROR, "async-start task failed", e);
                        throw new IllegalStateException(e);
                    } finally {
                        async.complete();
                    }
                });
                return;
            case "/session":
                req.getSession(true);
                break;
            case "/error":
                resp.sendError(ERROR_STATUS);
                return;
            default:
                break;
        }
        write(resp, state(req, extra));
    }

    private static ObjectNode state(HttpServletRequest req, ObjectNode extra) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        // Jetty ee8 answers null once the request's thread has left the servlet (an AsyncContext.start task).
        body.put("dispatcher", String.valueOf(req.getDispatcherType()));
        body.put("principal", req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName());
        body.put("remoteUser", req.getRemoteUser());
        body.put("authType", req.getAuthType());
        body.put("isUser", req.isUserInRole("user"));
        body.put("username", (String) req.getAttribute("jwtgate.username"));
        body.put("authMethod", (String) req.getAttribute("jwtgate.auth_method"));
        if (!extra.has("session")) {
            body.put("session", req.getSession(false) != null);
        }
        body.setAll(extra);
        return body;
    }

    private static void write(HttpServletResponse resp, ObjectNode body) throws IOException {
        resp.setContentType("application/json");
        resp.getWriter().write(StrictJson.mapper().writeValueAsString(body));
    }
}
