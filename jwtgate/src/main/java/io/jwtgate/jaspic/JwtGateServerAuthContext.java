package io.jwtgate.jaspic;

import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.config.ServerAuthContext;
import javax.security.auth.Subject;

/** The context a container calls per request: JwtGate's one module, nothing else. */
final class JwtGateServerAuthContext implements ServerAuthContext {

    private final JwtGateAuthModule module;

    JwtGateServerAuthContext(JwtGateAuthModule module) {
        this.module = module;
    }

    @Override
    public AuthStatus validateRequest(MessageInfo messageInfo, Subject client, Subject service) throws AuthException {
        return module.validateRequest(messageInfo, client, service);
    }

    // JASPIC 1.1 (Tomcat 9, after the javax rewrite) has no default methods: both are implemented here.
    @Override
    public AuthStatus secureResponse(MessageInfo messageInfo, Subject service) throws AuthException {
        return module.secureResponse(messageInfo, service);
    }

    @Override
    public void cleanSubject(MessageInfo messageInfo, Subject subject) throws AuthException {
        module.cleanSubject(messageInfo, subject);
    }
}
