package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.jwtgate.JwtAuthFilter;
import io.jwtgate.LoginServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.Driver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mindrot.jbcrypt.BCrypt;
import org.slf4j.LoggerFactory;

/**
 * Legacy descriptors. A web.xml of version 2.3 or 2.4 may switch the jar's web-fragment.xml off
 * (Jetty treats it as metadata-complete), so such an application declares the filter and the
 * servlet itself, and then it is protected in every container; a descriptor of version 3.0
 * leaves the fragment on. Either way {@code GET /auth/me} without a token answers 401, the
 * check the docs give operators (a 404 there means JwtGate is not running).
 */
class LegacyWebXmlIT {

    private static final List<Class<?>> RUNTIME_JARS = List.of(JwtAuthFilter.class, JWT.class,
            ObjectMapper.class, JsonFactory.class, JsonProperty.class, BCrypt.class, HikariDataSource.class,
            Driver.class, com.nulabinc.zxcvbn.Zxcvbn.class, LoggerFactory.class, org.slf4j.jul.JULServiceProvider.class);

    private static final String HELLO = " <servlet><servlet-name>hello</servlet-name><servlet-class>"
            + PrincipalEchoServlet.class.getName() + "</servlet-class></servlet>\n";
    private static final String HELLO_MAPPING = " <servlet-mapping><servlet-name>hello</servlet-name>"
            + "<url-pattern>/hello</url-pattern></servlet-mapping>\n";
    /** What the fragment declares, in the element order the 2.3 DTD requires. */
    private static final String FILTER = " <filter><filter-name>JwtAuthFilter</filter-name><filter-class>"
            + JwtAuthFilter.class.getName() + "</filter-class></filter>\n"
            + " <filter-mapping><filter-name>JwtAuthFilter</filter-name><url-pattern>/*</url-pattern></filter-mapping>\n";
    private static final String LOGIN = " <servlet><servlet-name>LoginServlet</servlet-name><servlet-class>"
            + LoginServlet.class.getName() + "</servlet-class><load-on-startup>1</load-on-startup></servlet>\n";
    private static final String LOGIN_MAPPING = " <servlet-mapping><servlet-name>LoginServlet</servlet-name>"
            + "<url-pattern>/auth/*</url-pattern></servlet-mapping>\n";

    @TempDir
    Path temp;

    private static String webXml(String version, boolean declaresJwtGate) {
        String head;
        if (version.equals("2.3")) {
            head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE web-app PUBLIC"
                    + " \"-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN\""
                    + " \"http://java.sun.com/dtd/web-app_2_3.dtd\">\n<web-app>\n";
        } else {
            String ns = version.equals("2.4") ? "http://java.sun.com/xml/ns/j2ee" : "http://java.sun.com/xml/ns/javaee";
            head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<web-app xmlns=\"" + ns + "\""
                    + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n xsi:schemaLocation=\"" + ns + " " + ns
                    + "/web-app_" + version.replace('.', '_') + ".xsd\" version=\"" + version + "\">\n";
        }
        return declaresJwtGate
                ? head + FILTER + HELLO + LOGIN + HELLO_MAPPING + LOGIN_MAPPING + "</web-app>\n"
                : head + HELLO + HELLO_MAPPING + "</web-app>\n";
    }

    private void assertProtected(ContainerKind container, String version, boolean declaresJwtGate) throws Exception {
        Path root = temp.resolve("app");
        Path lib = Files.createDirectories(root.resolve("WEB-INF/lib"));
        Files.writeString(root.resolve("WEB-INF/web.xml"), webXml(version, declaresJwtGate), StandardCharsets.UTF_8);
        for (Class<?> type : RUNTIME_JARS) {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        Map<String, String> p = new HashMap<>();
        p.put("jwtgate.data-dir", temp.resolve("data").toString());
        p.put("jwtgate.signing.secret", HostileTokens.SECRET);
        p.put("jwtgate.rules", "/** -> authenticated");
        try (RunningApp app = container.deploy(root, p, temp.resolve("work"))) {
            assertTrue(app.available(), () -> "did not start: " + app.startupFailure());
            HttpResponse<String> hello = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/hello")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> me = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/auth/me")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, hello.statusCode(), "web.xml " + version + ": /hello without a token: " + hello.body());
            assertEquals(401, me.statusCode(), "web.xml " + version + ": JwtGate answers /auth/me: " + me.body());
        }
    }

    @ParameterizedTest
    @CsvSource({"TOMCAT,2.3", "JETTY,2.3", "TOMCAT,2.4", "JETTY,2.4"})
    void aLegacyWebXmlThatDeclaresTheFilterAndServletIsProtected(ContainerKind container, String version)
            throws Exception {
        assertProtected(container, version, true);
    }

    @ParameterizedTest
    @CsvSource({"TOMCAT,3.0", "JETTY,3.0", "TOMCAT,2.5", "JETTY,2.5"})
    void aWebXmlOfVersion25OrLaterLeavesTheFragmentOn(ContainerKind container, String version) throws Exception {
        assertProtected(container, version, false);
    }
}
