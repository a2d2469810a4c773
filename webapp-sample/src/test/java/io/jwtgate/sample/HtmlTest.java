package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sample page's escaping: no character of a message can open markup or leave an attribute. */
class HtmlTest {

    @Test
    void markupAndQuotesBecomeCharacterReferences() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;",
                Html.escape("<script>alert(\"x\") & 'y'</script>"));
    }

    @Test
    void controlCharactersAreDroppedButLineBreaksAndTabsStay() {
        assertEquals("a\nb\tc", Html.escape("a\u0000\n\u0007b\t\u007fc"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Html.escape(null));
    }
}
