package io.jwtgate.sample;

/** Every attack of {@link AbstractEs256TokenAttackIT}, against the sample deployed in embedded Jetty 12 (ee10). */
class JettyEs256TokenAttackIT extends AbstractEs256TokenAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.JETTY;
    }
}
