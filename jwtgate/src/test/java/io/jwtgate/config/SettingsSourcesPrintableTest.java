package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwtgate.store.AuditText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What configuration errors show of a key, a value or a location: escaped by the audit trail's one
 * rule ({@link AuditText#mustEscape}, decision 552), cut when very long, otherwise as written.
 */
class SettingsSourcesPrintableTest {

    @Test
    void everyCodePointIsEscapedExactlyWhenTheAuditTrailEscapesIt() {
        List<String> disagreements = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String text = new String(Character.toChars(cp));
            boolean escaped = !SettingsSources.printable(text).equals(text);
            if (escaped != AuditText.mustEscape(cp) && disagreements.size() < 20) {
                disagreements.add(String.format("U+%04X", cp));
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void theInvisibleCharactersThatAreNeitherControlsNorFormatCharactersAreEscapedNow() {
        // Before decision 552 these reached the message raw: variation selector 16, the Hangul filler,
        // the braille blank, the combining grapheme joiner, a noncharacter and an unpaired surrogate.
        assertEquals("a\\ufe0fb", SettingsSources.printable("a\ufe0fb"));
        assertEquals("a\\u3164b", SettingsSources.printable("a\u3164b"));
        assertEquals("a\\u2800b", SettingsSources.printable("a\u2800b"));
        assertEquals("a\\u034fb", SettingsSources.printable("a\u034fb"));
        assertEquals("a\\ufdd0b", SettingsSources.printable("a\ufdd0b"));
        assertEquals("a\\ud800b", SettingsSources.printable("a\ud800b"));
    }

    @Test
    void whatWasEscapedBeforeStillIsAndOrdinaryTextIsLeftAsWritten() {
        assertEquals("x\\u001b[2J\\u000d\\u000a\\u0085\\u202e\\u200b\\u2028\\u2029y",
                SettingsSources.printable("x\u001b[2J\r\n\u0085\u202e\u200b\u2028\u2029y"));
        assertEquals("jwtgate.signing.secret", SettingsSources.printable("jwtgate.signing.secret"));
        assertEquals("C:\\conf\\jwtgate.properties", SettingsSources.printable("C:\\conf\\jwtgate.properties"),
                "a backslash is not doubled in a message");
        assertEquals("Grüße, ключ, 鍵, مفتاح", SettingsSources.printable("Grüße, ключ, 鍵, مفتاح"));
        assertEquals("k".repeat(200) + "...", SettingsSources.printable("k".repeat(201)));
        assertEquals("k".repeat(200), SettingsSources.printable("k".repeat(200)));
    }

    @Test
    void anUnknownKeyWithAnInvisibleCharacterIsShownEscapedInTheError() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SettingsSources.resolve(
                new Properties(), Map.of(), Map.of(), Map.of("jwtgate.isu\u2800er", "x"),
                SettingsSourcesPrintableTest.class.getClassLoader()));
        assertEquals("jwtgate.isu\\u2800er", e.key());
        assertTrue(e.getMessage().contains("jwtgate.isu\\u2800er"), e.getMessage());
        assertFalse(e.getMessage().contains("\u2800"), e.getMessage());
    }
}
