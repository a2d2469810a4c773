package io.jwtgate.sample;

/** The browser scenarios of {@link AbstractBrowserSessionIT}, on the sample WAR in embedded Tomcat. */
class TomcatBrowserSessionIT extends AbstractBrowserSessionIT {

    @Override
    ContainerKind container() {
        return ContainerKind.TOMCAT;
    }
}
