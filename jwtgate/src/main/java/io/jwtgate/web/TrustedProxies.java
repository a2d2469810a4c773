package io.jwtgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which peers may tell the client address through {@code X-Forwarded-For}
 * ({@code jwtgate.trusted-proxies}). Without a trusted proxy the address is the connection's
 * peer, so a client cannot choose the address its failed logins are counted under.
 */
public final class TrustedProxies {

    private static final System.Logger LOG = System.getLogger(TrustedProxies.class.getName());

    private final List<byte[]> networks;
    private final List<Integer> prefixes;
    // One warning per start is enough to point the operator at the setting; one per request would flood the log.
    private final AtomicBoolean untrustedForwardWarned = new AtomicBoolean();
    private final AtomicBoolean unreadableHopWarned = new AtomicBoolean();

    /**
     * The widest blocks accepted: the widest private ranges, {@code 10.0.0.0/8} and unique local
     * {@code fc00::/7}; anything wider holds public clients (decision 158).
     */
    static final int MIN_IPV4_PREFIX = 8;
    static final int MIN_IPV6_PREFIX = 7;

    private TrustedProxies(List<byte[]> networks, List<Integer> prefixes) {
        this.networks = networks;
        this.prefixes = prefixes;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(Collections.emptyList(), Collections.emptyList());
    }

    /**
     * @param text IP literals or CIDR blocks separated by commas or spaces, e.g. {@code 10.0.0.0/8, ::1}
     * @throws IllegalArgumentException naming the entry that is not an address or block
     */
    public static TrustedProxies parse(String text) {
        List<byte[]> networks = new ArrayList<>();
        List<Integer> prefixes = new ArrayList<>();
        for (String entry : text.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String host = slash < 0 ? entry : entry.substring(0, slash);
            byte[] address = IpAddresses.parse(host);
            if (address == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block");
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                String digits = entry.substring(slash + 1);
                if (!digits.matches("[0-9]{1,3}")) {
                    throw new IllegalArgumentException("'" + entry + "' has no valid prefix length");
                }
                prefix = Integer.parseInt(digits);
                if (prefix > address.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length out of range");
                }
                int widest = address.length == 4 ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
                if (prefix < widest) {
                    // Every client inside a trusted block may name its own address in X-Forwarded-For.
                    throw new IllegalArgumentException("'" + entry + "' trusts " + (prefix == 0 ? "every" : "too many")
                            + " client addresses to name their own address and escape the login limits;"
                            + " trust only your proxies, with a prefix of at least /" + widest
                            + (address.length == 4 ? " (10.0.0.0/8)" : " (fc00::/7)"));
                }
                if (address.length == 16 && prefix < 96 + MIN_IPV4_PREFIX && overlapsIpv4CarryingBlock(address, prefix)) {
                    // These blocks hold the IPv4 internet (decision 157): the IPv4 minimum applies inside them.
                    throw new IllegalArgumentException("'" + entry + "' trusts IPv6 addresses that carry IPv4"
                            + " clients (64:ff9b::/96, ::ffff:0:0:0/96, ::/96) to name their own address; trust only"
                            + " your proxies there, with a prefix of at least /" + (96 + MIN_IPV4_PREFIX));
                }
            }
            networks.add(address);
            prefixes.add(prefix);
        }
        return new TrustedProxies(networks, prefixes);
    }

    /** The /96 blocks whose last 32 bits are an IPv4 client: NAT64, IPv4-translated, IPv4-compatible. */
    private static final List<byte[]> IPV4_CARRYING = List.of(
            new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0},
            new byte[16]);

    /** Whether the block {@code network/prefix} and one of {@link #IPV4_CARRYING} share addresses. */
    private static boolean overlapsIpv4CarryingBlock(byte[] network, int prefix) {
        for (byte[] block : IPV4_CARRYING) {
            if (matches(block, Math.min(prefix, 96), network)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client address in canonical form: the peer, or the right-most untrusted hop of
     * X-Forwarded-For behind trusted proxies. A hop may carry a port ({@code a.b.c.d:port},
     * {@code [v6]:port}), which is dropped (decision 156). A malformed hop where a trusted proxy
     * should have written the client leaves the peer, so no client can choose a fresh key by sending
     * garbage; one WARNING per start says so, since it pools every such client under the proxy
     * (decision 159).
     * Every address is parsed by {@link IpAddresses}, never resolved: a hop is client text.
     */
    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        byte[] peerBytes = IpAddresses.parse(peer);
        if (peerBytes != null) {
            peer = IpAddresses.format(peerBytes);
        }
        if (networks.isEmpty() || !trusted(peerBytes)) {
            if (request.getHeader("X-Forwarded-For") != null && untrustedForwardWarned.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "A request from {0} carries X-Forwarded-For, but {0} is not in"
                        + " jwtgate.trusted-proxies: the header is ignored and every client behind that proxy"
                        + " shares one address for the login and Basic failure limits, so a password spray"
                        + " through it can lock everyone out. Set jwtgate.trusted-proxies to the proxy''s address"
                        + " (logged once per start).", peer);
            }
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = IpAddresses.parseHop(hops.get(i));
            if (hop == null) {
                if (unreadableHopWarned.compareAndSet(false, true)) {
                    // The hop is client text: it is not logged (log injection, and it may be anything).
                    LOG.log(System.Logger.Level.WARNING, "The trusted proxy {0} passed on an X-Forwarded-For hop"
                            + " that is not an IP address (with or without a port): such requests are counted"
                            + " under {0}, so every client arriving so shares one address for the login and"
                            + " Basic failure limits and the audit. Have the proxy write the client''s IP"
                            + " address (logged once per start).", peer);
                }
                return peer;
            }
            if (!trusted(hop)) {
                return IpAddresses.format(hop);
            }
        }
        return peer;
    }

    private boolean trusted(byte[] bytes) {
        if (bytes == null) {
            return false;
        }
        for (int n = 0; n < networks.size(); n++) {
            if (matches(networks.get(n), prefixes.get(n), bytes)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] network, int prefix, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
