package io.jwtgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    private final CsrfTokens tokens = new CsrfTokens();

    @Test
    void tokensAre43Base64UrlCharactersAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String t = tokens.generate();
            assertEquals(43, t.length(), t);
            assertTrue(CsrfTokens.wellFormed(t), t);
            assertTrue(seen.add(t), "repeated token");
        }
    }

    @Test
    void onlyTheSameWellFormedTokenMatches() {
        String t = tokens.generate();
        assertTrue(CsrfTokens.matches(t, new String(t)));
        assertFalse(CsrfTokens.matches(t, tokens.generate()));
        assertFalse(CsrfTokens.matches(t, null));
        assertFalse(CsrfTokens.matches(null, t));
        assertFalse(CsrfTokens.matches(null, null), "no cookie and no token is no match");
        assertFalse(CsrfTokens.matches("", ""));
        assertFalse(CsrfTokens.matches("short", "short"), "malformed values never match, even equal");
        assertFalse(CsrfTokens.matches(t, t + "x"));
    }
}
