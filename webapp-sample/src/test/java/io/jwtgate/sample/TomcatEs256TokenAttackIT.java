package io.jwtgate.sample;

/** Every attack of {@link AbstractEs256TokenAttackIT}, against the sample deployed in embedded Tomcat 11. */
class TomcatEs256TokenAttackIT extends AbstractEs256TokenAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.TOMCAT;
    }
}
