package io.jwtgate.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jwtgate.web.AuthorizationHeader;
import io.jwtgate.web.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Fuzzes {@link AuthorizationHeader#parse(String)}: whatever the header value, parsing returns one
 * of the {@link Credentials} cases and never throws; a {@code Bearer} token is an RFC 6750
 * {@code b64token}; a {@code Basic} user-id holds no {@code ':'}; and a parsed result survives a
 * round trip through its canonical spelling.
 *
 * <p>Input: the raw bytes, decoded as UTF-8 (invalid sequences become U+FFFD), are the header
 * value. Seeds: {@code src/test/resources/io/jwtgate/fuzz/AuthorizationHeaderFuzzTestInputs/parse/}.
 */
class AuthorizationHeaderFuzzTest {

    /** RFC 6750 §2.1, written independently of the parser's own check. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    @FuzzTest(maxDuration = "15s")
    void parse(byte[] input) {
        String header = new String(input, StandardCharsets.UTF_8);
        Credentials result = AuthorizationHeader.parse(header);
        assertNotNull(result, "parse returned null");

        if (result instanceof Credentials.Bearer bearer) {
            String token = bearer.token();
            assertTrue(B64TOKEN.matcher(token).matches(), "Bearer token is not a b64token");
            assertTrue(header.contains(token), "Bearer token is not taken from the header");
            assertEquals(result, AuthorizationHeader.parse("Bearer " + token), "Bearer round trip");
        } else if (result instanceof Credentials.Basic basic) {
            assertFalse(basic.userId().contains(":"), "Basic user-id contains ':'");
            assertFalse(hasControl(basic.userId()) || hasControl(basic.password()), "Basic holds control characters");
            String again = Base64.getEncoder().encodeToString(
                    (basic.userId() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8));
            assertEquals(result, AuthorizationHeader.parse("Basic " + again), "Basic round trip");
        } else if (result instanceof Credentials.OtherScheme other) {
            String scheme = other.scheme().toLowerCase(Locale.ROOT);
            assertFalse(scheme.isEmpty() || scheme.equals("bearer") || scheme.equals("basic"),
                    "OtherScheme for an empty, Bearer or Basic scheme");
        } else if (result instanceof Credentials.Malformed malformed) {
            assertFalse(malformed.reason() == null || malformed.reason().isEmpty(), "Malformed without a reason");
        } else if (result instanceof Credentials.None) {
            fail("a present header value was parsed as no credentials");
        } else {
            fail("unknown Credentials case " + result.getClass());
        }

        // The multi-value entry point agrees with the single-value one, and two values are malformed.
        assertEquals(result, AuthorizationHeader.parse(Collections.enumeration(List.of(header))));
        assertInstanceOf(Credentials.Malformed.class,
                AuthorizationHeader.parse(Collections.enumeration(List.of(header, header))));
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
