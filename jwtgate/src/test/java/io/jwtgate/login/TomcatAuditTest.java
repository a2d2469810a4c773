package io.jwtgate.login;

import io.jwtgate.support.Container;

/** {@link AuditContract} in embedded Tomcat 11. */
class TomcatAuditTest extends AuditContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
