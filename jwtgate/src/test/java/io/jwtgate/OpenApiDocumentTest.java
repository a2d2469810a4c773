package io.jwtgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jwtgate.support.OpenApiDocument;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.yaml} on its own: an OpenAPI 3.1 document with the fields the specification
 * requires and only local references that resolve, describing exactly the endpoints LoginServlet
 * serves. {@code OpenApiContract} checks it against the running servlet.
 */
class OpenApiDocumentTest {

    private final OpenApiDocument doc = OpenApiDocument.read();

    @Test
    void documentIsOpenApi31WithTheRequiredFields() {
        JsonNode root = doc.root();
        assertTrue(root.path("openapi").asText().matches("3\\.1\\.\\d+"), "openapi: " + root.path("openapi"));
        assertFalse(root.path("info").path("title").asText().isBlank(), "info.title is required");
        assertFalse(root.path("info").path("version").asText().isBlank(), "info.version is required");
        assertFalse(doc.operations().isEmpty(), "paths");
        Set<String> operationIds = new HashSet<>();
        for (OpenApiDocument.Operation op : doc.operations()) {
            assertTrue(op.path().startsWith("/auth/"), op + " is not below /auth/");
            assertTrue(operationIds.add(op.node().path("operationId").asText()), op + ": operationId missing or twice");
            JsonNode responses = op.node().path("responses");
            assertFalse(responses.isEmpty(), op + " has no responses");
            for (Map.Entry<String, JsonNode> response : OpenApiDocument.fields(responses)) {
                assertTrue(response.getKey().matches("[1-5][0-9][0-9]"), op + ": status " + response.getKey());
                assertTrue(doc.resolve(response.getValue()).path("description").isTextual(),
                        op + " " + response.getKey() + ": a response needs a description");
            }
        }
    }

    @Test
    void everyPathTemplateParameterIsDeclaredAsARequiredPathParameter() {
        Pattern template = Pattern.compile("\\{([^}]+)}");
        for (OpenApiDocument.Operation op : doc.operations()) {
            Matcher m = template.matcher(op.path());
            while (m.find()) {
                boolean declared = false;
                for (JsonNode p : op.node().path("parameters")) {
                    JsonNode parameter = doc.resolve(p);
                    declared |= parameter.path("name").asText().equals(m.group(1))
                            && parameter.path("in").asText().equals("path")
                            && parameter.path("required").asBoolean();
                }
                assertTrue(declared, op + " does not declare the path parameter " + m.group(1));
            }
        }
    }

    @Test
    void everyReferenceIsLocalAndResolves() {
        assertFalse(doc.references().isEmpty());
        for (String ref : doc.references()) {
            assertFalse(doc.target(ref).isMissingNode(), ref);
        }
    }

    @Test
    void everySecurityRequirementNamesADeclaredScheme() {
        JsonNode schemes = doc.root().path("components").path("securitySchemes");
        for (OpenApiDocument.Operation op : doc.operations()) {
            for (JsonNode requirement : op.node().path("security")) {
                requirement.fieldNames().forEachRemaining(name ->
                        assertTrue(schemes.has(name), op + " names the undeclared scheme " + name));
            }
        }
    }

    /** The servlet's route table is where its methods come from, so this is what it serves. */
    @Test
    void documentDescribesExactlyTheEndpointsTheServletServes() {
        Set<String> served = new TreeSet<>();
        LoginServlet.ENDPOINTS.forEach((path, methods) -> methods.forEach(method -> served.add(method + " /auth" + path)));
        Set<String> documented = new TreeSet<>();
        doc.operations().forEach(op -> documented.add(op.toString()));
        assertEquals(served, documented);
    }

    /** Every path's 405 {@code Allow} value, HEAD right after GET, is one the document's Allow header allows. */
    @Test
    void theDocumentedAllowValuesAreExactlyThoseOfThePathsTheServletServes() {
        Set<String> allows = new TreeSet<>();
        LoginServlet.ENDPOINTS.values().forEach(methods -> {
            java.util.StringJoiner allow = new java.util.StringJoiner(", ");
            methods.forEach(method -> {
                allow.add(method);
                if (method.equals("GET")) {
                    allow.add("HEAD");
                }
            });
            allows.add(allow.toString());
        });
        // Without cookie mode GET /login is gone and its path allows POST alone, which other paths share.
        allows.add("POST");
        Set<String> documented = new TreeSet<>();
        doc.resolve(doc.root().path("components").path("headers").path("Allow")).path("schema").path("enum")
                .forEach(value -> documented.add(value.asText()));
        assertEquals(allows, documented);
    }

    /** The page's policy in the document is the one the page sends, its style sheet's hash included. */
    @Test
    void theDocumentedPagePolicyMatchesTheLoginPagesPolicy() {
        String pattern = doc.root().path("components").path("headers").path("PagePolicy").path("schema")
                .path("pattern").asText();
        assertTrue(Pattern.compile(pattern).matcher(io.jwtgate.browser.LoginPage.CONTENT_SECURITY_POLICY).find(),
                io.jwtgate.browser.LoginPage.CONTENT_SECURITY_POLICY + " does not match " + pattern);
    }
}
