package io.jwtgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every secret the test run handles (signing secrets, passwords, access and refresh tokens seen in
 * responses or minted by tests, and every credential a test sends, wrong ones included), so that
 * {@code io.jwtgate.logs.LogsHoldNoSecretsTest} (and the sample's {@code LogsHoldNoSecretsIT},
 * through the library's test-jar) can check that none of them reached a log. The HTTP helpers
 * register what they send and receive themselves, so a new test is covered without remembering to.
 */
public final class Secrets {

    private static final Set<String> SEEN = Collections.synchronizedSet(new LinkedHashSet<>());
    // User-ids sent anywhere: logged on purpose, so never searched for even when a test also sends
    // one of them as a password (hostile strings are tried in both places).
    private static final Set<String> NAMES = Collections.synchronizedSet(new LinkedHashSet<>());
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private Secrets() {
    }

    /** Remembers a secret; strings under 8 characters are ignored because they would match by chance. */
    public static void remember(String secret) {
        if (secret != null && secret.length() >= 8) {
            SEEN.add(secret);
        }
    }

    /**
     * Remembers an {@code Authorization} (or {@code Proxy-Authorization}) value as sent: the whole
     * value, its credentials part, and for Basic the decoded password and {@code user:password}.
     */
    public static void rememberAuthorization(String value) {
        if (value == null) {
            return;
        }
        String v = value.strip();
        remember(v);
        int space = v.indexOf(' ');
        if (space < 0) {
            return;
        }
        String credentials = v.substring(space + 1).strip();
        remember(credentials);
        if (v.substring(0, space).equalsIgnoreCase("basic")) {
            try {
                String userPass = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                remember(userPass);
                int colon = userPass.indexOf(':');
                if (colon >= 0) {
                    NAMES.add(userPass.substring(0, colon));
                    remember(userPass.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                // Not base64 (a hostile header): the value itself is remembered above.
            }
        }
    }

    /** Remembers the credential headers among name/value pairs. */
    public static void rememberHeaders(Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            if (isCredentialHeader(name)) {
                values.forEach(Secrets::rememberAuthorization);
            }
        });
    }

    /** Remembers the credential header in one raw {@code Name: value} line. */
    public static void rememberHeaderLine(String line) {
        int colon = line.indexOf(':');
        if (colon > 0 && isCredentialHeader(line.substring(0, colon).strip())) {
            rememberAuthorization(line.substring(colon + 1));
        }
    }

    /**
     * Remembers the values of every field named like a password or token in a request body sent as
     * JSON (read leniently, since tests send broken JSON too) or as a form.
     */
    public static void rememberBody(String body) {
        if (body == null || body.isEmpty()) {
            return;
        }
        try {
            rememberFields(LENIENT.readTree(body));
            return;
        } catch (java.io.IOException | RuntimeException e) {
            // Not JSON: try it as a form below.
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && isSecretField(decode(pair.substring(0, eq)))) {
                remember(decode(pair.substring(eq + 1)));
            }
        }
    }

    private static void rememberFields(JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (String name : List.of("username", "email", "user")) {
                if (node.path(name).isTextual()) {
                    NAMES.add(node.get(name).textValue());
                }
            }
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (isSecretField(f.getKey()) && f.getValue().isTextual()) {
                    remember(f.getValue().textValue());
                }
                rememberFields(f.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(Secrets::rememberFields);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static boolean isCredentialHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization");
    }

    /**
     * Password, token and secret fields; token ids ({@code token_id}, {@code jti}) are logged on
     * purpose, and token types are words.
     */
    private static boolean isSecretField(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        // token_type and RFC 7009's token_type_hint name a kind of token ("refresh_token"), not a token.
        if (n.endsWith("_id") || n.equals("jti") || n.equals("token_type") || n.equals("token_type_hint")) {
            return false;
        }
        return n.contains("password") || n.contains("token") || n.contains("secret");
    }

    /** Every secret seen, less any string also sent as a user-id. */
    public static List<String> all() {
        List<String> all;
        synchronized (SEEN) {
            all = new ArrayList<>(SEEN);
        }
        synchronized (NAMES) {
            all.removeAll(NAMES);
        }
        return all;
    }
}
