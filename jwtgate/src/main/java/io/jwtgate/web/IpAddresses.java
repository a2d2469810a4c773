package io.jwtgate.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * IP literals as they arrive from containers and {@code X-Forwarded-For} hops, parsed by this
 * class's own code and never by {@link InetAddress#getByName}, which falls back to a name look-up
 * (DNS, a resolver an attacker may influence) for text it does not take as a literal; and the
 * group a client address is counted under for brute-force limits.
 *
 * <p>Accepted: IPv4 as exactly four decimal octets of one to three digits ({@code 010} is ten,
 * never octal: decision 129); IPv6 as RFC 4291 §2.2 text (groups of one to four hex digits, at
 * most one {@code ::}, an optional dotted IPv4 tail), optionally in brackets and with a zone id,
 * which is dropped. IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}) becomes the IPv4 address. Nothing
 * else: no host names, no hexadecimal, octal, integer or shortened IPv4, and no ports except in
 * an {@code X-Forwarded-For} hop ({@link #parseHop}, decision 156).
 */
public final class IpAddresses {

    /** Longer than any literal with a reasonable zone id; anything longer is not looked at. */
    static final int MAX_LENGTH = 100;

    private IpAddresses() {
    }

    /**
     * Parses an IPv4 or IPv6 literal; IPv6 may come in brackets ({@code [::1]}, as Jetty writes its
     * peers) and with a zone id ({@code fe80::1%eth0}, dropped). IPv4-mapped IPv6 becomes IPv4.
     *
     * @return 4 or 16 bytes, or null when {@code text} is not such a literal (ports are not accepted)
     */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text, 0, text.length());
        }
        String host = text;
        if (host.charAt(0) == '[') {
            if (host.charAt(host.length() - 1) != ']') {
                return null;
            }
            host = host.substring(1, host.length() - 1);
        }
        int zone = host.indexOf('%');
        if (zone >= 0) {
            // The zone only names the local interface; the address bits are what identify a client.
            if (!validZone(host, zone + 1)) {
                return null;
            }
            host = host.substring(0, zone);
        }
        byte[] bytes = ipv6(host);
        return bytes == null ? null : unmapped(bytes);
    }

    /**
     * Parses an {@code X-Forwarded-For} hop: a literal as {@link #parse} takes it, or one with a
     * port, which is dropped, because some proxies (Azure Application Gateway among them) write the
     * client's source port into the hop: {@code a.b.c.d:port} or {@code [v6]:port}, the port one to
     * five digits and at most 65535. An IPv6 address without brackets never has a port:
     * {@code 2001:db8::1:443} is the address ending in {@code 1:443} (decision 156).
     *
     * @return 4 or 16 bytes, or null when {@code text} is no literal with or without a port
     */
    public static byte[] parseHop(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        if (colon > 0 && port(text, colon + 1)) {
            String host = text.substring(0, colon);
            boolean bracketed = host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']';
            if (bracketed || host.indexOf(':') < 0) {
                // Brackets hold only IPv6 (parse refuses "[1.2.3.4]"); a colon-free host only IPv4.
                return parse(host);
            }
        }
        return parse(text);
    }

    /** One to five decimal digits from {@code from} to the end, at most 65535. */
    private static boolean port(String text, int from) {
        int digits = text.length() - from;
        if (digits < 1 || digits > 5) {
            return false;
        }
        int value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 65535;
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
     * IPv6 that carries an IPv4 client in its last 32 bits is that client's IPv4 key: NAT64's
     * well-known prefix {@code 64:ff9b::/96} (RFC 6052) and IPv4-translated {@code ::ffff:0:0:0/96}
     * (RFC 2765), so clients behind one NAT64 gateway do not share one /64; the deprecated
     * IPv4-compatible {@code ::/96} (with {@code ::1} and {@code ::}) is counted per address, as no
     * client holds that block (decision 157).
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
        if (bytes.length == 16) {
            boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
                    && zeros(bytes, 4, 12);
            boolean translated = zeros(bytes, 0, 8) && bytes[8] == (byte) 0xff && bytes[9] == (byte) 0xff
                    && bytes[10] == 0 && bytes[11] == 0;
            if (nat64 || translated) {
                return format(Arrays.copyOfRange(bytes, 12, 16));
            }
            if (zeros(bytes, 0, 12)) {
                return format(bytes);
            }
        }
        if (bytes.length == 4 || ipv6PrefixLength >= 128) {
            return format(bytes);
        }
        for (int bit = ipv6PrefixLength; bit < 128; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return format(bytes) + "/" + ipv6PrefixLength;
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The canonical text of 4 or 16 bytes: dotted decimal, or eight lower-case hex groups without
     * leading zeros and without {@code ::} ({@code 2001:db8:0:0:0:0:0:1}), the form lockout keys
     * and audit rows have always had (decision 130). {@code getByAddress} only wraps the bytes.
     */
    static String format(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    /** Four decimal octets in {@code text[from, to)}, each 1 to 3 digits and at most 255, or null. */
    private static byte[] ipv4(String text, int from, int to) {
        byte[] bytes = new byte[4];
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return null;
                }
                value = value * 10 + (c - '0');
            } else if (c == '.') {
                if (digits == 0 || value > 255 || octet == 4) {
                    return null;
                }
                bytes[octet++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return octet == 4 ? bytes : null;
    }

    /** RFC 4291 §2.2 text without brackets or zone, or null. */
    private static byte[] ipv6(String host) {
        int length = host.length();
        if (length < 2) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (host.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (host.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            int end = i;
            int value = 0;
            while (end < length && end - i < 5 && hex(host.charAt(end)) >= 0) {
                value = value * 16 + hex(host.charAt(end));
                end++;
            }
            if (end < length && host.charAt(end) == '.') {
                // A dotted IPv4 tail fills the last 32 bits and ends the address.
                byte[] tail = ipv4(host, i, length);
                if (tail == null || count > 6) {
                    return null;
                }
                groups[count++] = ((tail[0] & 0xff) << 8) | (tail[1] & 0xff);
                groups[count++] = ((tail[2] & 0xff) << 8) | (tail[3] & 0xff);
                i = length;
                break;
            }
            if (end == i || end - i > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            i = end;
            if (i == length) {
                break;
            }
            if (host.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < length && host.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            } else if (i == length) {
                // A single trailing colon.
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        int zeros = 8 - count;
        for (int g = 0, out = 0; g < count; g++, out++) {
            if (g == gap) {
                out += zeros;
            }
            bytes[2 * out] = (byte) (groups[g] >>> 8);
            bytes[2 * out + 1] = (byte) groups[g];
        }
        return bytes;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** A zone id: one or more of RFC 3986's unreserved characters (RFC 6874). */
    private static boolean validZone(String host, int from) {
        if (from >= host.length()) {
            return false;
        }
        for (int i = from; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || c == '.' || c == '_' || c == '~' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code ::ffff:a.b.c.d} as the IPv4 address it maps; any other 16 bytes unchanged. */
    private static byte[] unmapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }
}
