package io.jwtgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.SpoofChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The look-alike key of usernames (decision 88). */
class UsernameKeyTest {

    static final List<String> ADMIN_LOOK_ALIKES = List.of("admin", "Admin", "ADMIN", "\u0430dmin", "\uff41\uff44\uff4d\uff49\uff4e",
            "admi\u0144", "admin\u0301", "adrnin", "\u0430\u0501m\u0456n", "ADM\u0399N");

    @Test
    void caseConfusablesFullwidthAndDiacriticsOfAdminAllShareItsKey() {
        for (String name : ADMIN_LOOK_ALIKES) {
            assertEquals(UsernameKey.of("admin"), UsernameKey.of(name), name);
        }
        assertEquals(UsernameKey.of("stra\u00dfe"), UsernameKey.of("STRASSE"));
        assertEquals(UsernameKey.of("J\u00fcrgen"), UsernameKey.of("jurgen"));
        assertEquals(UsernameKey.of("paypal"), UsernameKey.of("pa\u00adyp\u200bal"), "default ignorables vanish");
    }

    @Test
    void namesThatDoNotLookAlikeKeepDistinctKeys() {
        List<String> distinct = List.of("alice", "bob", "admin1", "admins", "adm.in", "\u0915\u093f\u0930\u0923",
                "\u0915\u0930\u0923", "\u674e\u5c0f\u9f99", "\u674e\u5c0f\u864e");
        assertEquals(distinct.size(), distinct.stream().map(UsernameKey::of).distinct().count());
        assertNotEquals(UsernameKey.of("admin"), UsernameKey.of("admin1"));
    }

    @Test
    void theKeyIsTheIcuSkeletonOfTheCaseFoldedNfkcNameWithoutScriptlessMarks() {
        SpoofChecker icu = new SpoofChecker.Builder().build();
        for (String name : List.of("alice", "Bob.Smith", "ops@example.org", "\u0391\u03b8\u03b7\u03bd\u03ac")) {
            String folded = UsernameKey.folded(name);
            assertEquals(icu.getSkeleton(folded), folded, name);
        }
        assertEquals(icu.getSkeleton("admin"), UsernameKey.folded("ADMI\u0143"));
        assertTrue(UsernameKey.of("alice").matches("[0-9a-f]{64}"));
    }
}
