package io.jwtgate.endpoint;

import java.io.IOException;

/**
 * One endpoint of {@link io.jwtgate.LoginServlet}: a path of the {@link EndpointTable} answered for
 * its one HTTP method (any other gets 405 with {@code Allow}). Implementations hold no state of their
 * own; what they work with comes with the {@link Exchange}.
 */
public interface Endpoint {

    /** The one method this endpoint answers. */
    String method();

    /**
     * Whether a request spends the per-address budget of the token endpoints before it is handled,
     * before any body is read and any bcrypt or database work is done (decision 115).
     */
    boolean rateLimited();

    /** Answers the request; an {@link io.jwtgate.web.ApiException} becomes its error answer. */
    void handle(Exchange exchange) throws IOException;
}
