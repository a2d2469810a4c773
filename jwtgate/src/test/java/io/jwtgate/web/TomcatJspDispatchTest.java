package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.JwtAuthFilter;
import io.jwtgate.config.Settings;
import io.jwtgate.support.Http;
import io.jwtgate.support.TestSettings;
import io.jwtgate.support.TokenForge;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.jasper.servlet.JasperInitializer;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A servlet forwards to a JSP, as legacy controllers do: the page sees the caller JwtGate
 * authenticated (principal, remote user, roles, auth type, attributes) in the FORWARD dispatch.
 * Tomcat only, with Jasper: the registry serves no JSP engine for Jetty 12 or Tomcat 9 (decision 290),
 * and the forward itself is covered for every container by {@code ServletApiContract} with servlets.
 */
class TomcatJspDispatchTest {

    private static final String CONTEXT = "/jsp";
    private static final String PAGE = "<%@ page contentType=\"text/plain; charset=UTF-8\" %>"
            + "user=${pageContext.request.userPrincipal.name};remote=<%= request.getRemoteUser() %>;"
            + "user-role=<%= request.isUserInRole(\"user\") %>;admin-role=<%= request.isUserInRole(\"admin\") %>;"
            + "auth=<%= request.getAuthType() %>;attribute=${requestScope['jwtgate.username']};"
            + "dispatch=<%= request.getDispatcherType() %>";

    @TempDir
    Path dir;

    private Tomcat tomcat;
    private Http http;

    /** Forwards every request to the page, the way an MVC controller hands over to its view. */
    public static final class ControllerServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            req.getRequestDispatcher("/WEB-INF/views/whoami.jsp").forward(req, resp);
        }
    }

    @BeforeEach
    void start() throws Exception {
        Path docBase = Files.createDirectories(dir.resolve("docs/WEB-INF/views"));
        Files.writeString(docBase.resolve("whoami.jsp"), PAGE);
        Files.writeString(dir.resolve("docs/public.jsp"), PAGE);
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext(CONTEXT, dir.resolve("docs").toString());
        context.addServletContainerInitializer(new JasperInitializer(), null);
        TestSettings.params(dir.resolve("data")).forEach(context::addParameter);
        context.addParameter("jwtgate.rules", "/public.jsp -> permit\n/** -> authenticated");
        FilterDef filter = new FilterDef();
        filter.setFilterName("JwtAuthFilter");
        filter.setFilterClass(JwtAuthFilter.class.getName());
        context.addFilterDef(filter);
        FilterMap map = new FilterMap();
        map.setFilterName("JwtAuthFilter");
        map.addURLPattern("/*");
        for (DispatcherType type : EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD)) {
            map.setDispatcher(type.name());
        }
        context.addFilterMap(map);
        Tomcat.addServlet(context, "jsp", "org.apache.jasper.servlet.JspServlet");
        context.addServletMapping("*.jsp", "jsp");
        Tomcat.addServlet(context, "controller", new ControllerServlet());
        context.addServletMapping("/app/*", "controller");
        tomcat.start();
        http = new Http(tomcat.getConnector().getLocalPort(), CONTEXT);
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private static String token(String rolesJson) {
        long now = Instant.now().getEpochSecond();
        String claims = TokenForge.claims(now, Settings.applicationAudience("jwtgate", CONTEXT))
                .replace("\"roles\":[\"user\"]", "\"roles\":" + rolesJson);
        return new TokenForge(TestSettings.secretBytes()).hs256(TokenForge.HEADER, claims);
    }

    @Test
    void pageForwardedToSeesTheBearerCallerAndItsRoles() {
        Http.Response r = http.bearerGet("/app/orders", token("[\"user\"]"));
        assertEquals(200, r.status(), r.body());
        assertEquals("user=alice;remote=alice;user-role=true;admin-role=false;auth=BEARER;attribute=alice;"
                + "dispatch=FORWARD", r.body().strip());
    }

    @Test
    void controllerWithoutCredentialsIsRefusedBeforeThePageRenders() {
        Http.Response r = http.get("/app/orders");
        assertEquals(401, r.status());
        assertTrue(!r.body().contains("user="), r.body());
    }

    @Test
    void permittedPageRendersAnonymouslyAndWithATokenShowsTheCaller() {
        assertEquals("user=;remote=null;user-role=false;admin-role=false;auth=null;attribute=;dispatch=REQUEST",
                http.get("/public.jsp").body().strip());
        assertEquals("user=alice;remote=alice;user-role=false;admin-role=true;auth=BEARER;attribute=alice;"
                + "dispatch=REQUEST", http.bearerGet("/public.jsp", token("[\"admin\"]")).body().strip());
    }
}
