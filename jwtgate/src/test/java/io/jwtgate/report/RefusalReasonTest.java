package io.jwtgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwtgate.web.AuthError;
import org.junit.jupiter.api.Test;

class RefusalReasonTest {

    @Test
    void aCsrfRefusalOfACookieRequestIsReportedAsSuchNotAsCrossOriginBasic() {
        assertEquals(RefusalReason.CSRF_REFUSED, RefusalReason.ofRejectedCredentials(AuthError.csrfRefused()));
        assertEquals("csrf_refused", RefusalReason.CSRF_REFUSED.code());
        assertEquals(RefusalReason.CROSS_ORIGIN_BASIC, RefusalReason.ofRejectedCredentials(AuthError.crossOriginBasic()));
    }

    @Test
    void aCookieBesideAHeaderOrARepeatedCookieIsAnInvalidRequest() {
        assertEquals(RefusalReason.INVALID_REQUEST, RefusalReason.ofRejectedCredentials(AuthError.bothCookieAndHeader()));
        assertEquals(RefusalReason.INVALID_REQUEST, RefusalReason.ofRejectedCredentials(AuthError.repeatedCookie()));
    }
}
