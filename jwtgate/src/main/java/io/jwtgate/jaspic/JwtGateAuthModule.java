package io.jwtgate.jaspic;

import io.jwtgate.JwtGate;
import io.jwtgate.JwtGateAuthentication;
import io.jwtgate.LoginServlet;
import io.jwtgate.issuers.IssuerKeysUnavailableException;
import io.jwtgate.rules.AccessRule;
import io.jwtgate.rules.PathNormalizer;
import io.jwtgate.store.StoreUnavailableException;
import io.jwtgate.web.AuthError;
import io.jwtgate.web.AuthOutcome;
import io.jwtgate.web.Authorizer;
import io.jwtgate.web.CallerAttributes;
import io.jwtgate.web.ErrorWriter;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * JwtGate as a Jakarta Authentication server module (Servlet Container Profile): the container asks
 * it who the caller is, and its own {@code <security-constraint>}s then decide with the roles given
 * here. Credentials are read by JwtGate's own {@link io.jwtgate.web.Authenticator}, answers written by
 * its own {@link io.jwtgate.web.ErrorWriter}, so headers, tokens, revocation, lockout, challenges and
 * error bodies are exactly those of {@link io.jwtgate.JwtAuthFilter}.
 *
 * <p>No HTTP session is ever asked for: the module never sets the profile's
 * {@code registerSession} key, so each request is authenticated on its own (decision 217).
 */
public final class JwtGateAuthModule implements ServerAuthModule {

    private static final System.Logger LOG = System.getLogger(JwtGateAuthModule.class.getName());

    /**
     * The Servlet Container Profile's per-request flag: whether the resource is constrained. Built
     * from the class name so the javax build, rewritten by the Eclipse Transformer, reads the
     * {@code javax.} key JASPIC 1.1 containers set.
     */
    static final String MANDATORY_KEY = MessagePolicy.class.getName() + ".isMandatory";
    /** The profile's key for {@code getAuthType()}, built the same way. */
    static final String AUTH_TYPE_KEY = HttpServletRequest.class.getPackageName() + ".authType";

    /**
     * How the module answers when JwtGate itself cannot start: a 503 has no challenge, so the realm
     * and the Basic offer of the application's settings, which are not there, do not matter.
     */
    private static final ErrorWriter STARTUP_ERRORS = new ErrorWriter("jwtgate", false);

    private final GateSource gates;
    private CallbackHandler handler;

    /** @param gate the application's running JwtGate, shared with its filter and login servlet */
    public JwtGateAuthModule(JwtGate gate) {
        this(() -> gate);
    }

    /** @param gates the application's JwtGate, started on the module's first use (decision 292) */
    JwtGateAuthModule(GateSource gates) {
        this.gates = gates;
    }

    @Override
    public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
            Map<String, Object> options) throws AuthException {
        this.handler = handler;
    }

    @Override
    public Class<?>[] getSupportedMessageTypes() {
        return new Class<?>[] {HttpServletRequest.class, HttpServletResponse.class};
    }

    @Override
    public AuthStatus validateRequest(MessageInfo messageInfo, Subject client, Subject service) throws AuthException {
        HttpServletRequest request = (HttpServletRequest) messageInfo.getRequestMessage();
        HttpServletResponse response = (HttpServletResponse) messageInfo.getResponseMessage();
        boolean mandatory = Boolean.parseBoolean(String.valueOf(messageInfo.getMap().get(MANDATORY_KEY)));
        if (request == null || response == null) {
            // Jetty 12.1 asks again, lazily, when an application reads the caller of an unconstrained
            // request ("deferred" authentication), and then hands over no servlet request to read
            // credentials from nor response to answer on: no caller, and nothing is refused (decision 216).
            return AuthStatus.SUCCESS;
        }
        JwtGate gate;
        try {
            gate = gates.get();
        } catch (ServletException e) {
            // Logged where it happened, naming the setting. Fail closed, and never as the caller's
            // fault: 503, not 401, on every request until JwtGate can start (decision 293).
            return answer(messageInfo, response, STARTUP_ERRORS, AuthError.unavailable());
        }
        try {
            // Before judging: a request the module lets through reaches JwtAuthFilter marked (decision 306).
            gate.markJudgedByModule(request);
            return judge(gate, messageInfo, request, response, client, mandatory);
        } catch (StoreUnavailableException e) {
            LOG.log(Level.WARNING, "store unavailable while authenticating: {0}", e.getMessage());
            gate.metrics().storeUnavailable();
            return answer(messageInfo, response, gate.errors(), AuthError.unavailable());
        } catch (IssuerKeysUnavailableException e) {
            // The token may be good: an identity provider's outage is not the caller's fault (decision 436).
            LOG.log(Level.WARNING, "trusted issuer keys unavailable while authenticating: {0}", e.getMessage());
            return answer(messageInfo, response, gate.errors(), AuthError.unavailable());
        } catch (RuntimeException e) {
            // Our own fault, never the caller's: a 500 with a plain body, never a 401.
            LOG.log(Level.ERROR, "JwtGate authentication module failed", e);
            return answer(messageInfo, response, gate.errors(), AuthError.serverError());
        }
    }

    private AuthStatus judge(JwtGate gate, MessageInfo messageInfo, HttpServletRequest request,
            HttpServletResponse response, Subject client, boolean mandatory) throws AuthException {
        if (!mandatory && targetsLoginServlet(request)) {
            // The login endpoints read their own credentials (a refresh token, a password); a stale
            // Authorization header a client still sends must not turn into a 401 there.
            return anonymous(client);
        }
        // Only rules set on purpose apply on top of the container's constraints (decision 214).
        AccessRule rule = null;
        if (gate.settings().rules().rulesConfigured()) {
            String[] path = PathNormalizer.normalizedSegments(request.getServletPath(), request.getPathInfo());
            if (path == null) {
                return answer(messageInfo, response, gate.errors(), AuthError.refusedPath());
            }
            rule = gate.settings().rules().accessRules().match(request.getMethod(), path);
            if (Authorizer.deniesAll(rule)) {
                return answer(messageInfo, response, gate.errors(), AuthError.forbidden());
            }
        }
        String address = gate.settings().web().trustedProxies().clientAddress(request);
        AuthOutcome outcome = gate.metrics().authenticate(() -> gate.authenticator().authenticate(request, address));
        if (outcome instanceof AuthOutcome.Rejected) {
            return answer(messageInfo, response, gate.errors(), ((AuthOutcome.Rejected) outcome).error());
        }
        JwtGateAuthentication caller = outcome instanceof AuthOutcome.Authenticated
                ? ((AuthOutcome.Authenticated) outcome).authentication() : null;
        if (rule != null) {
            Optional<AuthError> denied = Authorizer.decide(rule, caller);
            if (denied.isPresent()) {
                return answer(messageInfo, response, gate.errors(), denied.get());
            }
        }
        if (caller == null) {
            if (mandatory) {
                // A constrained resource and no credentials: JwtGate's challenge, not the container's.
                answer(messageInfo, response, gate.errors(), AuthError.unauthorized());
                return AuthStatus.SEND_CONTINUE;
            }
            return anonymous(client);
        }
        if (JwtGateAuthentication.BASIC.equals(caller.authMethod())) {
            gate.basicNotice().apply(response, caller, address);
        }
        handle(new CallerPrincipalCallback(client, caller.username()),
                new GroupPrincipalCallback(client, caller.roles().toArray(String[]::new)));
        messageInfo.getMap().put(AUTH_TYPE_KEY, caller.authMethod());
        CallerAttributes.expose(request, caller);
        return AuthStatus.SUCCESS;
    }

    /** The profile's "no caller": success with a null principal, for unconstrained resources. */
    private AuthStatus anonymous(Subject client) throws AuthException {
        handle(new CallerPrincipalCallback(client, (Principal) null));
        return AuthStatus.SUCCESS;
    }

    private static AuthStatus answer(MessageInfo messageInfo, HttpServletResponse response, ErrorWriter errors,
            AuthError error) throws AuthException {
        try {
            errors.writeOfferingBasic(response, error);
            ExchangeCompletion.afterAnswer(messageInfo, response);
        } catch (IOException e) {
            throw authException("cannot write the answer", e);
        }
        return AuthStatus.SEND_FAILURE;
    }

    private boolean targetsLoginServlet(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        if (mapping == null || mapping.getServletName() == null) {
            return false;
        }
        ServletRegistration registration = request.getServletContext().getServletRegistration(mapping.getServletName());
        return registration != null && LoginServlet.class.getName().equals(registration.getClassName());
    }

    private void handle(Callback... callbacks) throws AuthException {
        try {
            handler.handle(callbacks);
        } catch (IOException | UnsupportedCallbackException e) {
            throw authException("the container refused the caller", e);
        }
    }

    @Override
    public AuthStatus secureResponse(MessageInfo messageInfo, Subject service) {
        return AuthStatus.SEND_SUCCESS;
    }

    /**
     * {@code request.logout()}: a Bearer caller's JwtGate session ends (its refresh and access tokens
     * stop working), and the caller's attributes go; a Basic caller has no session to end.
     */
    @Override
    public void cleanSubject(MessageInfo messageInfo, Subject subject) throws AuthException {
        if (subject != null) {
            subject.getPrincipals().clear();
        }
        HttpServletRequest request = (HttpServletRequest) messageInfo.getRequestMessage();
        if (request == null) {
            return;
        }
        Optional<JwtGateAuthentication> caller = JwtGateAuthentication.of(request);
        if (caller.isEmpty()) {
            return;
        }
        CallerAttributes.clear(request);
        if (caller.get().sessionId() == null) {
            return;
        }
        JwtGate gate;
        try {
            // Started already: the caller was read by validateRequest.
            gate = gates.get();
        } catch (ServletException e) {
            throw authException("JwtGate is not running: the session was not ended", e);
        }
        try {
            gate.sessions().logout(caller.get(), gate.settings().web().trustedProxies().clientAddress(request));
        } catch (StoreUnavailableException e) {
            // The tokens stay valid. Tomcat logs a failed cleanSubject only at debug level and goes on,
            // so the warning is logged here, where an operator sees it (decision 221).
            LOG.log(Level.WARNING, "request.logout() did not end the session of {0}: store unavailable: {1}",
                    caller.get().username(), e.getMessage());
            throw authException("the store is unavailable: the session was not ended", e);
        }
    }

    private static AuthException authException(String message, Exception cause) {
        AuthException e = new AuthException(message);
        e.initCause(cause);
        return e;
    }
}
