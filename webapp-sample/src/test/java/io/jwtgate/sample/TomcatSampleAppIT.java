package io.jwtgate.sample;

/** Every sample behaviour of {@link AbstractSampleAppIT}, deployed in embedded Tomcat 11. */
class TomcatSampleAppIT extends AbstractSampleAppIT {

    @Override
    ContainerKind container() {
        return ContainerKind.TOMCAT;
    }
}
