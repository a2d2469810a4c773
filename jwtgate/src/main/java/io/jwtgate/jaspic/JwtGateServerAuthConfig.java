package io.jwtgate.jaspic;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.ServerAuthConfig;
import jakarta.security.auth.message.config.ServerAuthContext;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;

/** One application's server configuration: every request gets the same JwtGate context. */
final class JwtGateServerAuthConfig implements ServerAuthConfig {

    /** The one authentication context id: JwtGate does not vary by message. */
    static final String CONTEXT_ID = "jwtgate";

    private final String layer;
    private final String appContext;
    private final ServerAuthContext context;

    JwtGateServerAuthConfig(String layer, String appContext, GateSource gates, CallbackHandler handler)
            throws AuthException {
        this.layer = layer;
        this.appContext = appContext;
        JwtGateAuthModule module = new JwtGateAuthModule(gates);
        // No MessagePolicy: whether a request needs a caller is the container's per-request flag.
        module.initialize(null, null, handler, Map.of());
        this.context = new JwtGateServerAuthContext(module);
    }

    @Override
    public ServerAuthContext getAuthContext(String authContextId, Subject serviceSubject,
            @SuppressWarnings("rawtypes") Map properties) {
        return context;
    }

    @Override
    public String getMessageLayer() {
        return layer;
    }

    @Override
    public String getAppContext() {
        return appContext;
    }

    @Override
    public String getAuthContextID(MessageInfo messageInfo) {
        return CONTEXT_ID;
    }

    @Override
    public void refresh() {
        // Nothing is cached from a configuration store: the settings belong to the application's JwtGate.
    }

    @Override
    public boolean isProtected() {
        return false;
    }
}
