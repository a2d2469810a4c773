package io.jwtgate.support.engine;

/** A server an {@link Engine} started; its applications are known by their context path. */
public interface EmbeddedServer extends AutoCloseable {

    /** The port the connector listens on. */
    int port();

    /** Whether the application at {@code contextPath} started and serves requests. */
    boolean available(String contextPath);

    /**
     * Why the application at {@code contextPath} did not start, with the causes, when the container
     * reported it without throwing from {@link Engine#start} (Tomcat logs it); null when none.
     */
    String startFailure(String contextPath);

    /** Stops the application at {@code contextPath} and starts it again; the others keep serving. */
    void restart(String contextPath) throws Exception;

    /** Stops the server; a failure to stop is an {@link IllegalStateException}. */
    @Override
    void close();
}
