package io.jwtgate.sample;

import static io.jwtgate.sample.HostileTokens.HEADER;
import static io.jwtgate.sample.HostileTokens.attackerSigned;
import static io.jwtgate.sample.HostileTokens.b64;
import static io.jwtgate.sample.HostileTokens.hs256;
import static io.jwtgate.sample.HostileTokens.payload;
import static io.jwtgate.sample.HostileTokens.signParts;
import static io.jwtgate.sample.HostileTokens.signed;
import static io.jwtgate.sample.HostileTokens.str;
import static io.jwtgate.sample.HostileTokens.withSignature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.sample.HostileTokens.Payload;
import io.jwtgate.sample.Verdicts.Answer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Hostile access tokens and {@code Authorization} headers against the sample's real
 * {@code web.xml}, over real HTTP, written once and run in every container by the subclasses.
 * Every hostile construction must be refused with 401 (400 for header-grammar problems, any 4xx
 * for sizes a container refuses first), never 200, never 5xx, and never reach the application.
 *
 * <p>The WAR is deployed once per class with a signing secret the tests know, so they can forge
 * tokens that are correctly signed and hostile in one respect only. The positive controls show
 * that forging works: a refusal is then due to the one hostile detail.
 */
abstract class AbstractTokenAttackIT extends AbstractAttackIT {

    private static final String ADMIN = "/admin/users";
    private static final String ADMIN_MARKER = "admin area";

    // ---------------------------------------------------------------- helpers

    /** GET /admin/users with {@code Authorization: Bearer token}. */
    private Answer admin(String token) {
        return Answer.of(http.get(ADMIN, token));
    }

    /** GET {@code target} over a socket with the given Authorization header values (one field each). */
    private Answer raw(String target, String... authorizationValues) throws IOException {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"X-Forwarded-For", http.clientAddress()});
        for (String value : authorizationValues) {
            headers.add(new String[] {"Authorization", value});
        }
        return Answer.of(RawHttp.send(app.port(), "GET", target, headers, null));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String header(String... rawMembers) {
        return "{" + String.join(",", rawMembers) + "}";
    }

    private JsonNode login(String username) {
        HttpResponse<String> response = http.postJson("/auth/login", Http.object()
                .put("username", username).put("password", AttackDeployment.PASSWORD), null);
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response);
    }

    private static JsonNode payloadOf(String token) throws IOException {
        return Http.JSON.readTree(HostileTokens.decode(token.split("\\.")[1]));
    }

    // ---------------------------------------------------------------- least privilege of narrowed tokens

    /**
     * A token narrowed to {@code messages:read} (at login, or minted by a Bearer caller) still
     * carries {@code roles: ["admin"]}, so it passes every {@code role:admin} rule and may revoke
     * any user's token (outside review of issue 7). Narrowing must narrow what the token can do.
     */
    @Test
    void tokensNarrowedToMessagesReadDoNotReachRoleAdminPaths() {
        JsonNode full = login("admin");
        HttpResponse<String> narrowedLogin = http.postJson("/auth/login", Http.object()
                .put("username", "admin").put("password", AttackDeployment.PASSWORD)
                .set("scopes", Http.JSON.createArrayNode().add("messages:read")), null);
        assertEquals(200, narrowedLogin.statusCode(), narrowedLogin.body());
        HttpResponse<String> minted = http.postJson("/auth/token", Http.object()
                .set("scopes", Http.JSON.createArrayNode().add("messages:read")), full.get("access_token").asText());
        assertEquals(201, minted.statusCode(), minted.body());
        for (HttpResponse<String> narrowed : List.of(narrowedLogin, minted)) {
            String token = Http.json(narrowed).get("access_token").asText();
            HttpResponse<String> page = http.get(ADMIN, token);
            assertEquals(403, page.statusCode(), "a messages:read token reached " + ADMIN + ": " + page.body());
        }
    }

    // ---------------------------------------------------------------- positive controls

    @Test
    void controlCorrectlyForgedAdminTokenWithTheKnownSecretReachesTheAdminServlet() {
        Verdicts v = verdicts();

        v.reached("baseline forged token", admin(hs256(HEADER, payload().json())), ADMIN_MARKER);
        v.reached("typ application/at+jwt", admin(hs256("{\"alg\":\"HS256\",\"typ\":\"application/at+jwt\"}",
                payload().json())), ADMIN_MARKER);

        v.assertAll();
    }

    @Test
    void controlFractionalTimeClaimsWithinTheWindowAreAccepted() {
        long now = now();
        String token = hs256(HEADER, payload()
                .raw("iat", (now - 11) + ".75")
                .raw("nbf", (now - 11) + ".5")
                .raw("exp", (now + 300) + ".125").json());
        Verdicts v = verdicts();

        v.reached("fractional iat/nbf/exp", admin(token), ADMIN_MARKER);

        v.assertAll();
    }

    @Test
    void controlLifetimeOfExactlyTheDefaultMaximumOf24HoursIsAccepted() {
        long iat = now() - 60;
        String token = hs256(HEADER, payload().raw("iat", Long.toString(iat)).raw("nbf", Long.toString(iat))
                .raw("exp", Long.toString(iat + 24 * 3600)).json());
        Verdicts v = verdicts();

        v.reached("exp - iat = 24 h", admin(token), ADMIN_MARKER);

        v.assertAll();
    }

    // ---------------------------------------------------------------- alg

    @Test
    void algNoneInEverySpellingIsRefusedWhateverTheSignature() {
        Verdicts v = verdicts();
        String claims = payload().json();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String h = header("\"alg\":" + str(none), "\"typ\":\"at+jwt\"");
            String unsigned = b64(h) + "." + b64(claims) + ".";
            v.invalidToken(none + " with an empty signature", admin(unsigned), Verdicts.INVALID);
            v.invalidToken(none + " with a garbage signature",
                    admin(withSignature(h, claims, HostileTokens.randomBytes(32))), Verdicts.INVALID);
            v.invalidToken(none + " with a valid HS256 signature", admin(hs256(h, claims)), Verdicts.INVALID);
            v.invalidToken(none + " with a one-byte signature", admin(withSignature(h, claims, new byte[] {0})),
                    Verdicts.INVALID);
        }
        v.assertAll();
    }

    @Test
    void missingNullNumericArrayOrObjectAlgIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("alg missing", header("\"typ\":\"at+jwt\""));
        headers.put("alg null", header("\"alg\":null", "\"typ\":\"at+jwt\""));
        headers.put("alg 256", header("\"alg\":256", "\"typ\":\"at+jwt\""));
        headers.put("alg [\"HS256\"]", header("\"alg\":[\"HS256\"]", "\"typ\":\"at+jwt\""));
        headers.put("alg {\"name\":\"HS256\"}", header("\"alg\":{\"name\":\"HS256\"}", "\"typ\":\"at+jwt\""));
        headers.put("alg true", header("\"alg\":true", "\"typ\":\"at+jwt\""));
        headers.put("alg empty string", header("\"alg\":\"\"", "\"typ\":\"at+jwt\""));
        headers.forEach((label, h) -> v.invalidToken(label, admin(hs256(h, payload().json())), Verdicts.INVALID));
        v.assertAll();
    }

    @Test
    void mistypedAlgNamesAreRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        for (String alg : List.of("HS256 ", " HS256", "hs256", "Hs256", "HS-256", "HMAC256", "HS256\u0000",
                "HS2560", "HS25")) {
            String h = header("\"alg\":" + str(alg), "\"typ\":\"at+jwt\"");
            v.invalidToken("alg " + str(alg), admin(hs256(h, payload().json())), Verdicts.INVALID);
        }
        v.assertAll();
    }

    @Test
    void tokensSignedWithTheSameSecretUnderHs384OrHs512AreRefused() {
        Verdicts v = verdicts();
        for (String alg : List.of("HS384", "HS512")) {
            String h = header("\"alg\":" + str(alg), "\"typ\":\"at+jwt\"");
            v.invalidToken(alg + " header and " + alg + " signature", admin(signed(alg, h, payload().json())),
                    Verdicts.INVALID);
        }
        v.assertAll();
    }

    @Test
    void headerAlgorithmDifferentFromTheSignatureAlgorithmIsRefused() {
        Verdicts v = verdicts();
        String[][] cases = {{"HS256", "HS512"}, {"HS256", "HS384"}, {"HS512", "HS256"}, {"HS384", "HS256"}};
        for (String[] c : cases) {
            String h = header("\"alg\":" + str(c[0]), "\"typ\":\"at+jwt\"");
            v.invalidToken("header " + c[0] + ", signature " + c[1], admin(signed(c[1], h, payload().json())),
                    Verdicts.INVALID);
        }
        // HS256 header with an HS512 MAC cut to 32 bytes: the right length, the wrong value.
        String h = HEADER;
        String claims = payload().json();
        byte[] mac512 = HostileTokens.hmac("HS512", HostileTokens.secret(), b64(h) + "." + b64(claims));
        v.invalidToken("HS256 header, HS512 MAC truncated to 32 bytes",
                admin(withSignature(h, claims, java.util.Arrays.copyOf(mac512, 32))), Verdicts.INVALID);
        v.assertAll();
    }

    @Test
    void asymmetricAlgHeadersWithGarbageOrHmacSignaturesAreRefused() {
        Verdicts v = verdicts();
        for (String alg : List.of("RS256", "ES256", "PS256", "RS512", "ES512", "EdDSA")) {
            String h = header("\"alg\":" + str(alg), "\"typ\":\"at+jwt\"");
            String claims = payload().json();
            v.invalidToken(alg + " with 256 garbage bytes",
                    admin(withSignature(h, claims, HostileTokens.randomBytes(256))), Verdicts.INVALID);
            v.invalidToken(alg + " with 64 garbage bytes",
                    admin(withSignature(h, claims, HostileTokens.randomBytes(64))), Verdicts.INVALID);
            v.invalidToken(alg + " with an HMAC-SHA256 signature under the real secret",
                    admin(hs256(h, claims)), Verdicts.INVALID);
            v.invalidToken(alg + " with an HMAC-SHA512 signature under the real secret",
                    admin(signed("HS512", h, claims)), Verdicts.INVALID);
        }
        v.assertAll();
    }

    // ---------------------------------------------------------------- structure

    @Test
    void tokensWithOneTwoFourOrFiveSegmentsAreRefused() {
        Verdicts v = verdicts();
        String good = hs256(HEADER, payload().json());
        String[] p = good.split("\\.");
        v.invalidToken("1 segment (header)", admin(p[0]), Verdicts.INVALID);
        v.invalidToken("1 segment (payload)", admin(p[1]), Verdicts.INVALID);
        v.invalidToken("2 segments", admin(p[0] + "." + p[1]), Verdicts.INVALID);
        v.invalidToken("4 segments (valid token plus a copy of its signature)", admin(good + "." + p[2]),
                Verdicts.INVALID);
        v.invalidToken("5 segments (JWE shape)", admin(p[0] + "." + p[1] + "." + p[2] + "." + p[1] + "." + p[2]),
                Verdicts.INVALID);
        v.invalidToken("5 segments (JWE shape, empty key)", admin(p[0] + ".." + p[1] + "." + p[2] + "." + p[2]),
                Verdicts.INVALID);
        v.assertAll();
    }

    @Test
    void tokensWithEmptyPartsAreRefused() {
        Verdicts v = verdicts();
        String[] p = hs256(HEADER, payload().json()).split("\\.");
        v.invalidToken("empty header", admin("." + p[1] + "." + p[2]), Verdicts.INVALID);
        v.invalidToken("empty payload", admin(p[0] + ".." + p[2]), Verdicts.INVALID);
        v.invalidToken("empty signature", admin(p[0] + "." + p[1] + "."), Verdicts.INVALID);
        v.invalidToken("only dots", admin(".."), Verdicts.INVALID);
        v.invalidToken("three dots", admin("..."), Verdicts.INVALID);
        v.invalidToken("empty payload, signed over header and empty payload",
                admin(signParts("HS256", p[0], "")), Verdicts.INVALID);
        v.invalidToken("empty header, signed over empty header and payload",
                admin(signParts("HS256", "", p[1])), Verdicts.INVALID);
        v.assertAll();
    }

    @Test
    void headerOrPayloadThatIsNotAJsonObjectIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        for (String json : List.of("null", "[]", "[" + HEADER + "]", "\"HS256\"", "1", "true", "{}", "")) {
            v.invalidToken("header " + json, admin(hs256(json, payload().json())), Verdicts.INVALID);
        }
        for (String json : List.of("null", "[]", "[" + payload().json() + "]", "\"admin\"", "12345", "false",
                "{}", "")) {
            v.invalidToken("payload " + json, admin(hs256(HEADER, json)), Verdicts.INVALID);
        }
        v.assertAll();
    }

    @Test
    void invalidUtf8InHeaderOrPayloadIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("byte FF", new byte[] {(byte) 0xFF});
        bad.put("overlong '/' C0 AF", new byte[] {(byte) 0xC0, (byte) 0xAF});
        bad.put("UTF-16 surrogate ED A0 80", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        bad.put("truncated E2 82", new byte[] {(byte) 0xE2, (byte) 0x82});
        bad.put("Latin-1 E9", new byte[] {(byte) 0xE9});
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            // The hostile bytes sit inside a string value, where a lenient decoder would replace them.
            byte[] header = splice("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"x\":\"", e.getValue(), "\"}");
            byte[] claims = splice(payload().json().replaceFirst("\\}$", ",\"x\":\""), e.getValue(), "\"}");
            v.invalidToken("header with " + e.getKey(),
                    admin(signParts("HS256", b64(header), b64(payload().json()))), Verdicts.INVALID);
            v.invalidToken("payload with " + e.getKey(),
                    admin(signParts("HS256", b64(HEADER), b64(claims))), Verdicts.INVALID);
        }
        v.assertAll();
    }

    private static byte[] splice(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    @Test
    void byteOrderMarkBeforeHeaderOrPayloadIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        String bom = "\uFEFF";
        v.invalidToken("BOM before the header", admin(hs256(bom + HEADER, payload().json())), Verdicts.INVALID);
        v.invalidToken("BOM before the payload", admin(hs256(HEADER, bom + payload().json())), Verdicts.INVALID);
        v.invalidToken("UTF-16 BOM and text before the payload", admin(signParts("HS256", b64(HEADER),
                b64(("\uFEFF" + payload().json()).getBytes(StandardCharsets.UTF_16)))), Verdicts.INVALID);
        v.assertAll();
    }

    @Test
    void lenientJsonSyntaxInHeaderOrPayloadIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        long now = now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("trailing comma", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",}");
        headers.put("block comment", "{\"alg\":\"HS256\",/* hi */\"typ\":\"at+jwt\"}");
        headers.put("line comment", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"// hi\n}");
        headers.put("single quotes", "{'alg':'HS256','typ':'at+jwt'}");
        headers.put("unquoted names", "{alg:\"HS256\",typ:\"at+jwt\"}");
        headers.put("trailing content", HEADER + "x");
        headers.put("second object", HEADER + "{}");
        headers.put("NaN member", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"n\":NaN}");
        headers.put("raw control character in a string", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"x\":\"a\u0001b\"}");
        headers.forEach((label, h) -> v.invalidToken("header " + label, admin(hs256(h, payload().json())),
                Verdicts.INVALID));

        Map<String, String> payloads = new LinkedHashMap<>();
        payloads.put("trailing comma", payload().after(",").json());
        payloads.put("block comment", payload().after("/* admin */").json());
        payloads.put("line comment", payload().after("// admin\n").json());
        payloads.put("single-quoted sub", payload().raw("sub", "'attacker-subject'").json());
        payloads.put("unquoted name", payload().remove("sub").after(",sub:\"x\"").json());
        payloads.put("exp NaN", payload().raw("exp", "NaN").json());
        payloads.put("exp Infinity", payload().raw("exp", "Infinity").json());
        payloads.put("exp -Infinity", payload().raw("exp", "-Infinity").json());
        payloads.put("exp with leading zero", payload().raw("exp", "0" + (now + 300)).json());
        payloads.put("exp with plus sign", payload().raw("exp", "+" + (now + 300)).json());
        payloads.put("exp hexadecimal", payload().raw("exp", "0x" + Long.toHexString(now + 300)).json());
        payloads.put("trailing content", payload().json() + "x");
        payloads.put("second object", payload().json() + "{\"roles\":[\"admin\"]}");
        payloads.forEach((label, p) -> v.invalidToken("payload " + label, admin(hs256(HEADER, p)),
                Verdicts.INVALID));
        v.assertAll();
    }

    // ---------------------------------------------------------------- duplicates, crit, b64

    @Test
    void duplicateAlgInTheHeaderIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("alg HS256 then none", "{\"alg\":\"HS256\",\"alg\":\"none\",\"typ\":\"at+jwt\"}");
        headers.put("alg none then HS256", "{\"alg\":\"none\",\"alg\":\"HS256\",\"typ\":\"at+jwt\"}");
        headers.put("alg HS256 twice", "{\"alg\":\"HS256\",\"alg\":\"HS256\",\"typ\":\"at+jwt\"}");
        headers.put("typ twice", "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"typ\":\"at+jwt\"}");
        headers.put("alg twice, second escaped", "{\"alg\":\"none\",\"\\u0061lg\":\"HS256\",\"typ\":\"at+jwt\"}");
        headers.forEach((label, h) -> v.invalidToken(label, admin(hs256(h, payload().json())), Verdicts.INVALID));
        v.assertAll();
    }

    @Test
    void duplicateSubExpOrRolesInThePayloadIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        long now = now();
        Map<String, String> payloads = new LinkedHashMap<>();
        payloads.put("sub twice", payload().text("sub", "1").after(",\"sub\":\"2\"").json());
        payloads.put("sub twice, first escaped", payload().before("\"s\\u0075b\":\"2\",").json());
        payloads.put("exp past then future", payload().before("\"exp\":" + (now - 3600) + ",").json());
        payloads.put("exp future then past", payload().after(",\"exp\":" + (now - 3600)).json());
        payloads.put("roles twice", payload().raw("roles", "[\"user\"]").after(",\"roles\":[\"admin\"]").json());
        payloads.put("jti twice", payload().after(",\"jti\":" + str(HostileTokens.randomId())).json());
        payloads.forEach((label, p) -> v.invalidToken(label, admin(hs256(HEADER, p)), Verdicts.INVALID));
        v.assertAll();
    }

    @Test
    void critAndB64HeadersAreRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("crit [exp]", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"exp\"],\"exp\":1}");
        headers.put("crit []", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[]}");
        headers.put("crit \"x\"", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":\"x\"}");
        headers.put("crit [unknown] with the member", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"x\"],\"x\":1}");
        headers.put("crit null", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":null}");
        headers.put("b64 false", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"b64\":false}");
        headers.put("b64 false, crit [b64]", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"b64\":false,\"crit\":[\"b64\"]}");
        headers.put("b64 true", "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"b64\":true}");
        headers.forEach((label, h) -> v.invalidToken(label, admin(hs256(h, payload().json())), Verdicts.INVALID));
        // RFC 7797 unencoded payload: the signing input carries the payload bytes as they are.
        String h = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"b64\":false,\"crit\":[\"b64\"]}";
        String claims = payload().json();
        String input = b64(h) + "." + claims;
        byte[] mac = HostileTokens.hmac("HS256", HostileTokens.secret(), input);
        v.invalidToken("b64 false with a detached-style unencoded payload signature",
                admin(b64(h) + "." + b64(claims) + "." + b64(mac)), Verdicts.INVALID);
        v.assertAll();
    }

    // ---------------------------------------------------------------- time claims

    @Test
    void missingNullOrNonNumericExpNbfOrIatIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        long now = now();
        for (String claim : List.of("exp", "nbf", "iat")) {
            long valid = claim.equals("exp") ? now + 300 : now - 10;
            v.invalidToken(claim + " missing", admin(hs256(HEADER, payload().remove(claim).json())), Verdicts.INVALID);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("null", "null");
            values.put("a numeric string", str(Long.toString(valid)));
            values.put("an ISO date string", str(Instant.ofEpochSecond(valid).toString()));
            values.put("true", "true");
            values.put("false", "false");
            values.put("an array", "[" + valid + "]");
            values.put("an object", "{\"value\":" + valid + "}");
            values.forEach((label, raw) -> v.invalidToken(claim + " " + label,
                    admin(hs256(HEADER, payload().raw(claim, raw).json())), Verdicts.INVALID));
        }
        v.assertAll();
    }

    @Test
    void negativeOrAstronomicallyLargeTimeClaimsAreRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        for (String claim : List.of("exp", "nbf", "iat")) {
            for (String raw : List.of("-1", "-0.5", "-9999999999", "1e300", "1E+300", "99999999999999999999999",
                    "253402300800", "9223372036854775807", "9223372036854775808", "1e19")) {
                v.invalidToken(claim + " " + raw, admin(hs256(HEADER, payload().raw(claim, raw).json())), Verdicts.INVALID);
            }
        }
        v.invalidToken("exp 0", admin(hs256(HEADER, payload().raw("exp", "0").json())), Verdicts.INVALID);
        v.assertAll();
    }

    /**
     * A NumericDate with a huge negative exponent is a tiny, in-range number, but turning it
     * into milliseconds by rescaling builds a power of ten with up to two billion digits: the
     * arithmetic must not escape as a server error.
     */
    @Test
    void timeClaimsWithHugeNegativeExponentsAreRefusedWith401Not500() {
        Verdicts v = verdicts();
        for (String claim : List.of("exp", "nbf", "iat")) {
            for (String raw : List.of("1e-1000000000", "1E-2147483647")) {
                v.invalidToken(claim + " " + raw, admin(hs256(HEADER, payload().raw(claim, raw).json())), Verdicts.INVALID);
            }
        }
        v.assertAll();
    }

    /**
     * Like the one above with an exponent the arithmetic can still handle, slowly: tens of
     * seconds of CPU per claim. A verifier answers this in milliseconds; the 5 s bound only tells
     * an answer from a hang (it is no timing measurement).
     */
    @Test
    void timeClaimWithALargeNegativeExponentIsAnsweredWithoutHangingTheServer() {
        String token = hs256(HEADER, payload().raw("exp", "1e-40000000").json());
        HttpResponse<String> response;
        try {
            response = http.get(ADMIN, token, java.time.Duration.ofSeconds(5));
        } catch (java.io.UncheckedIOException e) {
            throw new AssertionError("no answer within 5 s to a token with \"exp\":1e-40000000 in " + container()
                    + ": the verifier is still computing", e);
        }
        Verdicts v = verdicts();
        v.invalidToken("exp 1e-40000000", Answer.of(response), Verdicts.INVALID);
        v.assertAll();
    }

    @Test
    void nbfOrIatInTheFutureIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        long now = now();
        v.invalidToken("nbf in 1 h", admin(hs256(HEADER, payload().raw("nbf", Long.toString(now + 3600))
                .raw("exp", Long.toString(now + 7200)).json())), Verdicts.INVALID);
        v.invalidToken("nbf in 2 min (beyond the 30 s skew)", admin(hs256(HEADER, payload()
                .raw("nbf", Long.toString(now + 120)).json())), Verdicts.INVALID);
        v.invalidToken("iat and nbf in 1 h", admin(hs256(HEADER, payload().raw("iat", Long.toString(now + 3600))
                .raw("nbf", Long.toString(now + 3600)).raw("exp", Long.toString(now + 7200)).json())),
                Verdicts.INVALID);
        v.invalidToken("iat in 1 h, nbf now", admin(hs256(HEADER, payload().raw("iat", Long.toString(now + 3600))
                .raw("nbf", Long.toString(now - 10)).raw("exp", Long.toString(now + 7200)).json())), Verdicts.INVALID);
        v.invalidToken("iat in 2 min", admin(hs256(HEADER, payload().raw("iat", Long.toString(now + 120)).json())),
                Verdicts.INVALID);
        v.assertAll();
    }

    @Test
    void expiredTokenIsRefusedAsExpiredAndExpBeforeIatAsInvalid() {
        Verdicts v = verdicts();
        long now = now();
        v.invalidToken("expired an hour ago", admin(hs256(HEADER, payload().raw("iat", Long.toString(now - 7200))
                .raw("nbf", Long.toString(now - 7200)).raw("exp", Long.toString(now - 3600)).json())),
                Verdicts.EXPIRED);
        v.invalidToken("exp before iat", admin(hs256(HEADER, payload().raw("exp", Long.toString(now - 20)).json())),
                Verdicts.INVALID);
        v.invalidToken("exp equal to iat", admin(hs256(HEADER, payload().raw("exp", Long.toString(now - 10)).json())),
                Verdicts.INVALID);
        v.assertAll();
    }

    @Test
    void lifetimeBeyondTheConfiguredMaximumIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        long iat = now() - 60;
        v.invalidToken("exp - iat = 25 h", admin(hs256(HEADER, payload().raw("iat", Long.toString(iat))
                .raw("nbf", Long.toString(iat)).raw("exp", Long.toString(iat + 25 * 3600)).json())), Verdicts.INVALID);
        v.invalidToken("exp - iat = 24 h + 1 s", admin(hs256(HEADER, payload().raw("iat", Long.toString(iat))
                .raw("nbf", Long.toString(iat)).raw("exp", Long.toString(iat + 24 * 3600 + 1)).json())),
                Verdicts.INVALID);
        v.invalidToken("exp - iat = 10 years", admin(hs256(HEADER, payload().raw("iat", Long.toString(iat))
                .raw("nbf", Long.toString(iat)).raw("exp", Long.toString(iat + 3650L * 24 * 3600)).json())),
                Verdicts.INVALID);
        v.assertAll();
    }

    // ---------------------------------------------------------------- iss, aud, typ, token kinds

    @Test
    void foreignOrMissingIssuerIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        Map<String, String> issuers = new LinkedHashMap<>();
        issuers.put("another issuer", str("https://evil.example"));
        issuers.put("JWTGATE", str("JWTGATE"));
        issuers.put("trailing space", str("jwtgate "));
        issuers.put("empty", str(""));
        issuers.put("null", "null");
        issuers.put("array", "[\"jwtgate\"]");
        issuers.put("number", "1");
        issuers.forEach((label, raw) -> v.invalidToken("iss " + label,
                admin(hs256(HEADER, payload().raw("iss", raw).json())), Verdicts.INVALID));
        v.invalidToken("iss missing", admin(hs256(HEADER, payload().remove("iss").json())), Verdicts.INVALID);
        v.assertAll();
    }

    /** Issue 8 item 8: another application's audience, or none (a token from before the upgrade), is refused. */
    @Test
    void foreignOrMissingAudienceIsRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        Map<String, String> audiences = new LinkedHashMap<>();
        audiences.put("another application", str("jwtgate/shop"));
        audiences.put("the issuer alone", str("jwtgate"));
        audiences.put("trailing space", str("jwtgate/ "));
        audiences.put("array without ours", "[\"jwtgate/shop\",\"other\"]");
        audiences.put("empty", str(""));
        audiences.put("null", "null");
        audiences.put("number", "1");
        audiences.forEach((label, raw) -> v.invalidToken("aud " + label,
                admin(hs256(HEADER, payload().raw("aud", raw).json())), Verdicts.INVALID));
        v.invalidToken("aud missing", admin(hs256(HEADER, payload().remove("aud").json())), Verdicts.INVALID);
        v.reached("aud array holding ours", admin(hs256(HEADER, payload()
                .raw("aud", "[\"other\",\"" + HostileTokens.AUDIENCE + "\"]").json())), ADMIN_MARKER);
        v.assertAll();
    }

    @Test
    void identityClaimsMissingEmptyOrOfTheWrongTypeAreRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        for (String claim : List.of("sub", "jti", "sid")) {
            v.invalidToken(claim + " missing", admin(hs256(HEADER, payload().remove(claim).json())), Verdicts.INVALID);
            for (String raw : List.of("\"\"", "null", "1", "[\"x\"]", "{\"x\":1}", "true")) {
                v.invalidToken(claim + " " + raw, admin(hs256(HEADER, payload().raw(claim, raw).json())),
                        Verdicts.INVALID);
            }
        }
        for (String raw : List.of("\"admin\"", "{\"0\":\"admin\"}", "[\"admin\",1]", "[[\"admin\"]]", "[null]")) {
            v.invalidToken("roles " + raw, admin(hs256(HEADER, payload().raw("roles", raw).json())), Verdicts.INVALID);
        }
        for (String raw : List.of("[\"all:any\"]", "1", "{\"all:any\":true}")) {
            v.invalidToken("scope " + raw, admin(hs256(HEADER, payload().raw("scope", raw).json())), Verdicts.INVALID);
        }
        v.assertAll();
    }

    @Test
    void idTokenLookalikesAndOtherTypsAreRefusedEvenWhenCorrectlySigned() {
        Verdicts v = verdicts();
        String idTokenClaims = payload().text("aud", "some-client-id").text("nonce", "n-0S6_WzA2Mj")
                .text("azp", "some-client-id").json();
        v.invalidToken("ID token: typ JWT, aud client id, nonce",
                admin(hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", idTokenClaims)), Verdicts.INVALID);
        v.invalidToken("ID token without typ", admin(hs256("{\"alg\":\"HS256\"}", idTokenClaims)), Verdicts.INVALID);
        Map<String, String> typs = new LinkedHashMap<>();
        typs.put("typ missing", "{\"alg\":\"HS256\"}");
        typs.put("typ JWT", "{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        typs.put("typ refresh+jwt", "{\"alg\":\"HS256\",\"typ\":\"refresh+jwt\"}");
        typs.put("typ application/jwt", "{\"alg\":\"HS256\",\"typ\":\"application/jwt\"}");
        typs.put("typ \"at+jwt \"", "{\"alg\":\"HS256\",\"typ\":\"at+jwt \"}");
        typs.put("typ at+jwt;x", "{\"alg\":\"HS256\",\"typ\":\"at+jwt;x\"}");
        typs.put("typ null", "{\"alg\":\"HS256\",\"typ\":null}");
        typs.put("typ [at+jwt]", "{\"alg\":\"HS256\",\"typ\":[\"at+jwt\"]}");
        typs.put("typ in the payload only", "{\"alg\":\"HS256\"}");
        typs.forEach((label, h) -> v.invalidToken(label, admin(hs256(h, label.contains("payload")
                ? payload().text("typ", "at+jwt").json() : payload().json())), Verdicts.INVALID));
        v.assertAll();
    }

    @Test
    void refreshTokenFromARealLoginPresentedAsBearerIsRefused() {
        JsonNode tokens = login("alice");
        String refresh = tokens.get("refresh_token").asText();
        Verdicts v = verdicts();

        v.invalidToken("refresh token as Bearer at /api/hello", Answer.of(http.get("/api/hello", refresh)),
                Verdicts.INVALID);
        v.invalidTokenAtLoginEndpoint("refresh token as Bearer at /auth/me", Answer.of(http.get("/auth/me", refresh)),
                Verdicts.INVALID);
        v.invalidTokenAtLoginEndpoint("refresh token as Bearer at /auth/logout",
                Answer.of(http.postJson("/auth/logout", "{}", refresh)), Verdicts.INVALID);

        v.assertAll();
        // The refused attempts did not disturb the session: the refresh token still refreshes once.
        assertEquals(200, http.postJson("/auth/refresh", Http.object().put("refresh_token", refresh), null)
                .statusCode());
    }

    @Test
    void accessTokenSentToTheRefreshEndpointIsRefusedWithInvalidGrant() {
        String access = login("alice").get("access_token").asText();

        HttpResponse<String> asBody = http.postJson("/auth/refresh", Http.object().put("refresh_token", access), null);
        HttpResponse<String> asBodyAndBearer = http.postJson("/auth/refresh",
                Http.object().put("refresh_token", access), access);
        HttpResponse<String> asBearerOnly = http.postJson("/auth/refresh", "{}", access);

        for (HttpResponse<String> r : List.of(asBody, asBodyAndBearer)) {
            assertEquals(401, r.statusCode(), r.body());
            assertEquals("invalid_grant", Http.json(r).get("error").asText(), r.body());
            assertTrue(Http.json(r).get("refresh_token") == null, r.body());
        }
        assertEquals(400, asBearerOnly.statusCode(), "a Bearer header is no refresh token: " + asBearerOnly.body());
        assertEquals("invalid_request", Http.json(asBearerOnly).get("error").asText());
        assertEquals(200, http.get("/api/hello", access).statusCode(), "the access token itself is still valid");
    }

    // ---------------------------------------------------------------- kid, jku, x5u, jwk, x5c

    /** A TCP listener on 127.0.0.1 that only counts the connections it is offered. */
    private static final class TrapServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        TrapServer() throws IOException {
            socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        s.close();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "jku-trap");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void jkuX5uJwkAndX5cHeadersFetchNothingAndAttackerKeysAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) rsa.getPublic();
        String rsaJwk = "{\"kty\":\"RSA\",\"n\":" + str(b64(unsigned(pub.getModulus()))) + ",\"e\":"
                + str(b64(unsigned(pub.getPublicExponent()))) + "}";
        String octJwk = "{\"kty\":\"oct\",\"k\":" + str(b64(HostileTokens.ATTACKER_KEY)) + "}";
        String x5c = "[" + str(Base64.getEncoder().encodeToString(pub.getEncoded())) + "]";
        Verdicts v = verdicts();
        int connections;
        try (TrapServer trap = new TrapServer()) {
            String jku = str(trap.url("/jwks.json"));
            String x5u = str(trap.url("/cert.pem"));
            String claims = payload().json();

            v.invalidToken("jku + kid, HMAC under the attacker's key", admin(attackerSigned(
                    header("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"", "\"jku\":" + jku, "\"kid\":\"attacker\""),
                    claims)), Verdicts.INVALID);
            v.invalidToken("x5u, HMAC under the attacker's key", admin(attackerSigned(
                    header("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"", "\"x5u\":" + x5u), claims)), Verdicts.INVALID);
            v.invalidToken("jwk oct holding the attacker's HMAC key", admin(attackerSigned(
                    header("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"", "\"jwk\":" + octJwk), claims)),
                    Verdicts.INVALID);
            v.invalidToken("RS256 with embedded jwk, signed by its private key", admin(rs256(rsa,
                    header("\"alg\":\"RS256\"", "\"typ\":\"at+jwt\"", "\"jwk\":" + rsaJwk), claims)),
                    Verdicts.INVALID);
            v.invalidToken("RS256 with jku, signed by the attacker's private key", admin(rs256(rsa,
                    header("\"alg\":\"RS256\"", "\"typ\":\"at+jwt\"", "\"jku\":" + jku), claims)), Verdicts.INVALID);
            v.invalidToken("RS256 with x5u, signed by the attacker's private key", admin(rs256(rsa,
                    header("\"alg\":\"RS256\"", "\"typ\":\"at+jwt\"", "\"x5u\":" + x5u), claims)), Verdicts.INVALID);
            v.invalidToken("RS256 with x5c, signed by the attacker's private key", admin(rs256(rsa,
                    header("\"alg\":\"RS256\"", "\"typ\":\"at+jwt\"", "\"x5c\":" + x5c), claims)), Verdicts.INVALID);
            v.invalidToken("HS256 with jku, jwk, x5u and x5c together, attacker's key", admin(attackerSigned(
                    header("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"", "\"jku\":" + jku, "\"x5u\":" + x5u,
                            "\"jwk\":" + octJwk, "\"x5c\":" + x5c), claims)), Verdicts.INVALID);
            connections = trap.connections();
        }
        v.assertAll();
        assertEquals(0, connections, "JwtGate connected to the URL in jku/x5u");
    }

    @Test
    void jkuAndX5uHeadersAreIgnoredSoATokenSignedWithTheRealSecretIsAcceptedAndNothingIsFetched()
            throws Exception {
        Verdicts v = verdicts();
        int connections;
        try (TrapServer trap = new TrapServer()) {
            String h = header("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"", "\"jku\":" + str(trap.url("/jwks.json")),
                    "\"x5u\":" + str(trap.url("/cert.pem")));
            v.reached("jku + x5u, signed with the real secret", admin(hs256(h, payload().json())), ADMIN_MARKER);
            connections = trap.connections();
        }
        v.assertAll();
        assertEquals(0, connections, "JwtGate connected to the URL in jku/x5u");
    }

    /**
     * Issue 12: a header {@code kid} selects among the configured keys only, and a kid that names
     * none is a bad token (decision 453). The sample's HMAC key has no kid, so a token naming any
     * kid is refused even when the real secret signed it; the token without kid still verifies.
     * (Until issue 12 the single key ignored an unknown kid and the real secret decided.)
     */
    @Test
    void unknownKidIsRefusedEvenWhenTheRealSecretSigned() {
        Verdicts v = verdicts();
        String h = header("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"", "\"kid\":\"unknown-key-id\"");
        v.invalidToken("unknown kid, signed with the real secret", admin(hs256(h, payload().json())), Verdicts.INVALID);
        v.invalidToken("unknown kid, signed with the attacker's key", admin(attackerSigned(h, payload().json())),
                Verdicts.INVALID);
        v.reached("control: no kid, signed with the real secret", admin(hs256(HEADER, payload().json())),
                ADMIN_MARKER);
        v.assertAll();
    }

    @Test
    void hostileKidValuesNeverGive500AndAreRefusedWhoeverSigned() {
        Verdicts v = verdicts();
        List<String> textual = List.of(str("../../etc/passwd"), str("' OR '1'='1"), str("\u0000"),
                str("/dev/null"), str(""), str("a".repeat(2000)), str("${jndi:ldap://127.0.0.1:1/x}"),
                str("%00"), str("\\\\server\\share"));
        List<String> nonTextual = List.of("null", "1", "[\"k\"]", "{\"kid\":\"k\"}", "true");
        for (String kid : textual) {
            String h = header("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"", "\"kid\":" + kid);
            String label = "kid " + (kid.length() > 40 ? kid.substring(0, 40) + "..." : kid);
            v.invalidToken(label + ", attacker's key", admin(attackerSigned(h, payload().json())), Verdicts.INVALID);
            v.invalidToken(label + ", real secret", admin(hs256(h, payload().json())), Verdicts.INVALID);
        }
        for (String kid : nonTextual) {
            String h = header("\"alg\":\"HS256\"", "\"typ\":\"at+jwt\"", "\"kid\":" + kid);
            v.invalidToken("non-string kid " + kid + ", real secret", admin(hs256(h, payload().json())),
                    Verdicts.INVALID);
        }
        v.assertAll();
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String rs256(KeyPair pair, String headerJson, String payloadJson) throws GeneralSecurityException {
        String input = b64(headerJson) + "." + b64(payloadJson);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(pair.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(s.sign());
    }

    // ---------------------------------------------------------------- sizes and nesting

    @Test
    void tokenOfNineKibibytesIsRefusedWithA4xx() throws Exception {
        String token = hs256(HEADER, payload().text("pad", "x".repeat(6700)).json());
        assertTrue(token.length() > 9 * 1024 && token.length() < 10 * 1024, "length " + token.length());
        Verdicts v = verdicts();

        v.headTooLargeForTheContainer("9 KiB token through the HTTP client", admin(token));
        v.headTooLargeForTheContainer("9 KiB token over a socket", raw(ADMIN, "Bearer " + token));

        v.assertAll();
    }

    @Test
    void tokenJustOverEightKibibytesIsRefusedWithA4xx() {
        // JwtGate's token limit (8 KiB) and the containers' default request-head limit (8 KiB)
        // meet here; with the other header lines the head is over the containers' limit, so the
        // container refuses it before JwtGate runs.
        Payload p = payload();
        String token = hs256(HEADER, p.text("pad", "").json());
        int pad = (8 * 1024 + 16 - token.length()) * 3 / 4;
        token = hs256(HEADER, payload().text("pad", "x".repeat(pad)).json());
        assertTrue(token.length() > 8 * 1024 && token.length() < 8 * 1024 + 40, "length " + token.length());
        Verdicts v = verdicts();

        v.headTooLargeForTheContainer("token of " + token.length() + " characters", admin(token));

        v.assertAll();
    }

    @Test
    void authorizationHeaderOf100KibibytesIsRefusedWithA4xxByTheContainer() throws Exception {
        String token = "A".repeat(100 * 1024);
        Verdicts v = verdicts();

        v.headTooLargeForTheContainer("100 KiB Bearer credentials", raw(ADMIN, "Bearer " + token));
        v.headTooLargeForTheContainer("100 KiB forged-token prefix", raw(ADMIN, "Bearer " + hs256(HEADER, payload().json())
                + token));

        v.assertAll();
    }

    @Test
    void deeplyNestedJsonInHeaderOrPayloadIsRefused() {
        Verdicts v = verdicts();
        String h = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"x\":";
        // Unclosed 5000 levels fit the size limits; the parser must stop at its depth limit.
        v.invalidToken("header with 5000 unclosed [",
                admin(hs256(h + "[".repeat(5000), payload().json())), Verdicts.INVALID);
        v.invalidToken("payload with 5000 unclosed [",
                admin(hs256(HEADER, payload().json().replaceFirst("\\}$", ",\"x\":") + "[".repeat(5000))),
                Verdicts.INVALID);
        v.invalidToken("payload with 1000 unclosed {\"a\":",
                admin(hs256(HEADER, payload().json().replaceFirst("\\}$", ",\"x\":") + "{\"a\":".repeat(1000))),
                Verdicts.INVALID);
        v.invalidToken("header with 2000 closed levels",
                admin(hs256(h + "[".repeat(2000) + "]".repeat(2000) + "}", payload().json())), Verdicts.INVALID);
        v.invalidToken("payload with 2000 closed levels",
                admin(hs256(HEADER, payload().raw("x", "[".repeat(2000) + "]".repeat(2000)).json())),
                Verdicts.INVALID);
        v.invalidToken("payload roles nested 17 deep",
                admin(hs256(HEADER, payload().raw("x", "[".repeat(17) + "]".repeat(17)).json())), Verdicts.INVALID);
        // Closed 5000 levels are 10 000 bytes before encoding: beyond the containers' head limit.
        v.headTooLargeForTheContainer("header with 5000 closed levels",
                admin(hs256(h + "[".repeat(5000) + "]".repeat(5000) + "}", payload().json())));
        v.headTooLargeForTheContainer("payload with 5000 closed levels",
                admin(hs256(HEADER, payload().raw("x", "[".repeat(5000) + "]".repeat(5000)).json())));
        v.assertAll();
    }

    // ---------------------------------------------------------------- RFC 6750 grammar

    @Test
    void bearerSchemeWithoutATokenGets400() throws Exception {
        Verdicts v = verdicts();
        v.invalidRequest("Bearer", raw(ADMIN, "Bearer"));
        v.invalidRequest("Bearer + two spaces", raw(ADMIN, "Bearer  "));
        v.invalidRequest("Bearer + tab", raw(ADMIN, "Bearer\t"));
        v.invalidRequest("empty Authorization", raw(ADMIN, ""));
        v.invalidRequest("Bearer =", raw(ADMIN, "Bearer ="));
        v.assertAll();
    }

    @Test
    void tabBetweenSchemeAndTokenGets400() throws Exception {
        String token = hs256(HEADER, payload().json());
        Verdicts v = verdicts();
        v.invalidRequest("Bearer<TAB>token", raw(ADMIN, "Bearer\t" + token));
        v.invalidRequest("Bearer<SP><TAB>token", raw(ADMIN, "Bearer \t" + token));
        v.assertAll();
    }

    @Test
    void twoTokensOrCommaJoinedCredentialsGet400() throws Exception {
        String token = hs256(HEADER, payload().json());
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + AttackDeployment.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Verdicts v = verdicts();
        v.invalidRequest("two tokens", raw(ADMIN, "Bearer " + token + " " + token));
        v.invalidRequest("garbage then the token", raw(ADMIN, "Bearer x " + token));
        v.invalidRequest("token, Bearer token", raw(ADMIN, "Bearer " + token + ", Bearer " + token));
        v.invalidRequest("token,Basic", raw(ADMIN, "Bearer " + token + "," + basic));
        v.invalidRequest("Basic, Bearer", raw(ADMIN, basic + ", Bearer " + token));
        v.invalidRequest("token with a trailing comma", raw(ADMIN, "Bearer " + token + ","));
        v.invalidRequest("token in quotes", raw(ADMIN, "Bearer \"" + token + "\""));
        v.invalidRequest("auth-param form", raw(ADMIN, "Bearer token=\"" + token + "\""));
        v.assertAll();
    }

    @Test
    void schemeIsCaseInsensitiveAndSeveralSpacesAreAllowed() throws Exception {
        String token = hs256(HEADER, payload().json());
        Verdicts v = verdicts();
        for (String scheme : List.of("Bearer ", "bearer ", "BEARER ", "bEaReR ", "Bearer   ")) {
            v.reached(str(scheme), raw(ADMIN, scheme + token), ADMIN_MARKER);
        }
        v.assertAll();
    }

    /**
     * Decided by observation: RFC 6750's b64token allows {@code =} at the end only, so a token
     * with trailing padding is a well-formed header and JwtGate's canonical-encoding rule refuses
     * it as an invalid token (401): one token has exactly one accepted spelling. Padding inside
     * the token (after the header or payload part) breaks the b64token grammar: 400.
     */
    @Test
    void trailingPaddingGets401InvalidTokenAndPaddingInsideTheTokenGets400() throws Exception {
        String token = hs256(HEADER, payload().json());
        String[] p = token.split("\\.");
        Verdicts v = verdicts();
        v.invalidToken("token + '='", raw(ADMIN, "Bearer " + token + "="), Verdicts.INVALID);
        v.invalidToken("token + '=='", raw(ADMIN, "Bearer " + token + "=="), Verdicts.INVALID);
        v.invalidToken("token + '==='", raw(ADMIN, "Bearer " + token + "==="), Verdicts.INVALID);
        v.invalidRequest("padded header part", raw(ADMIN, "Bearer " + pad(p[0]) + "." + p[1] + "." + p[2]));
        v.invalidRequest("padded payload part", raw(ADMIN, "Bearer " + p[0] + "." + pad(p[1]) + "." + p[2]));
        v.assertAll();
    }

    /** The part with base64 padding; a part that needs none gets one '=' anyway, so it always changes. */
    private static String pad(String part) {
        int missing = (4 - part.length() % 4) % 4;
        return part + "=".repeat(missing == 0 ? 1 : missing);
    }

    @Test
    void tokenInTheQueryStringGets400() throws Exception {
        String token = hs256(HEADER, payload().json());
        Verdicts v = verdicts();
        v.invalidRequest("?access_token=", raw(ADMIN + "?access_token=" + token));
        v.invalidRequest("?access_token= and a valid header", raw(ADMIN + "?access_token=" + token, "Bearer " + token));
        v.invalidRequest("?a=1&access_token=", raw(ADMIN + "?a=1&access_token=" + token));
        v.invalidRequest("?access%5Ftoken= (encoded name)", raw(ADMIN + "?access%5Ftoken=" + token));
        v.invalidRequest("?access_token without a value", raw(ADMIN + "?access_token"));
        v.assertAll();
    }

    @Test
    void severalAuthorizationHeadersGet400() throws Exception {
        String token = hs256(HEADER, payload().json());
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + AttackDeployment.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Verdicts v = verdicts();
        v.invalidRequest("Bearer and Basic", raw(ADMIN, "Bearer " + token, basic));
        v.invalidRequest("Basic and Bearer", raw(ADMIN, basic, "Bearer " + token));
        v.invalidRequest("the same Bearer twice", raw(ADMIN, "Bearer " + token, "Bearer " + token));
        v.invalidRequest("valid Bearer and an empty field", raw(ADMIN, "Bearer " + token, ""));
        v.invalidRequest("Bearer and Basic through the HTTP client", Answer.of(http.getWithHeaders(ADMIN,
                "Authorization", "Bearer " + token, "Authorization", basic)));
        v.assertAll();
    }

    // ---------------------------------------------------------------- revoked tokens, other spellings

    @Test
    void revokedTokenStaysRefusedInEveryEquivalentEncodingAndWhenReSigned() throws Exception {
        // A token whose text has '-' or '_', so that its standard-alphabet spelling differs.
        JsonNode tokens = login("alice");
        for (int i = 0; i < 20 && !tokens.get("access_token").asText().matches(".*[-_].*"); i++) {
            tokens = login("alice");
        }
        String token = tokens.get("access_token").asText();
        assertEquals(200, http.get("/api/hello", token).statusCode(), "control: the token works before logout");
        assertEquals(204, http.postJson("/auth/logout", "", token).statusCode());
        String[] p = token.split("\\.");
        JsonNode claims = payloadOf(token);
        Verdicts v = verdicts();

        v.invalidToken("the revoked token itself", Answer.of(http.get("/api/hello", token)), Verdicts.REVOKED);
        v.invalidToken("+ '='", raw("/api/hello", "Bearer " + token + "="), Verdicts.INVALID);
        v.invalidToken("+ '=='", raw("/api/hello", "Bearer " + token + "=="), Verdicts.INVALID);
        v.invalidToken("signature part padded", raw("/api/hello", "Bearer " + p[0] + "." + p[1] + "." + pad(p[2])),
                Verdicts.INVALID);
        v.invalidRequest("each part padded", raw("/api/hello", "Bearer " + pad(p[0]) + "." + pad(p[1]) + "."
                + pad(p[2])));
        String standard = token.replace('-', '+').replace('_', '/');
        assertNotEquals(token, standard, "the token has '-' or '_' to translate");
        v.invalidToken("standard alphabet (+ /)", raw("/api/hello", "Bearer " + standard), Verdicts.INVALID);
        for (String variant : lowBitVariants(token)) {
            v.invalidToken("unused low bits altered: ..." + variant.substring(variant.length() - 6),
                    raw("/api/hello", "Bearer " + variant), Verdicts.INVALID);
        }
        // Re-signed with the real secret: a different string with the same sid (and jti).
        v.invalidToken("claims re-ordered and re-signed",
                Answer.of(http.get("/api/hello", hs256(HEADER, reversed(claims)))), Verdicts.REVOKED);
        v.invalidToken("claims pretty-printed and re-signed", Answer.of(http.get("/api/hello",
                hs256(HEADER, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(claims)))),
                Verdicts.REVOKED);
        v.invalidToken("header re-ordered, payload as issued", Answer.of(http.get("/api/hello",
                signParts("HS256", b64("{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}"), p[1]))), Verdicts.REVOKED);
        ObjectNode newJti = claims.deepCopy();
        newJti.put("jti", HostileTokens.randomId());
        v.invalidToken("same sid, new jti, re-signed",
                Answer.of(http.get("/api/hello", hs256(HEADER, newJti.toString()))), Verdicts.REVOKED);
        v.assertAll();
        HttpResponse<String> refresh = http.postJson("/auth/refresh",
                Http.object().put("refresh_token", tokens.get("refresh_token").asText()), null);
        assertEquals(401, refresh.statusCode(), "the session's refresh token dies with it: " + refresh.body());
    }

    @Test
    void tokenRevokedByIdStaysRefusedWhenReSignedUnderAnotherSession() throws Exception {
        JsonNode tokens = login("alice");
        String token = tokens.get("access_token").asText();
        String jti = tokens.get("id").asText();
        assertEquals(204, http.delete("/auth/token/" + jti, token).statusCode());
        JsonNode claims = payloadOf(token);
        assertEquals(jti, claims.get("jti").asText());
        ObjectNode otherSid = claims.deepCopy();
        otherSid.put("sid", HostileTokens.randomId());
        Verdicts v = verdicts();

        v.invalidToken("the revoked token itself", Answer.of(http.get("/api/hello", token)), Verdicts.REVOKED);
        v.invalidToken("same jti, new sid, re-signed",
                Answer.of(http.get("/api/hello", hs256(HEADER, otherSid.toString()))), Verdicts.REVOKED);
        v.invalidToken("same jti and sid, re-ordered and re-signed",
                Answer.of(http.get("/api/hello", hs256(HEADER, reversed(claims)))), Verdicts.REVOKED);

        v.assertAll();
    }

    /** The claims as JSON text with the members in reverse order. */
    private static String reversed(JsonNode claims) {
        List<String> members = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : claims.properties()) {
            members.add(0, str(e.getKey()) + ":" + e.getValue().toString());
        }
        return "{" + String.join(",", members) + "}";
    }

    /**
     * The token with the unused low bits of each part's last character changed: the same bytes
     * for a lenient decoder, a different string for the server.
     */
    private static List<String> lowBitVariants(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String[] p = token.split("\\.");
        List<String> variants = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            int unusedBits = switch (p[part].length() % 4) {
                case 2 -> 4;
                case 3 -> 2;
                default -> 0;
            };
            if (unusedBits == 0) {
                continue;
            }
            char last = p[part].charAt(p[part].length() - 1);
            int index = alphabet.indexOf(last);
            for (int flip = 1; flip < (1 << unusedBits); flip <<= 1) {
                String[] q = p.clone();
                q[part] = p[part].substring(0, p[part].length() - 1) + alphabet.charAt(index ^ flip);
                variants.add(String.join(".", q));
            }
        }
        assertTrue(!variants.isEmpty(), "a 32-byte signature always has 2 unused bits");
        return variants;
    }
}
