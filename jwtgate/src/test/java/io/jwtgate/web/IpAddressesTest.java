package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** IP literals from containers and forwarded hops, and the groups address limits count under. */
class IpAddressesTest {

    @Test
    void ipv6IsGroupedByTheConfiguredPrefixAndIpv4ByAddress() {
        assertEquals("2001:db8:1:2:0:0:0:0/64", IpAddresses.group("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64));
        assertEquals("2001:db8:1:0:0:0:0:0/56", IpAddresses.group("2001:db8:1:ff:1::1", 56));
        assertEquals("2001:db8:1:2:0:0:0:0/63", IpAddresses.group("2001:db8:1:3::1", 63));
        assertEquals("0:0:0:0:0:0:0:0/1", IpAddresses.group("7fff::1", 1));
        assertEquals("2001:db8:0:0:0:0:0:1", IpAddresses.group("2001:db8::1", 128));
        assertEquals("192.0.2.1", IpAddresses.group("192.0.2.1", 64));
        assertEquals("192.0.2.1", IpAddresses.group("::ffff:192.0.2.1", 64), "IPv4-mapped IPv6 is IPv4");
        assertEquals("unknown", IpAddresses.group(null, 64));
    }

    @Test
    void bracketsAndZoneIdsAreAcceptedAndDropped() {
        assertEquals("0:0:0:0:0:0:0:1", IpAddresses.canonical("[::1]"));
        assertEquals("fe80:0:0:0:0:0:0:1", IpAddresses.canonical("fe80::1%eth0"));
        assertEquals("fe80:0:0:0:0:0:0:1", IpAddresses.canonical("[fe80::1%25]"));
    }

    @Test
    void anythingElseIsNoLiteralAndNeverLooksUpAName() {
        for (String text : List.of("", "localhost", "example.org", "1.2.3", "1.2.3.4.5", "256.1.1.1", "999.1.1.1",
                "1.2.3.4:80", "[::1]:443", "[::1", "::1]", "2001:db8::1%", "2001:db8::1%eth 0", ":::",
                "::ffff:999.1.1.1", "1.2.3.4 ", "0x7f.0.0.1", "2001:db8::g", "x".repeat(200))) {
            assertNull(IpAddresses.parse(text), "'" + text + "'");
        }
        assertNull(IpAddresses.parse(null));
    }

    @Test
    void leadingZerosAreReadAsDecimalSo010Dot0Dot0Dot1IsTen() {
        assertEquals("10.0.0.1", IpAddresses.canonical("010.0.0.1"));
        assertEquals("10.0.0.1", IpAddresses.canonical("010.000.000.001"));
        assertEquals("10.0.0.1", IpAddresses.canonical("::ffff:010.0.0.1"));
        assertNull(IpAddresses.canonical("0177.0.0.1"), "an octet has at most three digits");
        assertEquals("10.0.0.1", IpAddresses.group("010.0.0.1", 64), "one lockout key for both spellings");
        assertEquals(IpAddresses.group("10.0.0.1", 64), IpAddresses.group("010.0.0.1", 64));
    }

    @Test
    void theIssuesHostileFormsAreNoLiteral() {
        for (String text : List.of("1.2.3.999", "localhost", "example.org", "0x7f.1", "0x7f.0.0.1", "2130706433",
                "1.2.3", "127.1", "[::1]:80", "0177.0.0.1.1", "0010.0.0.1", "1..2.3", ".1.2.3", "1.2.3.4.",
                "[1.2.3.4]", "1.2.3.4%eth0", "::1%", "::1%eth0/1", "::1%\u00e9", "fe80::1%25%25", "+1.2.3.4",
                "1.2.3.-4", "\uff11.2.3.4", "\u0661.2.3.4", "1.2.3.4\n", "localhost.", "::ffff:localhost",
                "x".repeat(101), "1".repeat(200), "::" + "0:".repeat(40) + "1")) {
            assertNull(IpAddresses.parse(text), "'" + text + "'");
            assertNull(IpAddresses.canonical(text), "'" + text + "'");
        }
    }

    @Test
    void ipv6TextIsParsedByItsRulesAndWrittenInTheCanonicalForm() {
        assertEquals("2001:db8:0:0:0:0:0:1", IpAddresses.canonical("2001:db8::1"));
        assertEquals("2001:db8:0:0:0:0:0:1", IpAddresses.canonical("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("0:0:0:0:0:0:0:0", IpAddresses.canonical("::"));
        assertEquals("1:0:0:0:0:0:0:0", IpAddresses.canonical("1::"));
        assertEquals("1:2:3:4:5:6:7:0", IpAddresses.canonical("1:2:3:4:5:6:7::"));
        assertEquals("0:2:3:4:5:6:7:8", IpAddresses.canonical("::2:3:4:5:6:7:8"));
        assertEquals("1:0:0:0:0:0:0:8", IpAddresses.canonical("1::8"));
        assertEquals("1.2.3.4", IpAddresses.canonical("::ffff:1.2.3.4"));
        assertEquals("1.2.3.4", IpAddresses.canonical("::FFFF:0102:0304"));
        assertEquals("1.2.3.4", IpAddresses.canonical("0:0:0:0:0:ffff:1.2.3.4"));
        assertEquals("0:0:0:0:0:0:102:304", IpAddresses.canonical("::1.2.3.4"), "IPv4-compatible stays IPv6");
        assertEquals("64:ff9b:0:0:0:0:102:304", IpAddresses.canonical("64:ff9b::1.2.3.4"));
        assertEquals("1:2:3:4:5:6:102:304", IpAddresses.canonical("1:2:3:4:5:6:1.2.3.4"));
        for (String text : List.of("1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", "12345::1", ":1", "1:", "1::2:",
                ":::", ":::1", "1:::2", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "::ffff:1a.2.3.4",
                "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "2001:db8::g", "2001:db8:::1", "1.2.3.4::",
                "::1.2.3.4.5", "::ffff:1.2.3.999", "[::1", "::1]", "[]", "[::1]]", "[[::1]]", ":", "1")) {
            assertNull(IpAddresses.parse(text), "'" + text + "'");
        }
    }

    /** Every address, written as Java writes it, in RFC 5952 form and in upper case, parses to its bytes. */
    @Test
    void randomAddressesInEveryWrittenFormParseToTheirBytes() throws Exception {
        Random random = new Random(8);
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = new byte[n % 3 == 0 ? 4 : 16];
            random.nextBytes(bytes);
            if (bytes.length == 16 && n % 5 == 0) {
                // Runs of zero groups, where '::' compression happens.
                int start = random.nextInt(8) * 2;
                Arrays.fill(bytes, start, start + random.nextInt(17 - start), (byte) 0);
            }
            InetAddress address = InetAddress.getByAddress(bytes);
            byte[] expected = address.getAddress();
            String java = address.getHostAddress();
            for (String text : List.of(java, java.toUpperCase(Locale.ROOT), compressed(expected))) {
                assertArrayEquals(expected, IpAddresses.parse(text), text);
                assertEquals(java, IpAddresses.canonical(text), text);
            }
            if (expected.length == 16) {
                assertArrayEquals(expected, IpAddresses.parse("[" + compressed(expected) + "]"));
                assertArrayEquals(expected, IpAddresses.parse(compressed(expected) + "%eth0"));
            }
        }
    }

    /** RFC 5952 text: the longest run of two or more zero groups (the first on a tie) becomes '::'. */
    private static String compressed(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = ((bytes[2 * g] & 0xff) << 8) | (bytes[2 * g + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; g++) {
            int end = g;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - g > bestLength) {
                bestStart = g;
                bestLength = end - g;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                b.append("::");
                g += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[g]));
        }
        return b.toString();
    }

    /**
     * Structural: neither class can resolve a name, whatever text reaches it, because neither
     * refers to a method of InetAddress that may look one up (their constant pools would name it).
     */
    @Test
    void ipAddressesAndTrustedProxiesReferNoNameResolvingMethod() throws IOException {
        for (Class<?> type : List.of(IpAddresses.class, TrustedProxies.class)) {
            String constants;
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                assertNotNull(in, type.getName());
                constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            for (String method : List.of("getByName", "getAllByName", "getHostName", "getCanonicalHostName",
                    "getLocalHost", "isReachable")) {
                assertFalse(constants.contains(method), type.getSimpleName() + " refers to InetAddress." + method);
            }
        }
    }

    @Test
    void aForwardedHopWithLeadingZerosIsTheSameClientAsWithout() {
        TrustedProxies proxies = TrustedProxies.parse("127.0.0.1, ::1");
        assertEquals("10.0.0.1", proxies.clientAddress(request("127.0.0.1", "010.0.0.1")));
        assertEquals("10.0.0.1", proxies.clientAddress(request("[::1]", "10.0.0.1, 127.0.0.001")));
        assertEquals("127.0.0.1", proxies.clientAddress(request("127.0.0.1", "1.2.3.999")),
                "a malformed hop leaves the proxy");
        assertEquals("127.0.0.1", proxies.clientAddress(request("127.0.0.1", "localhost")));
    }

    @Test
    void trustedProxyEntriesAreLiteralsOrBlocksWithDecimalPrefixes() {
        assertEquals("192.0.2.7", TrustedProxies.parse("010.0.0.0/8").clientAddress(request("10.9.9.9", "192.0.2.7")));
        for (String entry : List.of("localhost", "10.0.0.0/+8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/0x8",
                "::1/129", "1.2.3")) {
            assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(entry), entry);
        }
    }

    @Test
    void aForwardedHopMayCarryAPortWhichIsDropped() {
        assertEquals("203.0.113.7", IpAddresses.format(IpAddresses.parseHop("203.0.113.7:4711")));
        assertEquals("203.0.113.7", IpAddresses.format(IpAddresses.parseHop("203.0.113.7:0")));
        assertEquals("203.0.113.7", IpAddresses.format(IpAddresses.parseHop("203.0.113.7:65535")));
        assertEquals("10.0.0.1", IpAddresses.format(IpAddresses.parseHop("010.0.0.1:80")));
        assertEquals("2001:db8:0:0:0:0:0:7", IpAddresses.format(IpAddresses.parseHop("[2001:db8::7]:443")));
        assertEquals("fe80:0:0:0:0:0:0:1", IpAddresses.format(IpAddresses.parseHop("[fe80::1%eth0]:443")));
        assertEquals("192.0.2.1", IpAddresses.format(IpAddresses.parseHop("[::ffff:192.0.2.1]:8080")));
        assertEquals("203.0.113.7", IpAddresses.format(IpAddresses.parseHop("203.0.113.7")), "no port is fine too");
        assertEquals("0:0:0:0:0:0:0:1", IpAddresses.format(IpAddresses.parseHop("[::1]")));
        // Only hops take a port: configuration entries and container peers are bare literals.
        assertNull(IpAddresses.parse("203.0.113.7:4711"));
        assertNull(IpAddresses.parse("[2001:db8::7]:443"));
    }

    @Test
    void anUnbracketedIpv6HopIsNeverReadAsHavingAPort() {
        assertEquals("2001:db8:0:0:0:0:1:443", IpAddresses.format(IpAddresses.parseHop("2001:db8::1:443")));
        assertEquals("0:0:0:0:0:0:0:443", IpAddresses.format(IpAddresses.parseHop("::443")));
        assertEquals("1:2:3:4:5:6:7:8", IpAddresses.format(IpAddresses.parseHop("1:2:3:4:5:6:7:8")));
        assertNull(IpAddresses.parseHop("::1.2.3.4:80"), "an IPv4 tail of IPv6 takes no port unbracketed");
    }

    @Test
    void aHopWithABadPortOrAPortWithoutAnAddressIsNoAddress() {
        for (String text : List.of("203.0.113.7:65536", "203.0.113.7:99999", "203.0.113.7:123456", "203.0.113.7:",
                "203.0.113.7:-1", "203.0.113.7:+80", "203.0.113.7:8a", "203.0.113.7: 80", "203.0.113.7:80:80",
                ":80", "[::1]:", "[::1]:65536", "[::1]443", "[1.2.3.4]:80", "localhost:80", "[localhost]:80",
                "1.2.3:80", "0x7f.0.0.1:80", "[[::1]]:80", "[]:80", "[::1:80", "\uff11.2.3.4:80", "203.0.113.7:\u0668\u0660",
                "x".repeat(95) + ":80")) {
            assertNull(IpAddresses.parseHop(text), "'" + text + "'");
        }
        assertNull(IpAddresses.parseHop(null));
    }

    @Test
    void aForwardedHopWithAPortIsTheClientItNames() {
        TrustedProxies proxies = TrustedProxies.parse("127.0.0.1");
        assertEquals("203.0.113.7", proxies.clientAddress(request("127.0.0.1", "203.0.113.7:4711")));
        assertEquals("2001:db8:0:0:0:0:0:7", proxies.clientAddress(request("127.0.0.1", "[2001:db8::7]:443")));
        assertEquals("198.51.100.1", proxies.clientAddress(request("127.0.0.1", "198.51.100.1:1, 127.0.0.1:2")),
                "a trusted proxy's own hop with a port is still skipped");
        assertEquals("127.0.0.1", proxies.clientAddress(request("127.0.0.1", "203.0.113.7:65536")));
    }

    @Test
    void ipv6CarryingAnIpv4ClientIsGroupedAsThatIpv4Address() {
        assertEquals("198.51.100.9", IpAddresses.group("64:ff9b::198.51.100.9", 64), "NAT64 well-known prefix");
        assertEquals("198.51.100.9", IpAddresses.group("64:ff9b::c633:6409", 64));
        assertEquals("198.51.100.9", IpAddresses.group("[64:ff9b::198.51.100.9]", 48));
        assertEquals("198.51.100.9", IpAddresses.group("::ffff:0:198.51.100.9", 64), "IPv4-translated");
        assertEquals("198.51.100.9", IpAddresses.group("64:ff9b::198.51.100.9", 128));
        assertEquals(IpAddresses.group("198.51.100.9", 64), IpAddresses.group("64:ff9b::198.51.100.9", 64));
        // Outside the /96 blocks, the prefix grouping holds.
        assertEquals("64:ff9b:1:0:0:0:0:0/64", IpAddresses.group("64:ff9b:1::198.51.100.9", 64));
        assertEquals("64:ff9b:0:0:0:0:0:0/64", IpAddresses.group("64:ff9b::1:198.51.100.9", 64));
        assertEquals("0:0:0:0:0:0:0:0/64", IpAddresses.group("::ffff:1:198.51.100.9", 64));
        // The canonical text (the audit row's) stays the IPv6 address it was.
        assertEquals("64:ff9b:0:0:0:0:c633:6409", IpAddresses.canonical("64:ff9b::198.51.100.9"));
    }

    @Test
    void ipv4CompatibleIpv6IsGroupedPerAddress() {
        assertEquals("0:0:0:0:0:0:c633:6409", IpAddresses.group("::198.51.100.9", 64));
        assertEquals("0:0:0:0:0:0:c633:640a", IpAddresses.group("::198.51.100.10", 64));
        assertEquals("0:0:0:0:0:0:0:1", IpAddresses.group("::1", 64));
        assertEquals("0:0:0:0:0:0:0:0", IpAddresses.group("::", 64));
        assertEquals("0:0:0:0:0:0:0:0/64", IpAddresses.group("::1:0:0", 64), "outside ::/96 the /64 holds");
    }

    @Test
    void trustedBlocksWiderThanThePrivateRangesAreRefused() {
        for (String entry : List.of("0.0.0.0/0", "::/0", "0.0.0.0/1", "10.0.0.0/7", "::/6", "2000::/3",
                "127.0.0.1, 0.0.0.0/0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustedProxies.parse(entry), entry);
            assertTrue(e.getMessage().contains("at least /"), e.getMessage());
        }
        assertEquals("192.0.2.7", TrustedProxies.parse("10.0.0.0/8").clientAddress(request("10.9.9.9", "192.0.2.7")));
        assertEquals("192.0.2.7", TrustedProxies.parse("fc00::/7").clientAddress(request("fd00::1", "192.0.2.7")));
    }

    @Test
    void trustedIpv6BlocksThatHoldIpv4ClientsNeedTheIpv4Minimum() {
        // 64:ff9b::/96 is the whole IPv4 internet behind NAT64 (decision 157), so /96 trusts everyone.
        for (String entry : List.of("64:ff9b::/96", "64:ff9b::/100", "::ffff:0:0:0/96", "::/96", "::/8")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrustedProxies.parse(entry), entry);
            assertTrue(e.getMessage().contains("at least /104"), e.getMessage());
        }
        TrustedProxies nat64Proxy = TrustedProxies.parse("64:ff9b::a00:0/104, ::1");
        assertEquals("192.0.2.7", nat64Proxy.clientAddress(request("64:ff9b::a00:5", "192.0.2.7")));
        assertEquals("192.0.2.7", nat64Proxy.clientAddress(request("::1", "192.0.2.7")));
    }

    private static HttpServletRequest request(String peer, String forwardedFor) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getRemoteAddr()).thenReturn(peer);
        when(request.getHeader("X-Forwarded-For")).thenReturn(forwardedFor);
        when(request.getHeaders("X-Forwarded-For")).thenReturn(Collections.enumeration(List.of(forwardedFor)));
        return request;
    }
}
