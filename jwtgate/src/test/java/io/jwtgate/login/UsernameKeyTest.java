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
            "admi\u0144", "admin\u0301", "adrnin", "\u0430\u0501m\u0456n", "ADM\u0399N", "adm\u0131n", "ADMlN", "adrn1n");

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
    void theKeyIsAFixedPointOfTheIcuSkeletonOfTheCaseFoldedNfkcNameWithoutScriptlessMarks() {
        SpoofChecker icu = new SpoofChecker.Builder().build();
        for (String name : List.of("alice", "Bob.Smith", "ops@example.org", "\u0391\u03b8\u03b7\u03bd\u03ac")) {
            String folded = UsernameKey.folded(name);
            assertEquals(icu.getSkeleton(folded), folded, name);
        }
        assertEquals(icu.getSkeleton("admln"), UsernameKey.folded("ADMI\u0143"), "i is read as l");
        assertTrue(UsernameKey.of("alice").matches("[0-9a-f]{64}"));
    }

    /** The pairs of the attack review: the skeleton maps I to l and 0 to O, so case is folded after it too. */
    static final List<List<String>> CAPITAL_I_AND_ZERO = List.of(List.of("alice", "aIice"), List.of("bill", "biII"),
            List.of("root", "r00t"), List.of("root", "rO0t"), List.of("bob", "b0b"), List.of("john", "j0hn"),
            List.of("oliver", "0liver"), List.of("alice", "a1ice"), List.of("bill", "BILL"), List.of("root", "ROOT"));

    @Test
    void capitalIDigitOneAndDigitZeroShareTheKeyOfLAndO() {
        for (List<String> pair : CAPITAL_I_AND_ZERO) {
            assertEquals(UsernameKey.of(pair.get(0)), UsernameKey.of(pair.get(1)), pair.toString());
        }
        assertEquals(UsernameKey.of("paypal"), UsernameKey.of("\u0440\u0430\u0443\u0440\u0430I"), "Cyrillic and capital I");
        assertEquals(UsernameKey.of("root"), UsernameKey.of("\uff52\uff10\uff4f\uff54"), "fullwidth 0");
    }

    @Test
    void theFoldedFormIsAFixedPointOfSkeletonAndCaseFolding() {
        for (String name : List.of("aIice", "rO0t", "ADMIN", "\u0391\u03b8\u03b7\u03bd\u03ac", "St\u0130ll", "\u1e9e\u0130")) {
            String folded = UsernameKey.folded(name);
            assertEquals(folded, UsernameKey.folded(folded), name);
        }
    }

    /** The third review: capitals of other scripts have Latin prototypes their lower case lacks. */
    @Test
    void capitalsOfGreekCyrillicAndCherokeeShareTheKeyOfTheLatinName() {
        for (String name : List.of("AD\u039cIN", "\u0391D\u039c\u0399\u039d", "\u13aaDMIN", "ADM\u0399\u039d", "AD\u041cIN",
                "\u03b1d\u03bcin")) {
            assertEquals(UsernameKey.of("admin"), UsernameKey.of(name), name);
        }
        assertEquals(UsernameKey.of("alice"), UsernameKey.of("\u13aalice"));
        assertEquals(UsernameKey.of("kate"), UsernameKey.of("\u041a\u0410\u0422\u0415"));
        assertEquals(UsernameKey.of("bob"), UsernameKey.of("\u0412\u041e\u0412"));
        assertEquals(UsernameKey.of("william"), UsernameKey.of("WILLIA\u039c"));
    }

    @Test
    void modifierLettersThatLookLikePunctuationAtEitherEndAreNotPartOfTheKey() {
        for (String name : List.of("admin\u02cd", "admin\u30fc", "admin\u0640", "admin\u02bc", "\u02bbadmin")) {
            assertEquals(UsernameKey.of("admin"), UsernameKey.of(name), name);
        }
        assertNotEquals(UsernameKey.of("\u30b3\u30fc\u30d2"), UsernameKey.of("\u30b3\u30d2"), "inside a name they count");
    }

    @Test
    void dotUnderscoreHyphenAndAtAtEitherEndAreNotPartOfTheKey() {
        for (String name : List.of("admin.", "_admin", "admin-", "admin@", "--admin--", "admin\uff0e", "_Adm1n_")) {
            assertEquals(UsernameKey.of("admin"), UsernameKey.of(name), name);
        }
        assertNotEquals(UsernameKey.of("admin"), UsernameKey.of("adm.in"));
        assertNotEquals(UsernameKey.of("admin"), UsernameKey.of("admin@example.org"));
    }
}
