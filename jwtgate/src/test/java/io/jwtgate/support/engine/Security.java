package io.jwtgate.support.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The container-managed security of one {@link Deployment}, as its web.xml would declare it: the
 * {@code <login-config>}, the {@code <security-constraint>}s in document order, the
 * {@code <security-role>}s, and the users of the container's own realm. Every {@link Engine} applies it
 * exactly as the container would apply the same web.xml.
 *
 * @param authMethod {@code "BASIC"}, or null for no {@code <login-config>}
 * @param realmName the {@code <realm-name>}, may be null
 * @param constraints the {@code <security-constraint>}s in web.xml order
 * @param declaredRoles the {@code <security-role>}s
 * @param realmUsers the container's own realm (Tomcat: a memory realm like tomcat-users.xml; Jetty: a
 *     HashLoginService), by user name
 * @param jaspic whether the container's Jakarta Authentication support is installed (Jetty:
 *     {@code JaspiAuthenticatorFactory} and {@code DefaultAuthConfigFactory}, the {@code ee10-jaspi}
 *     module of a distribution; Tomcat: built in, always on, so this changes nothing there)
 */
public record Security(String authMethod, String realmName, List<Constraint> constraints, Set<String> declaredRoles,
        Map<String, RealmUser> realmUsers, boolean jaspic) {

    public Security {
        constraints = List.copyOf(constraints);
        declaredRoles = Set.copyOf(declaredRoles);
        realmUsers = Map.copyOf(realmUsers);
    }

    /**
     * One {@code <security-constraint>} with one {@code <web-resource-collection>}.
     *
     * @param urlPatterns the {@code <url-pattern>}s
     * @param httpMethods the {@code <http-method>}s; empty = every method
     * @param omittedMethods the {@code <http-method-omission>}s; empty = none
     * @param roles the {@code <auth-constraint>}'s role names: null = no {@code <auth-constraint>}
     *     (anyone), empty = an empty {@code <auth-constraint>} (nobody); may hold {@code "*"} and
     *     {@code "**"}
     * @param transportGuarantee {@code "NONE"}, {@code "CONFIDENTIAL"}, {@code "INTEGRAL"} or null for no
     *     {@code <user-data-constraint>}
     */
    public record Constraint(List<String> urlPatterns, Set<String> httpMethods, Set<String> omittedMethods,
            List<String> roles, String transportGuarantee) {

        public Constraint {
            urlPatterns = List.copyOf(urlPatterns);
            httpMethods = Set.copyOf(httpMethods);
            omittedMethods = Set.copyOf(omittedMethods);
            roles = roles == null ? null : List.copyOf(roles);
        }
    }

    /** A user of the container's own realm, with a clear-text password as tomcat-users.xml holds it. */
    public record RealmUser(String password, Set<String> roles) {

        public RealmUser {
            roles = Set.copyOf(roles);
        }
    }
}
