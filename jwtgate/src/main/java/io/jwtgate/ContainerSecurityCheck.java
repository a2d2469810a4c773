package io.jwtgate;

import io.jwtgate.webxml.DescriptorText;
import io.jwtgate.webxml.LoginConfig;
import io.jwtgate.webxml.SecurityConstraint;
import io.jwtgate.webxml.WebResourceCollection;
import io.jwtgate.webxml.WebXmlException;
import io.jwtgate.webxml.WebXmlParser;
import io.jwtgate.webxml.WebXmlSecurity;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@link JwtAuthFilter} checks at start about the application's own {@code WEB-INF/web.xml}:
 * security constraints that ask for a caller are enforced by the container's authenticator,
 * which runs before any filter, so a Bearer request to such a path meets the container's
 * challenge (or, without {@code <login-config>}, its refusal) and never reaches JwtGate. The
 * warning names the elements and both ways out (decision 238).
 */
final class ContainerSecurityCheck {

    static final String DESCRIPTOR = "/WEB-INF/web.xml";
    /** Enough to recognise the descriptor; the rest are counted. */
    private static final int NAMED = 8;

    private static final System.Logger LOG = System.getLogger(JwtGate.class.getName());

    private ContainerSecurityCheck() {
    }

    /** Logs one WARNING when the descriptor has constraints that challenge before the filter runs. */
    static void warnIfContainerAuthenticatesFirst(ServletContext context) {
        URL url;
        try {
            url = context.getResource(DESCRIPTOR);
        } catch (MalformedURLException e) {
            return;
        }
        if (url == null) {
            return; // no descriptor: constraints from annotations or fragments are not looked at (decision 238)
        }
        String app = SharedInstance.displayPath(context);
        WebXmlSecurity security;
        try (InputStream in = url.openStream()) {
            security = WebXmlParser.parse(in, DESCRIPTOR);
        } catch (IOException | WebXmlException e) {
            LOG.log(Level.WARNING, "JwtGate for {0}: cannot check " + DESCRIPTOR + " for container-managed security: {1}",
                    app, DescriptorText.printable(e.getMessage()));
            return;
        }
        String message = message(security);
        if (message != null) {
            LOG.log(Level.WARNING, "JwtGate for {0}: {1}", app, message);
        }
    }

    /** The warning for {@code security}, or null when no constraint asks for a caller. */
    static String message(WebXmlSecurity security) {
        List<String> named = new ArrayList<>();
        for (SecurityConstraint c : security.constraints()) {
            if (c.asksForCaller()) {
                named.add(describe(c));
            }
        }
        if (named.isEmpty()) {
            return null;
        }
        String elements = String.join(", ", named.subList(0, Math.min(NAMED, named.size())))
                + (named.size() > NAMED ? " and " + (named.size() - NAMED) + " more" : "");
        LoginConfig login = security.loginConfig();
        String authenticator = login == null
                ? "no <login-config> (the container refuses those requests itself)"
                : "<login-config> " + (login.authMethod() == null ? "without <auth-method>"
                        : DescriptorText.printable(login.authMethod()));
        return DESCRIPTOR + " declares " + elements + " and " + authenticator + ": the container authenticates"
                + " these paths before JwtAuthFilter runs, so a Bearer token there meets the container's"
                + " challenge and JwtGate never sees it. Either let the container ask JwtGate"
                + " (jwtgate.jaspic.enabled=true), or move the constraints into jwtgate.rules"
                + " ('jwtgate rules from-web-xml WEB-INF/web.xml' prints them) and remove them and the"
                + " <login-config> from web.xml; see docs/migration-from-basic-auth.md";
    }

    private static String describe(SecurityConstraint c) {
        List<String> parts = new ArrayList<>();
        for (WebResourceCollection col : c.collections()) {
            String methods = !col.methods().isEmpty() ? " " + String.join(",", new TreeSet<>(col.methods()))
                    : !col.omittedMethods().isEmpty() ? " except " + String.join(",", new TreeSet<>(col.omittedMethods()))
                    : "";
            parts.add(String.join(" ", col.urlPatterns()) + methods);
        }
        List<String> roles = c.roles();
        String who = roles.contains("**") ? "any authenticated user"
                : roles.contains("*") ? "any declared role" : (roles.size() == 1 ? "role " : "roles ") + String.join(" ", roles);
        return DescriptorText.printable("<security-constraint> " + String.join("; ", parts) + " (" + who + ")");
    }
}
