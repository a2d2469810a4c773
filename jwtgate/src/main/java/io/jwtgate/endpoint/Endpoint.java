package io.jwtgate.endpoint;

import java.io.IOException;

/**
 * One endpoint of {@link io.jwtgate.LoginServlet}. Its path, its one HTTP method and whether it spends
 * the rate limit are entries of the {@link EndpointTable}, which checks them before calling it.
 * Implementations hold no state of their own; what they work with comes with the {@link Exchange}.
 */
@FunctionalInterface
public interface Endpoint {

    /** Answers the request; an {@link io.jwtgate.web.ApiException} becomes its error answer. */
    void handle(Exchange exchange) throws IOException;
}
