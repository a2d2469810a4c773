package io.jwtgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetCookieHeaderTest {

    @Test
    void tokenCookieIsHostBoundSecureHttpOnlyLaxAndSessionOnly() {
        assertEquals("__Host-jwtgate.access=eyJhbGciOiJIUzI1NiJ9.e30.c2ln; Path=/; Secure; HttpOnly; SameSite=Lax",
                SetCookieHeader.build("__Host-jwtgate.access", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", true, true, null));
    }

    @Test
    void csrfCookieIsReadableByScripts() {
        assertEquals("__Host-jwtgate.csrf=abc_-1; Path=/; Secure; SameSite=Lax",
                SetCookieHeader.build("__Host-jwtgate.csrf", "abc_-1", true, false, null));
    }

    @Test
    void relaxedCookieHasNeitherPrefixNorSecure() {
        assertEquals("jwtgate.refresh=r; Path=/; HttpOnly; SameSite=Lax",
                SetCookieHeader.build("jwtgate.refresh", "r", false, true, null));
    }

    @Test
    void deletionIsAnEmptyValueWithMaxAgeZero() {
        assertEquals("__Host-jwtgate.access=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax",
                SetCookieHeader.build("__Host-jwtgate.access", "", true, true, 0));
    }

    @Test
    void neverWritesDomainOrExpires() {
        String header = SetCookieHeader.build("__Host-jwtgate.access", "v", true, true, null);
        assertFalse(header.toLowerCase().contains("domain"), header);
        assertFalse(header.toLowerCase().contains("expires"), header);
    }

    @Test
    void valuesOrNamesThatCouldBreakTheHeaderAreRefused() {
        for (String value : List.of("a;b", "a b", "a\r\nSet-Cookie: x=1", "\"q\"", "a,b", "é")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SetCookieHeader.build("n", value, true, true, null));
            assertFalse(e.getMessage().contains(value), "the value is never repeated: " + e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SetCookieHeader.build("a=b", "v", true, true, null));
        assertThrows(IllegalArgumentException.class, () -> SetCookieHeader.build("n", "v", true, true, -1));
    }

    @Test
    void aHeaderOverFourThousandBytesIsAServerFault() {
        String big = "a".repeat(SetCookieHeader.MAX_BYTES);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SetCookieHeader.build("__Host-jwtgate.access", big, true, true, null));
        assertFalse(e.getMessage().contains(big), "the value is never repeated");
    }
}
