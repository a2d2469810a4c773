package io.jwtgate.sample;

/** Every sample behaviour of {@link AbstractSampleAppIT}, deployed in embedded Jetty 12 (ee10). */
class JettySampleAppIT extends AbstractSampleAppIT {

    @Override
    ContainerKind container() {
        return ContainerKind.JETTY;
    }
}
