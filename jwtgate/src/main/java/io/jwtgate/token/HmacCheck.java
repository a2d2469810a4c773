package io.jwtgate.token;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks HMAC signatures with {@code Mac} objects kept between calls: looking a {@code Mac} up and
 * keying it cost more than computing the HMAC of a token (decision 612). A few idle ones wait in
 * slots picked by thread; a thread takes one with an atomic swap, so two threads never share one and
 * never wait for each other, and a slot found empty just costs a new {@code Mac}. No thread-locals,
 * so nothing of the key stays with a container's threads after the application is undeployed.
 */
final class HmacCheck {

    private static final int SLOTS = 16;

    private final SecretKeySpec key;
    private final AtomicReferenceArray<Mac> idle = new AtomicReferenceArray<>(SLOTS);

    HmacCheck(JwsAlgorithm algorithm, byte[] secret) {
        this.key = new SecretKeySpec(secret, algorithm.jcaName());
        newMac(); // fail at start, not on the first request, if the JDK lacked the algorithm
    }

    /** Whether {@code signature} is the HMAC of {@code headerPart.payloadPart}, compared in constant time. */
    boolean verifies(String headerPart, String payloadPart, byte[] signature) {
        int slot = (int) (Thread.currentThread().getId() & (SLOTS - 1));
        Mac mac = idle.getAndSet(slot, null);
        if (mac == null) {
            mac = newMac();
        }
        mac.update(headerPart.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        byte[] expected = mac.doFinal(payloadPart.getBytes(StandardCharsets.US_ASCII));
        // doFinal left it reset with its key: ready for the next caller.
        idle.lazySet(slot, mac);
        return MessageDigest.isEqual(expected, signature);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(key.getAlgorithm());
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // HmacSHA256/384/512 are in every JDK 17, and any non-empty secret keys them.
            throw new IllegalStateException("the JDK cannot compute " + key.getAlgorithm(), e);
        }
    }
}
