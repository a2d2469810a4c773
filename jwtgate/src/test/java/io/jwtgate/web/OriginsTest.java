package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical origin form that Origin headers, configured origins and the request's own origin share. */
class OriginsTest {

    @Test
    void canonicalFormIsLowerCaseWithoutTheDefaultPort() {
        assertEquals("https://app.example.org", Origins.canonical("HTTPS://App.Example.ORG:443"));
        assertEquals("http://app.example.org", Origins.canonical("http://app.example.org:80"));
        assertEquals("http://app.example.org:443", Origins.canonical("http://app.example.org:443"));
        assertEquals("https://app.example.org:80", Origins.canonical("https://app.example.org:80"));
        assertEquals("http://[::1]:8080", Origins.canonical("http://[::1]:8080"));
        assertEquals("http://127.0.0.1:8080", Origins.canonical("http://127.0.0.1:8080"));
    }

    @Test
    void valuesThatAreNoHttpOriginAreNull() {
        for (String value : List.of("null", "", " https://a.example", "https://a.example ", "https://a.example/",
                "https://a.example/x", "https://u@a.example", "https://a.example:0", "https://a.example:99999",
                "file://a.example", "chrome-extension://abcdef", "https://a.example, https://b.example",
                "https://a.example?x", "//a.example", "https:/a.example", "https://.a.example")) {
            assertNull(Origins.canonical(value), value);
        }
        assertNull(Origins.canonical(null));
    }

    private static HttpServletRequest request(String scheme, String host, int port) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getScheme()).thenReturn(scheme);
        when(request.getServerName()).thenReturn(host);
        when(request.getServerPort()).thenReturn(port);
        return request;
    }

    @Test
    void theRequestsOwnOriginLeavesOutTheDefaultPortAndBracketsIpv6() {
        assertEquals("https://app.example.org", Origins.of(request("https", "App.Example.org", 443)));
        assertEquals("http://app.example.org", Origins.of(request("http", "app.example.org", 80)));
        assertEquals("http://app.example.org:8080", Origins.of(request("http", "app.example.org", 8080)));
        assertEquals("http://[::1]:8080", Origins.of(request("http", "::1", 8080)));
        assertEquals("http://[::1]:8080", Origins.of(request("http", "[::1]", 8080)));
        assertNull(Origins.of(request("http", "", 8080)));
    }
}
