package io.jwtgate.sample;

/** Every login attack of {@link AbstractLoginAttackIT}, against the sample deployed in embedded Tomcat 11. */
class TomcatLoginAttackIT extends AbstractLoginAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.TOMCAT;
    }
}
