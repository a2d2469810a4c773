package io.jwtgate.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds JWS header and payload JSON text from fuzzer data for {@link AccessTokenVerifierFuzzTest},
 * then encodes and signs it. Each choice is {@code consumeInt(0, n)}, whose value is 0 when the
 * data is used up, and choice 0 is always the valid one: an empty input gives a token the verifier
 * accepts, and every byte the fuzzer adds moves one field away from it.
 */
final class TokenShapes {

    private static final int MAX_STRING = 48;

    private TokenShapes() {
    }

    /** The protected header; {@code kid} is the kid a valid token names, or null for none. */
    static String header(FuzzedDataProvider d, String kid) {
        if (d.consumeInt(0, 15) == 15) {
            return d.consumeString(256);
        }
        List<String[]> members = new ArrayList<>();
        member(members, "alg", choose(d, "\"HS256\"", "\"HS384\"", "\"HS512\"", "\"none\"", "\"hs256\"", "\"HS256 \"",
                "\"RS256\"", "\"\""));
        member(members, "typ", choose(d, "\"at+jwt\"", "\"application/at+jwt\"", "\"AT+JWT\"", "\"JWT\"", "\"at+JWT\"",
                "\"application/jwt\"", "\"at+jwt\\u0000\""));
        member(members, "kid", choose(d, kid == null ? null : quote(kid), "\"k1\"", "\"other\"", "\"\""));
        member(members, "crit", choose(d, null, "[\"exp\"]", "[]"));
        member(members, "b64", choose(d, null, "false", "true"));
        return object(d, members);
    }

    /** The claims; {@code audience} is the audience a valid token carries, or null for none. */
    static String payload(FuzzedDataProvider d, String audience) {
        int shape = d.consumeInt(0, 31);
        if (shape == 31) {
            return d.consumeString(512);
        }
        if (shape == 30) {
            return jsonValue(d, 0);
        }
        List<String[]> members = new ArrayList<>();
        member(members, "iss", choose(d, "\"jwtgate\"", "\"Jwtgate\"", "\"jwtgate \"", "[\"jwtgate\"]", "\"\""));
        member(members, "sub", choose(d, "\"u-1\"", "\"\"", "7", "\"\\u0000\""));
        member(members, "preferred_username", choose(d, "\"alice\"", "5", "\"\""));
        member(members, "iat", time(d, T()));
        member(members, "nbf", time(d, T()));
        member(members, "exp", time(d, T() + 600));
        member(members, "jti", choose(d, "\"j-1\"", "\"\"", "1"));
        member(members, "sid", choose(d, "\"s-1\"", "\"\"", "{}"));
        member(members, "scope", choose(d, "\"messages:read\"", "\"\"", "\" a  b \"", "[\"a\"]"));
        member(members, "roles", choose(d, "[\"user\"]", "[]", "\"admin\"", "[1]", "[\"admin\",null]", "{}"));
        member(members, "aud", choose(d, audience == null ? null : quote(audience), "\"api\"", "[\"x\",\"api\"]",
                "[\"api\",5]", "[]", "\"API\""));
        return object(d, members);
    }

    /** Encodes both parts (canonically by default) and signs exactly what is sent. */
    static String encodeAndSign(FuzzedDataProvider d, String header, String payload, byte[] secret) {
        String h = encode(d, header);
        String p = encode(d, payload);
        String input = h + "." + p;
        byte[] signature;
        switch (d.consumeInt(0, 6)) {
            case 1:
                signature = AccessTokenVerifierFuzzTest.hmac("HmacSHA384", secret, input);
                break;
            case 2:
                signature = AccessTokenVerifierFuzzTest.hmac("HmacSHA512", secret, input);
                break;
            case 3:
                signature = AccessTokenVerifierFuzzTest.hmac("HmacSHA256",
                        "another-secret-0123456789-abcdefghijklmnop".getBytes(StandardCharsets.UTF_8), input);
                break;
            case 4:
                signature = AccessTokenVerifierFuzzTest.hmac("HmacSHA256", secret, input);
                signature[d.consumeInt(0, signature.length - 1)] ^= (byte) (1 << d.consumeInt(0, 7));
                break;
            case 5:
                signature = java.util.Arrays.copyOf(AccessTokenVerifierFuzzTest.hmac("HmacSHA256", secret, input),
                        d.consumeInt(1, 33));
                break;
            case 6:
                return input + "." + d.consumeString(64);
            default:
                signature = AccessTokenVerifierFuzzTest.hmac("HmacSHA256", secret, input);
        }
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String encode(FuzzedDataProvider d, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        switch (d.consumeInt(0, 4)) {
            case 1:
                return Base64.getUrlEncoder().encodeToString(bytes); // padded
            case 2:
                return Base64.getEncoder().withoutPadding().encodeToString(bytes); // + and /
            case 3:
                return json; // not encoded at all
            case 4: {
                // A different spelling of the same bytes, where the last character has spare bits.
                String canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                if (canonical.isEmpty() || canonical.length() % 4 == 0) {
                    return canonical;
                }
                char last = canonical.charAt(canonical.length() - 1);
                String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
                char other = alphabet.charAt((alphabet.indexOf(last) + 1) % 64);
                return canonical.substring(0, canonical.length() - 1) + other;
            }
            default:
                return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    private static long T() {
        return AccessTokenVerifierFuzzTest.T;
    }

    /** A NumericDate claim: valid by default, else shifted, odd-typed or an arbitrary JSON number. */
    private static String time(FuzzedDataProvider d, long valid) {
        switch (d.consumeInt(0, 6)) {
            case 1:
                return null;
            case 2:
                return Long.toString(valid + d.consumeLong(-200_000, 200_000));
            case 3:
                return valid + "." + digits(d);
            case 4:
                return number(d);
            case 5:
                return jsonValue(d, 0);
            case 6:
                return quote(Long.toString(valid));
            default:
                return Long.toString(valid);
        }
    }

    /** JSON number text over the whole RFC 8259 grammar: sign, integer, fraction, exponent. */
    static String number(FuzzedDataProvider d) {
        StringBuilder n = new StringBuilder();
        if (d.consumeBoolean()) {
            n.append('-');
        }
        n.append(d.consumeBoolean() ? Long.toString(d.consumeLong(0, Long.MAX_VALUE)) : digits(d));
        if (d.consumeBoolean()) {
            n.append('.').append(digits(d));
        }
        if (d.consumeBoolean()) {
            n.append(d.consumeBoolean() ? 'e' : 'E');
            int sign = d.consumeInt(0, 2);
            n.append(sign == 1 ? "+" : sign == 2 ? "-" : "");
            n.append(d.consumeBoolean() ? Integer.toString(d.consumeInt(0, Integer.MAX_VALUE))
                    : Integer.toString(d.consumeInt(0, 400)));
        }
        return n.toString();
    }

    private static String digits(FuzzedDataProvider d) {
        int length = d.consumeInt(1, 80);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('0' + d.consumeInt(0, 9)));
        }
        return s.toString();
    }

    /** Any JSON value, nesting bounded; sometimes not JSON at all. */
    static String jsonValue(FuzzedDataProvider d, int depth) {
        switch (d.consumeInt(0, 8)) {
            case 1:
                return number(d);
            case 2:
                return d.pickValue(new String[] {"true", "false", "null"});
            case 3:
                if (depth < 20) {
                    int n = d.consumeInt(0, 3);
                    List<String> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        items.add(jsonValue(d, depth + 1));
                    }
                    return "[" + String.join(",", items) + "]";
                }
                return "[]";
            case 4:
                if (depth < 20) {
                    List<String[]> members = new ArrayList<>();
                    int n = d.consumeInt(0, 3);
                    for (int i = 0; i < n; i++) {
                        member(members, d.consumeString(MAX_STRING), jsonValue(d, depth + 1));
                    }
                    return object(d, members);
                }
                return "{}";
            case 5:
                return d.consumeString(MAX_STRING); // raw text, usually not JSON
            default:
                return quote(d.consumeString(MAX_STRING));
        }
    }

    /** Choice 0 is {@code valid} (null: the member is absent); 1 is "absent"; 2 any JSON value. */
    private static String choose(FuzzedDataProvider d, String valid, String... alternatives) {
        int pick = d.consumeInt(0, alternatives.length + 2);
        if (pick == 0) {
            return valid;
        }
        if (pick == 1) {
            return null;
        }
        if (pick == 2) {
            return jsonValue(d, 1);
        }
        return alternatives[pick - 3];
    }

    private static void member(List<String[]> members, String name, String value) {
        if (value != null) {
            members.add(new String[] {name, value});
        }
    }

    /** An object from the members, sometimes with one duplicated, one extra or a trailing comma. */
    private static String object(FuzzedDataProvider d, List<String[]> members) {
        List<String> texts = new ArrayList<>();
        for (String[] m : members) {
            texts.add(quote(m[0]) + ":" + m[1]);
        }
        switch (d.consumeInt(0, 5)) {
            case 1:
                if (!members.isEmpty()) {
                    String[] m = members.get(d.consumeInt(0, members.size() - 1));
                    texts.add(quote(m[0]) + ":" + jsonValue(d, 1));
                }
                break;
            case 2:
                texts.add(quote(d.consumeString(MAX_STRING)) + ":" + jsonValue(d, 1));
                break;
            case 3:
                if (!texts.isEmpty()) {
                    texts.add(0, texts.remove(texts.size() - 1));
                }
                break;
            case 4:
                return "{" + String.join(",", texts) + ",}";
            case 5:
                return " {" + String.join(" , ", texts) + "}\n";
            default:
                break;
        }
        return "{" + String.join(",", texts) + "}";
    }

    /** A JSON string literal; control characters and non-ASCII are escaped or kept as the data says. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
