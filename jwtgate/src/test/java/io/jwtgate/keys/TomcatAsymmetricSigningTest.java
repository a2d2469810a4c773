package io.jwtgate.keys;

import io.jwtgate.support.Container;

/** {@link AsymmetricSigningContract} in embedded Tomcat. */
class TomcatAsymmetricSigningTest extends AsymmetricSigningContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
