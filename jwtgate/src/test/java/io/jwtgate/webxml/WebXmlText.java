package io.jwtgate.webxml;

import io.jwtgate.support.engine.Security;

/**
 * Renders a neutral {@link Security} table as the web.xml text that declares it, so a test can
 * deploy the table in a container (through the engine) and hand the same constraints to the
 * translator as a file, without the translator's parser deciding what the container is given.
 */
final class WebXmlText {

    private WebXmlText() {
    }

    static String render(Security security) {
        StringBuilder x = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """);
        for (Security.Constraint c : security.constraints()) {
            x.append("  <security-constraint>\n    <web-resource-collection>\n");
            x.append("      <web-resource-name>r</web-resource-name>\n");
            c.urlPatterns().forEach(p -> x.append("      <url-pattern>").append(p).append("</url-pattern>\n"));
            c.httpMethods().stream().sorted().forEach(m -> x.append("      <http-method>").append(m).append("</http-method>\n"));
            c.omittedMethods().stream().sorted().forEach(m -> x.append("      <http-method-omission>").append(m)
                    .append("</http-method-omission>\n"));
            x.append("    </web-resource-collection>\n");
            if (c.roles() != null) {
                x.append("    <auth-constraint>");
                c.roles().forEach(r -> x.append("<role-name>").append(r).append("</role-name>"));
                x.append("</auth-constraint>\n");
            }
            if (c.transportGuarantee() != null) {
                x.append("    <user-data-constraint><transport-guarantee>").append(c.transportGuarantee())
                        .append("</transport-guarantee></user-data-constraint>\n");
            }
            x.append("  </security-constraint>\n");
        }
        if (security.authMethod() != null) {
            x.append("  <login-config><auth-method>").append(security.authMethod()).append("</auth-method>");
            if (security.realmName() != null) {
                x.append("<realm-name>").append(security.realmName()).append("</realm-name>");
            }
            x.append("</login-config>\n");
        }
        security.declaredRoles().stream().sorted().forEach(r -> x.append("  <security-role><role-name>").append(r)
                .append("</role-name></security-role>\n"));
        return x.append("</web-app>\n").toString();
    }
}
