package io.jwtgate.sample;

/** Every path attack of {@link AbstractPathAttackIT}, against the sample deployed in embedded Tomcat 11. */
class TomcatPathAttackIT extends AbstractPathAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.TOMCAT;
    }
}
