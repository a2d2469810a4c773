package io.jwtgate.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP literals as they arrive from containers and {@code X-Forwarded-For} hops, parsed without any
 * name look-up, and the group a client address is counted under for brute-force limits.
 */
public final class IpAddresses {

    // Compiled once: every request's peer address is parsed.
    private static final Pattern ZONE = Pattern.compile("[0-9A-Za-z._~-]+");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal; IPv6 may come in brackets ({@code [::1]}, as Jetty writes its
     * peers) and with a zone id ({@code fe80::1%eth0}, dropped). IPv4-mapped IPv6 becomes IPv4.
     *
     * @return 4 or 16 bytes, or null when {@code text} is not such a literal (ports are not accepted)
     */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 100) {
            return null;
        }
        String host = text;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.indexOf(':') >= 0) {
            int zone = host.indexOf('%');
            if (zone >= 0) {
                // The zone only names the local interface; the address bits are what identify a client.
                if (!ZONE.matcher(host.substring(zone + 1)).matches()) {
                    return null;
                }
                host = host.substring(0, zone);
            }
            if (!IPV6_CHARACTERS.matcher(host).matches()) {
                return null;
            }
        } else if (!dottedQuad(host)) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Four decimal octets of at most 255: anything else would make InetAddress try a name look-up. */
    private static boolean dottedQuad(String host) {
        if (!DOTTED_QUAD.matcher(host).matches()) {
            return false;
        }
        for (String octet : host.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** The canonical text of a literal ({@code 0:0:0:0:0:0:0:1} for {@code [::1]}), or null when it is none. */
    public static String canonical(String text) {
        byte[] bytes = parse(text);
        return bytes == null ? null : format(bytes);
    }

    /**
     * The key a client address is counted under: an IPv4 address itself, an IPv6 address as its
     * network of {@code ipv6PrefixLength} bits ({@code 2001:db8:0:1:0:0:0:0/64}), because one IPv6
     * client usually holds a whole /64 and would otherwise get a fresh budget per address.
     * Text that is no literal stays as it is; no address at all is {@code unknown}, one shared key.
     */
    public static String group(String address, int ipv6PrefixLength) {
        if (address == null) {
            return "unknown";
        }
        byte[] bytes = parse(address);
        if (bytes == null) {
            return address;
        }
        if (bytes.length == 4 || ipv6PrefixLength >= 128) {
            return format(bytes);
        }
        for (int bit = ipv6PrefixLength; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return format(bytes) + "/" + ipv6PrefixLength;
    }

    private static String format(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
