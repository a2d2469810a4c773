package io.jwtgate.sample;

/** The browser scenarios of {@link AbstractBrowserSessionIT}, on the sample WAR in embedded Jetty. */
class JettyBrowserSessionIT extends AbstractBrowserSessionIT {

    @Override
    ContainerKind container() {
        return ContainerKind.JETTY;
    }
}
