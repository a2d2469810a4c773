package io.jwtgate.store;

/**
 * The store cannot be reached (no connection within the pool timeout, connection refused or
 * broken): a 503 with {@code Retry-After}, never a 401.
 */
public final class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
