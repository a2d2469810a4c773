package io.jwtgate.bench;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.JwtGate;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a real {@link JwtAuthFilter} the way a container does ({@code init} with a
 * {@link FilterConfig}), on a root web application whose context holds an already started
 * {@link JwtGate} under the attribute {@code io.jwtgate.JwtGate}: the documented way for an
 * application to hand JwtGate its own instance, so the benchmark chooses the settings and the
 * filter runs exactly as deployed. The context is a dynamic proxy because only start-up touches
 * it; it answers what {@code init} asks (attributes, context path, no descriptor, no init-params,
 * a registration API it refuses as some containers do) and throws on anything else.
 */
final class BenchFilterHost {

    private BenchFilterHost() {
    }

    /** A filter initialised on a context holding {@code gate}; the caller closes {@code gate} after {@code destroy}. */
    static JwtAuthFilter start(JwtGate gate) throws ServletException {
        ServletContext context = context();
        context.setAttribute(JwtGate.class.getName(), gate);
        JwtAuthFilter filter = new JwtAuthFilter();
        filter.init(new FilterConfig() {
            @Override
            public String getFilterName() {
                return "JwtAuthFilter";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        });
        return filter;
    }

    private static ServletContext context() {
        Map<String, Object> attributes = new ConcurrentHashMap<>();
        return (ServletContext) Proxy.newProxyInstance(BenchFilterHost.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAttribute":
                            return attributes.get((String) args[0]);
                        case "setAttribute":
                            if (args[1] == null) {
                                attributes.remove((String) args[0]);
                            } else {
                                attributes.put((String) args[0], args[1]);
                            }
                            return null;
                        case "removeAttribute":
                            attributes.remove((String) args[0]);
                            return null;
                        case "getAttributeNames":
                            return Collections.enumeration(attributes.keySet());
                        case "getContextPath":
                            return "";
                        case "getServletContextName":
                            return "bench";
                        case "getInitParameter":
                            return null;
                        case "getInitParameterNames":
                            return Collections.emptyEnumeration();
                        case "getResource":
                            // No WEB-INF/web.xml: no container security constraints to warn about.
                            return null;
                        case "getClassLoader":
                            return BenchFilterHost.class.getClassLoader();
                        case "getMajorVersion":
                        case "getEffectiveMajorVersion":
                            return 6;
                        case "getMinorVersion":
                        case "getEffectiveMinorVersion":
                            return 0;
                        case "log":
                            return null;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "bench ServletContext";
                        default:
                            // Includes getFilterRegistrations/getServletRegistrations: refused, as some containers do.
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
