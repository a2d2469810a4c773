package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {

    @Test
    void bearerTokenIsExtractedWhateverTheSchemeCase() {
        for (String h : List.of("Bearer abc.def-_~+/=", "bearer abc.def-_~+/=", "BEARER   abc.def-_~+/=",
                " Bearer abc.def-_~+/= ")) {
            assertEquals(new Credentials.Bearer("abc.def-_~+/="), AuthorizationHeader.parse(h), h);
        }
    }

    @Test
    void malformedBearerHeadersAreMalformed() {
        for (String h : List.of("Bearer", "Bearer ", "Bearer a b", "Bearer a,b", "Bearer =abc", "Bearer a=b",
                "Bearer \"a\"", "Bearer a\tb", "", "   ", "Be@rer abc", "Bearer " + "a".repeat(9000))) {
            assertInstanceOf(Credentials.Malformed.class, AuthorizationHeader.parse(h), "[" + h + "]");
        }
    }

    @Test
    void everyCharacterIsJudgedAsRfc6750Says() {
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            boolean expected = allowed.indexOf(c) >= 0;
            String token = "ab" + c + "cd";
            assertEquals(expected, AuthorizationHeader.isB64Token(token), "U+" + Integer.toHexString(c));
            assertEquals(expected || c == '=', AuthorizationHeader.isB64Token("ab" + c),
                    "U+" + Integer.toHexString(c) + " last, where '=' pads");
        }
        assertTrue(AuthorizationHeader.isB64Token("a=="));
        assertFalse(AuthorizationHeader.isB64Token("=="));
        assertFalse(AuthorizationHeader.isB64Token(""));
    }

    @Test
    void moreThanOneHeaderIsMalformed() {
        assertInstanceOf(Credentials.Malformed.class,
                AuthorizationHeader.parse(Collections.enumeration(List.of("Bearer a", "Bearer b"))));
        assertInstanceOf(Credentials.None.class, AuthorizationHeader.parse(Collections.enumeration(List.of())));
    }

    @Test
    void basicIsDecodedAsUtf8AndSplitAtTheFirstColon() {
        String encoded = java.util.Base64.getEncoder().encodeToString("j\u00fcrgen:pa:ss".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(new Credentials.Basic("j\u00fcrgen", "pa:ss"), AuthorizationHeader.parse("basic " + encoded));
    }

    @Test
    void malformedBasicIsMalformed() {
        for (String h : List.of("Basic", "Basic !!!", "Basic " + java.util.Base64.getEncoder().encodeToString(
                "nocolon".getBytes()), "Basic " + java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':'}),
                "Basic " + java.util.Base64.getEncoder().encodeToString("a:b\u0000".getBytes()))) {
            Credentials parsed = AuthorizationHeader.parse(h);
            assertInstanceOf(Credentials.Malformed.class, parsed, h);
            assertTrue(((Credentials.Malformed) parsed).basicScheme(), "a malformed Basic header says it is Basic: " + h);
        }
    }

    @Test
    void malformedBearerAndSeveralHeadersAreNotMarkedAsBasic() {
        for (String h : List.of("Bearer", "Bearer a b", "", "B@sic abc")) {
            Credentials parsed = AuthorizationHeader.parse(h);
            assertInstanceOf(Credentials.Malformed.class, parsed, h);
            assertFalse(((Credentials.Malformed) parsed).basicScheme(), h);
        }
        Credentials two = AuthorizationHeader.parse(java.util.Collections.enumeration(List.of("Basic !!!", "Basic !!!")));
        assertFalse(((Credentials.Malformed) two).basicScheme(), "several headers stay a 400 whatever their scheme");
    }

    @Test
    void otherSchemesAreReportedAsSuch() {
        assertEquals(new Credentials.OtherScheme("Digest"), AuthorizationHeader.parse("Digest username=\"x\""));
    }

    @Test
    void credentialsNeverPrintSecrets() {
        assertFalse(new Credentials.Bearer("secret-token").toString().contains("secret-token"));
        assertFalse(new Credentials.Basic("u", "pw-secret").toString().contains("pw-secret"));
    }

    @Test
    void queryTokenDetectionDecodesNamesOnce() {
        assertTrue(Authenticator.hasQueryToken("access_token=x"));
        assertTrue(Authenticator.hasQueryToken("a=1&access%5Ftoken=x"));
        assertFalse(Authenticator.hasQueryToken("my_access_token=x"));
        assertFalse(Authenticator.hasQueryToken("a=%zz"));
        assertFalse(Authenticator.hasQueryToken(null));
    }
}
