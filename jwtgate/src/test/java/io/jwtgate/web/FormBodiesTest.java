package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one form reader: strict UTF-8 before and after percent-decoding (decision 144). */
class FormBodiesTest {

    private static Map<String, String> parse(String body) {
        return FormBodies.parse(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String refusal(String body) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body), body);
        assertEquals(400, e.error().status(), body);
        return e.error().description();
    }

    @Test
    void readsFieldsPlusAsSpaceEscapesAndEmptyParts() {
        assertEquals(Map.of("a", "x y", "b", "", "c", "", "é", "€ =&"),
                parse("a=x+y&&b=&c&%C3%A9=%E2%82%AC+%3D%26&"));
        assertEquals(Map.of(), parse(""));
        // Raw (unescaped) UTF-8 bytes are read too.
        assertEquals(Map.of("n", "é"), parse("n=\u00c3\u00a9"));
        assertEquals(Map.of("k", "a=b"), parse("k=a=b"));
    }

    @Test
    void percentEncodedInvalidUtf8IsRefused() {
        for (String body : new String[] {"token=%E9", "token=%C3", "token=%ED%A0%80", "token=%F8%88%80%80%80",
                "%FF=x", "a=%C0%AF"}) {
            assertEquals("The form is not UTF-8", refusal(body));
        }
    }

    @Test
    void rawInvalidUtf8IsRefused() {
        assertEquals("The form is not UTF-8", refusal("token=\u00e9"));
    }

    @Test
    void malformedEscapesAndRepeatedFieldsAreRefused() {
        for (String body : new String[] {"a=%", "a=%4", "a=%G1", "a=%4G", "%=x", "a=b%"}) {
            assertEquals("The form has a malformed percent-encoding", refusal(body));
        }
        assertEquals("The form repeats the field a", refusal("a=1&a=2"));
        assertEquals("The form repeats the field (unnamed)", refusal("a+b=1&a%20b=2"));
    }
}
