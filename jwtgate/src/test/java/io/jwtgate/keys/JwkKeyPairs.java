package io.jwtgate.keys;

import io.jwtgate.token.JwsAlgorithm;
import io.jwtgate.token.JwtKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumMap;
import java.util.Map;

/** Real key pairs for every asymmetric algorithm, generated once per test class that asks. */
final class JwkKeyPairs {

    private JwkKeyPairs() {
    }

    static KeyPair generate(JwsAlgorithm alg) throws GeneralSecurityException {
        KeyPairGenerator g;
        switch (alg.family()) {
            case RSA:
            case RSA_PSS:
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                break;
            case EC:
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(alg.curve().orElseThrow()));
                break;
            case EDDSA:
                g = KeyPairGenerator.getInstance("Ed25519");
                break;
            default:
                throw new IllegalArgumentException(alg + " has no key pair");
        }
        return g.generateKeyPair();
    }

    /** A signing key (private and public half) per asymmetric algorithm; RSA pairs shared by family. */
    static Map<JwsAlgorithm, JwtKey> signingKeys() throws GeneralSecurityException {
        Map<JwsAlgorithm, JwtKey> keys = new EnumMap<>(JwsAlgorithm.class);
        KeyPair rsa = generate(JwsAlgorithm.RS256);
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            if (!alg.family().asymmetric()) {
                continue;
            }
            KeyPair pair = alg.family() == JwsAlgorithm.Family.RSA || alg.family() == JwsAlgorithm.Family.RSA_PSS
                    ? rsa : generate(alg);
            keys.put(alg, JwtKey.signing(alg, "kid-" + alg, pair.getPrivate(), pair.getPublic()));
        }
        return keys;
    }
}
