package io.jwtgate.sample;

/** Every login attack of {@link AbstractLoginAttackIT}, against the sample deployed in embedded Jetty 12 (ee10). */
class JettyLoginAttackIT extends AbstractLoginAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.JETTY;
    }
}
