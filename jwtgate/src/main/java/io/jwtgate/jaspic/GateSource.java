package io.jwtgate.jaspic;

import io.jwtgate.JwtGate;
import jakarta.servlet.ServletException;

/** Where the module gets the application's JwtGate: a running one, or one started on first use. */
@FunctionalInterface
interface GateSource {

    /** @throws ServletException when JwtGate cannot start; the module then answers 503 */
    JwtGate get() throws ServletException;
}
