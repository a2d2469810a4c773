package io.jwtgate.support.engine;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * One web application, described the way web.xml would declare it, for any {@link Engine}.
 *
 * @param contextPath e.g. {@code /app}
 * @param initParams context init parameters ({@code <context-param>})
 * @param attributes servlet-context attributes set through the embedding API before the
 *     application starts (Jetty keeps them as persistent attributes of its handler; Tomcat sets them
 *     from a container initializer)
 * @param listeners context listeners, called before filters and servlets start; one that is also a
 *     {@link jakarta.servlet.ServletContainerInitializer} is started as the initializer a jar declares in
 *     {@code META-INF/services} instead (before the container's security starts), and adds itself as a
 *     listener there if it wants to be one
 * @param filters filters, each on one URL pattern for its dispatcher types, in this order
 * @param servlets servlets, each on one URL pattern
 * @param dataSource a container-managed DataSource in JNDI, or null; only engines with naming
 *     support it (Tomcat)
 * @param security the container-managed security ({@code <login-config>}, {@code <security-constraint>}s,
 *     the realm), or null for none
 * @param errorPages status code to the location of its {@code <error-page>}, dispatched as ERROR
 *
 * <p>Every filter and servlet is {@code <async-supported>true}, as JwtGate's web-fragment declares
 * its filter: an application's async servlet needs every filter before it to allow async.
 */
public record Deployment(String contextPath, Map<String, String> initParams, Map<String, Object> attributes,
        List<ServletContextListener> listeners, List<FilterMapping> filters, List<ServletMapping> servlets,
        JndiDataSource dataSource, Security security, Map<Integer, String> errorPages) {

    /** A deployment without container-managed security or error pages. */
    public Deployment(String contextPath, Map<String, String> initParams, Map<String, Object> attributes,
            List<ServletContextListener> listeners, List<FilterMapping> filters, List<ServletMapping> servlets,
            JndiDataSource dataSource) {
        this(contextPath, initParams, attributes, listeners, filters, servlets, dataSource, null, Map.of());
    }

    /** A deployment with container-managed security, without error pages. */
    public Deployment(String contextPath, Map<String, String> initParams, Map<String, Object> attributes,
            List<ServletContextListener> listeners, List<FilterMapping> filters, List<ServletMapping> servlets,
            JndiDataSource dataSource, Security security) {
        this(contextPath, initParams, attributes, listeners, filters, servlets, dataSource, security, Map.of());
    }

    /** A deployment with error pages, without container-managed security. */
    public Deployment(String contextPath, Map<String, String> initParams, Map<String, Object> attributes,
            List<ServletContextListener> listeners, List<FilterMapping> filters, List<ServletMapping> servlets,
            JndiDataSource dataSource, Map<Integer, String> errorPages) {
        this(contextPath, initParams, attributes, listeners, filters, servlets, dataSource, null, errorPages);
    }

    /** A filter class on one URL pattern, for the dispatcher types of {@code dispatchers}. */
    public record FilterMapping(String name, Class<? extends Filter> type, String urlPattern,
            EnumSet<DispatcherType> dispatchers) {

        /** For REQUEST dispatches only, like a {@code <filter-mapping>} without {@code <dispatcher>}. */
        public FilterMapping(String name, Class<? extends Filter> type, String urlPattern) {
            this(name, type, urlPattern, EnumSet.of(DispatcherType.REQUEST));
        }

        public FilterMapping {
            dispatchers = EnumSet.copyOf(dispatchers);
        }
    }

    /**
     * A servlet class on one URL pattern.
     *
     * @param loadOnStartup the {@code <load-on-startup>} order, or a negative number for lazy start
     */
    public record ServletMapping(String name, Class<? extends Servlet> type, String urlPattern, int loadOnStartup) {
    }

    /**
     * An H2 DataSource bound at {@code java:comp/env/<name>}, the way an operator declares a
     * {@code <Resource>} in Tomcat's context.xml.
     */
    public record JndiDataSource(String name, String h2Url) {
    }
}
