package io.jwtgate.sample;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * A web application deployed in an embedded container, listening on a local port. Closing it
 * stops the container completely, so a second deployment on the same data directory can open
 * the H2 file afterwards.
 */
interface RunningApp extends AutoCloseable {

    /** The port the connector actually bound (tests ask for port 0). */
    int port();

    /** The address and port the connector is bound to (a wildcard address means every interface). */
    InetSocketAddress localAddress();

    /** {@code http://localhost:port} followed by {@code path}, which starts with a slash. */
    default URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    /** Whether the container considers the application started and serving. */
    boolean available();

    /** Why the application did not start, when the container keeps that (Jetty does). */
    Optional<Throwable> startupFailure();

    /**
     * The deployed application's servlet context, as expression language in one of its pages would
     * see it ({@code pageContext.servletContext}, {@code initParam}, {@code applicationScope}).
     */
    jakarta.servlet.ServletContext servletContext();

    /** Blocks until the container stops (the interactive sample server). */
    void join() throws InterruptedException;

    /** Stops the container; failures surface unchecked, since a test cannot recover from them. */
    @Override
    void close();
}
