package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link AuditContract} in embedded Jetty 12 (ee10). */
class JettyAuditTest extends AuditContract {
    @Override
    Container container() {
        return Container.JETTY;
    }
}
