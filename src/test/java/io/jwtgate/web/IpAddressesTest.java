package io.jwtgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
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
}
