package io.jwtgate.webxml;

import java.util.List;
import java.util.Set;

/**
 * One {@code <web-resource-collection>}: its url-patterns and either the methods it names
 * ({@code <http-method>}) or the methods it leaves out ({@code <http-method-omission>}); both
 * empty means every method.
 */
public record WebResourceCollection(List<String> urlPatterns, Set<String> methods, Set<String> omittedMethods) {

    public WebResourceCollection {
        urlPatterns = List.copyOf(urlPatterns);
        methods = Set.copyOf(methods);
        omittedMethods = Set.copyOf(omittedMethods);
        if (!methods.isEmpty() && !omittedMethods.isEmpty()) {
            throw new IllegalArgumentException("a web-resource-collection names http-method or http-method-omission, not both");
        }
    }

    /** Whether the collection applies to {@code method} (Servlet 6.0 §13.8.1). */
    public boolean covers(String method) {
        if (!methods.isEmpty()) {
            return methods.contains(method);
        }
        return !omittedMethods.contains(method);
    }
}
