package io.jwtgate.webxml;

/**
 * The {@code <login-config>}: how the container authenticates (BASIC, FORM, DIGEST, CLIENT-CERT or
 * another name; null when the element names none) and its realm name (may be null).
 */
public record LoginConfig(String authMethod, String realmName) {
}
