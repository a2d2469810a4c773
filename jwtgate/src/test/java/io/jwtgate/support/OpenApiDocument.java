package io.jwtgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code docs/openapi.yaml} read as a tree, with what the tests ask of it: its operations, each
 * operation's documented statuses, and responses, headers and schemas with their local
 * {@code $ref}s followed. Only the parts of OpenAPI 3.1 the document uses are understood (decision 194).
 */
public final class OpenApiDocument {

    /** From a module directory ({@code jwtgate}, {@code jwtgate-javax}): the root's {@code docs}. */
    public static final Path FILE = Path.of("..", "docs", "openapi.yaml");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument read() {
        try {
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(FILE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** One documented operation, e.g. {@code POST /auth/login}. */
    public record Operation(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every operation, in document order; {@code method} upper case. */
    public List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : fields(root.path("paths"))) {
            for (Map.Entry<String, JsonNode> op : fields(path.getValue())) {
                if (METHODS.contains(op.getKey())) {
                    out.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.getValue()));
                }
            }
        }
        return out;
    }

    /** {@code "POST /auth/login 200"} for every documented status of every operation. */
    public Set<String> documentedStatuses() {
        Set<String> out = new LinkedHashSet<>();
        for (Operation op : operations()) {
            for (Map.Entry<String, JsonNode> response : fields(op.node().path("responses"))) {
                out.add(op + " " + response.getKey());
            }
        }
        return out;
    }

    /** The response object of {@code "POST /auth/login"} and {@code status}, references followed. */
    public JsonNode response(String operation, int status) {
        for (Operation op : operations()) {
            if (op.toString().equals(operation)) {
                JsonNode response = op.node().path("responses").path(Integer.toString(status));
                if (response.isMissingNode()) {
                    throw new IllegalArgumentException(operation + " documents no " + status);
                }
                return resolve(response);
            }
        }
        throw new IllegalArgumentException("no operation " + operation);
    }

    /** The header objects of a response by header name, references followed. */
    public Map<String, JsonNode> headers(JsonNode response) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : fields(response.path("headers"))) {
            out.put(header.getKey(), resolve(header.getValue()));
        }
        return out;
    }

    /** Follows {@code $ref} (a local JSON pointer) until a node without one. */
    public JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref cycle at " + node);
            }
            current = target(current.get("$ref").asText());
        }
        return current;
    }

    /**
     * The node a local reference names.
     *
     * @throws IllegalArgumentException when it is not local or names nothing
     */
    public JsonNode target(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("not a local reference: " + ref);
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolved reference: " + ref);
        }
        return target;
    }

    /** Every {@code $ref} value anywhere in the document. */
    public List<String> references() {
        List<String> out = new ArrayList<>();
        collectReferences(root, out);
        return out;
    }

    private static void collectReferences(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : fields(node)) {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    out.add(field.getValue().textValue());
                } else {
                    collectReferences(field.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> collectReferences(item, out));
        }
    }

    /** The required properties of a schema, its {@code allOf} members' included. */
    public Set<String> requiredProperties(JsonNode schema) {
        JsonNode s = resolve(schema);
        Set<String> out = new LinkedHashSet<>();
        s.path("required").forEach(name -> out.add(name.asText()));
        s.path("allOf").forEach(member -> out.addAll(requiredProperties(member)));
        return out;
    }

    /** The property schemas of a schema, its {@code allOf} members' included, references followed. */
    public Map<String, JsonNode> properties(JsonNode schema) {
        JsonNode s = resolve(schema);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : fields(s.path("properties"))) {
            out.put(p.getKey(), resolve(p.getValue()));
        }
        s.path("allOf").forEach(member -> out.putAll(properties(member)));
        return out;
    }

    public static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return new ArrayList<>(node.properties());
    }
}
