package io.jwtgate.sample;

/** {@link AbstractBasicCsrfIT} against the sample deployed in embedded Tomcat 11. */
class TomcatBasicCsrfIT extends AbstractBasicCsrfIT {

    @Override
    ContainerKind container() {
        return ContainerKind.TOMCAT;
    }
}
