package io.jwtgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void trustedIssuerFieldsAreKnownOnlyForValidNamesAndFields() {
        assertTrue(Keys.isKnown("jwtgate.trusted-issuer.keycloak.jwks-uri"));
        assertTrue(Keys.isKnown("jwtgate.trusted-issuer.idp2.issuer"));
        assertFalse(Keys.isKnown("jwtgate.trusted-issuer.keycloak.jwks-url"), "unknown field");
        assertFalse(Keys.isKnown("jwtgate.trusted-issuer.Keycloak.issuer"), "upper case name");
        assertFalse(Keys.isKnown("jwtgate.trusted-issuer.key-cloak.issuer"), "dash in the name");
        assertFalse(Keys.isKnown("jwtgate.trusted-issuer..issuer"), "empty name");
        assertFalse(Keys.isKnown("jwtgate.trusted-issuer.keycloak"), "no field");
        assertEquals("keycloak", Keys.trustedIssuerName("jwtgate.trusted-issuer.keycloak.roles-claim"));
        assertEquals("roles-claim", Keys.trustedIssuerField("jwtgate.trusted-issuer.keycloak.roles-claim"));
    }

    @Test
    void environmentVariableOfATrustedIssuerMapsBackToOneKey() {
        assertEquals("jwtgate.trusted-issuer.keycloak.jwks-uri",
                Keys.fromEnvironmentName("JWTGATE_TRUSTED_ISSUER_KEYCLOAK_JWKS_URI"));
        assertEquals("jwtgate.trusted-issuer.auth0.scopes-claim",
                Keys.fromEnvironmentName("JWTGATE_TRUSTED_ISSUER_AUTH0_SCOPES_CLAIM"));
        assertEquals(Keys.SIGNING_KEY_ID, Keys.fromEnvironmentName("JWTGATE_SIGNING_KEY_ID"));
        assertNull(Keys.fromEnvironmentName("JWTGATE_TRUSTED_ISSUER_KEYCLOAK_JWKS_URL"));
        assertNull(Keys.fromEnvironmentName("JWTGATE_TRUSTED_ISSUER__ISSUER"));
        assertNull(Keys.fromEnvironmentName("JWTGATE_TRUSTED_ISSUER_keycloak_ISSUER"));
        for (String key : Keys.ALL) {
            assertEquals(key, Keys.fromEnvironmentName(Keys.environmentName(key)));
        }
    }
}
