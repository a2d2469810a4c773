package io.jwtgate.sample;

/** {@link AbstractBasicCsrfIT} against the sample deployed in embedded Jetty 12 (ee10). */
class JettyBasicCsrfIT extends AbstractBasicCsrfIT {

    @Override
    ContainerKind container() {
        return ContainerKind.JETTY;
    }
}
