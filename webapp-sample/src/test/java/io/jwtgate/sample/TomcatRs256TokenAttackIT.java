package io.jwtgate.sample;

/** Every attack of {@link AbstractRs256TokenAttackIT}, against the sample deployed in embedded Tomcat 11. */
class TomcatRs256TokenAttackIT extends AbstractRs256TokenAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.TOMCAT;
    }
}
