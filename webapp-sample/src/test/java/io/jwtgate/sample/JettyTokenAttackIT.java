package io.jwtgate.sample;

/** Every token attack of {@link AbstractTokenAttackIT}, against the sample deployed in embedded Jetty 12 (ee10). */
class JettyTokenAttackIT extends AbstractTokenAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.JETTY;
    }
}
