package io.jwtgate.keys;

import io.jwtgate.support.Container;

/** {@link RotationContract} in embedded Tomcat. */
class TomcatRotationTest extends RotationContract {
    @Override
    Container container() {
        return Container.TOMCAT;
    }
}
