package io.jwtgate.sample;

/** Every path attack of {@link AbstractPathAttackIT}, against the sample deployed in embedded Jetty 12 (ee10). */
class JettyPathAttackIT extends AbstractPathAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.JETTY;
    }
}
