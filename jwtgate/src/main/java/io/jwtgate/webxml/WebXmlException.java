package io.jwtgate.webxml;

/** A deployment descriptor that cannot be read or holds an element JwtGate cannot take as written. */
public final class WebXmlException extends Exception {

    private static final long serialVersionUID = 1L;

    public WebXmlException(String message) {
        super(message);
    }
}
