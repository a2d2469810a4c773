package io.jwtgate.jaspic;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.config.ClientAuthConfig;
import jakarta.security.auth.message.config.ServerAuthConfig;
import javax.security.auth.callback.CallbackHandler;

/**
 * The provider {@link JaspicRegistration} registers for one application: server side only, built
 * around that application's {@link io.jwtgate.JwtGate}, started on the module's first use. Written
 * against the JASPIC 1.1 interfaces (no 3.0-only methods), so the javax build runs it in Tomcat 9 too.
 */
final class JwtGateAuthConfigProvider implements jakarta.security.auth.message.config.AuthConfigProvider {

    private final GateSource gates;

    JwtGateAuthConfigProvider(GateSource gates) {
        this.gates = gates;
    }

    @Override
    public ClientAuthConfig getClientAuthConfig(String layer, String appContext, CallbackHandler handler) {
        // A server module only: JwtGate does not authenticate outgoing messages.
        return null;
    }

    @Override
    public ServerAuthConfig getServerAuthConfig(String layer, String appContext, CallbackHandler handler)
            throws AuthException {
        return new JwtGateServerAuthConfig(layer, appContext, gates, handler);
    }

    @Override
    public void refresh() {
        // Nothing to reload: the settings belong to the running JwtGate.
    }
}
