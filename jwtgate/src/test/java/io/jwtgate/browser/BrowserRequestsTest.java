package io.jwtgate.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrowserRequestsTest {

    /** What Chromium sends on a top-level navigation. */
    static final String CHROMIUM_NAVIGATION = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
            + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

    @Test
    void browserNavigationsWantHtml() {
        assertTrue(BrowserRequests.wantsHtml(CHROMIUM_NAVIGATION));
        assertTrue(BrowserRequests.wantsHtml("text/html"));
        assertTrue(BrowserRequests.wantsHtml("TEXT/HTML; charset=utf-8"));
        assertTrue(BrowserRequests.wantsHtml("application/json, application/xhtml+xml;q=0.5"));
        assertTrue(BrowserRequests.wantsHtml("text/html;level=1;q=0.001"));
    }

    @Test
    void apiClientsDoNotWantHtml() {
        assertFalse(BrowserRequests.wantsHtml("*/*"), "curl");
        assertFalse(BrowserRequests.wantsHtml("application/json"));
        assertFalse(BrowserRequests.wantsHtml("text/*"));
        assertFalse(BrowserRequests.wantsHtml(""));
        assertFalse(BrowserRequests.wantsHtml((String) null));
    }

    @Test
    void htmlRefusedWithQualityZeroOrAnUnreadableQualityDoesNotCount() {
        assertFalse(BrowserRequests.wantsHtml("text/html;q=0, application/json"));
        assertFalse(BrowserRequests.wantsHtml("text/html;q=0.0"));
        assertFalse(BrowserRequests.wantsHtml("text/html;q=abc"));
        assertFalse(BrowserRequests.wantsHtml("text/html;q=NaN"));
        assertFalse(BrowserRequests.wantsHtml("text/html;q=2"));
    }
}
