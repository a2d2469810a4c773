package io.jwtgate.webxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebXmlParserTest {

    static final String JAKARTA_61 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_1.xsd"
                     version="6.1">
              <servlet><servlet-name>x</servlet-name><servlet-class>X</servlet-class></servlet>
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>admin</web-resource-name>
                  <url-pattern> /admin/* </url-pattern>
                  <url-pattern>/manage</url-pattern>
                </web-resource-collection>
                <auth-constraint><description>only admins</description><role-name>admin</role-name></auth-constraint>
                <user-data-constraint><transport-guarantee>CONFIDENTIAL</transport-guarantee></user-data-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection>
                  <url-pattern>/api/*</url-pattern>
                  <http-method>GET</http-method><http-method>POST</http-method>
                </web-resource-collection>
                <web-resource-collection>
                  <url-pattern>/open/*</url-pattern>
                  <http-method-omission>GET</http-method-omission>
                </web-resource-collection>
                <auth-constraint><role-name>*</role-name><role-name>**</role-name></auth-constraint>
              </security-constraint>
              <security-constraint>
                <web-resource-collection><url-pattern>/closed/*</url-pattern></web-resource-collection>
                <auth-constraint/>
              </security-constraint>
              <security-constraint>
                <web-resource-collection><url-pattern>/public/*</url-pattern></web-resource-collection>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>Legacy</realm-name></login-config>
              <security-role><role-name>admin</role-name></security-role>
              <security-role><role-name>user</role-name></security-role>
            </web-app>
            """;

    static WebXmlSecurity parse(String xml) throws Exception {
        return WebXmlParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "web.xml");
    }

    @Test
    void readsEverySecurityElementOfAJakarta61Descriptor() throws Exception {
        WebXmlSecurity s = parse(JAKARTA_61);
        assertEquals(4, s.constraints().size());
        SecurityConstraint admin = s.constraints().get(0);
        assertEquals(List.of("/admin/*", "/manage"), admin.collections().get(0).urlPatterns());
        assertEquals(List.of("admin"), admin.roles());
        assertEquals("CONFIDENTIAL", admin.transportGuarantee());
        SecurityConstraint api = s.constraints().get(1);
        assertEquals(Set.of("GET", "POST"), api.collections().get(0).methods());
        assertEquals(Set.of("GET"), api.collections().get(1).omittedMethods());
        assertEquals(List.of("*", "**"), api.roles());
        assertEquals(List.of(), s.constraints().get(2).roles(), "an empty auth-constraint is kept as no role (deny)");
        assertNull(s.constraints().get(3).roles(), "no auth-constraint is kept as null (no authentication)");
        assertEquals(new LoginConfig("BASIC", "Legacy"), s.loginConfig());
        assertEquals(Set.of("admin", "user"), s.declaredRoles());
    }

    @Test
    void readsJavaEeNamespaceDescriptorsAsWell() throws Exception {
        String javaee = JAKARTA_61.replace("https://jakarta.ee/xml/ns/jakartaee", "http://xmlns.jcp.org/xml/ns/javaee")
                .replace("web-app_6_1.xsd", "web-app_4_0.xsd").replace("version=\"6.1\"", "version=\"4.0\"");
        assertEquals(parse(JAKARTA_61), parse(javaee));
    }

    @Test
    void readsADtdBased23DescriptorWithoutLoadingTheDtd(@TempDir Path dir) throws Exception {
        // A DTD that would break the parse if it were read: proves the DOCTYPE is skipped, not fetched.
        Path dtd = dir.resolve("web-app_2_3.dtd");
        Files.writeString(dtd, "<!this is not a DTD at all");
        String xml = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <!DOCTYPE web-app PUBLIC "-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN" "%s">
                <web-app>
                  <security-constraint>
                    <web-resource-collection><web-resource-name>a</web-resource-name><url-pattern>/a/*</url-pattern></web-resource-collection>
                    <auth-constraint><role-name>manager</role-name></auth-constraint>
                  </security-constraint>
                  <login-config><auth-method>FORM</auth-method></login-config>
                </web-app>
                """.formatted(dtd.toUri());
        WebXmlSecurity s = parse(xml);
        assertEquals(List.of("manager"), s.constraints().get(0).roles());
        assertEquals("FORM", s.loginConfig().authMethod());
    }

    @Test
    void externalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRETROLE");
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE web-app [<!ENTITY leak SYSTEM "%s">]>
                <web-app>
                  <security-role><role-name>&leak;</role-name></security-role>
                </web-app>
                """.formatted(secret.toUri());
        WebXmlSecurity s;
        try {
            s = parse(xml);
        } catch (WebXmlException refused) {
            assertFalse(refused.getMessage().contains("TOPSECRET"));
            return;
        }
        assertTrue(s.declaredRoles().stream().noneMatch(r -> r.contains("TOPSECRET")), s.declaredRoles().toString());
    }

    @Test
    void anEntityExpansionBombIsRefused() {
        StringBuilder dtd = new StringBuilder("<!ENTITY e0 \"lollollollollollollollollollol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY e").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&e").append(i - 1).append(';');
            }
            dtd.append("\">");
        }
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE web-app [" + dtd + "]><web-app><security-role><role-name>&e9;"
                + "</role-name></security-role></web-app>";
        assertThrows(WebXmlException.class, () -> parse(xml));
    }

    @Test
    void aFileLargerThanTheBoundIsRefusedWithoutParsing() {
        byte[] big = new byte[WebXmlParser.MAX_BYTES + 10];
        WebXmlException e = assertThrows(WebXmlException.class,
                () -> WebXmlParser.parse(new ByteArrayInputStream(big), "big.xml"));
        assertTrue(e.getMessage().startsWith("big.xml is larger than"), e.getMessage());
    }

    @Test
    void malformedXmlNamesTheLine() {
        WebXmlException e = assertThrows(WebXmlException.class, () -> parse("<web-app>\n<security-constraint>\n</web-app>"));
        assertTrue(e.getMessage().contains("not well-formed XML (line 3"), e.getMessage());
    }

    @Test
    void anotherRootElementIsRefused() {
        WebXmlException e = assertThrows(WebXmlException.class, () -> parse("<web-fragment/>"));
        assertTrue(e.getMessage().contains("<web-fragment>, not <web-app>"), e.getMessage());
    }

    @Test
    void methodAndOmissionInOneCollectionIsRefused() {
        WebXmlException e = assertThrows(WebXmlException.class, () -> parse("""
                <web-app><security-constraint><web-resource-collection><url-pattern>/a</url-pattern>
                <http-method>GET</http-method><http-method-omission>POST</http-method-omission>
                </web-resource-collection></security-constraint></web-app>"""));
        assertTrue(e.getMessage().contains("both <http-method> and <http-method-omission>"), e.getMessage());
    }

    @Test
    void aMethodThatIsNoHttpTokenIsRefused() {
        WebXmlException e = assertThrows(WebXmlException.class, () -> parse("""
                <web-app><security-constraint><web-resource-collection><url-pattern>/a</url-pattern>
                <http-method>GET POST</http-method></web-resource-collection></security-constraint></web-app>"""));
        assertTrue(e.getMessage().contains("'GET POST' is not an HTTP method name"), e.getMessage());
    }

    @Test
    void aDescriptorWithoutSecurityHasNoConstraints() throws Exception {
        WebXmlSecurity s = parse("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\"/>");
        assertTrue(s.constraints().isEmpty());
        assertNull(s.loginConfig());
    }

    @Test
    void anUnreadableStreamIsAnIoError() {
        assertThrows(IOException.class, () -> WebXmlParser.parse(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        }, "x"));
    }
}
