package io.jwtgate.sample;

/** Every token attack of {@link AbstractTokenAttackIT}, against the sample deployed in embedded Tomcat 11. */
class TomcatTokenAttackIT extends AbstractTokenAttackIT {

    @Override
    ContainerKind container() {
        return ContainerKind.TOMCAT;
    }
}
