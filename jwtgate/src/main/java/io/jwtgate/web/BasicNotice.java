package io.jwtgate.web;

import io.jwtgate.JwtGateAuthentication;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What happens when a request authenticated with Basic: nothing ({@code allow}), or, in
 * {@code warn} mode, {@code Deprecation} (RFC 9745) and {@code Sunset} (RFC 8594) headers and a
 * {@code basic_auth_used} audit event. Chosen once at start so the filter never asks for the mode.
 */
@FunctionalInterface
public interface BasicNotice {

    /** The {@code allow} and {@code off} modes: no headers, no event. */
    BasicNotice SILENT = (response, caller, address) -> { };

    void apply(HttpServletResponse response, JwtGateAuthentication caller, String address);
}
