package io.jwtgate.sample;

/** Every attack of {@link AbstractRs256TokenAttackIT}, against the sample deployed in embedded Jetty 12 (ee10). */
class JettyRs256TokenAttackIT extends AbstractRs256TokenAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.JETTY;
    }
}
