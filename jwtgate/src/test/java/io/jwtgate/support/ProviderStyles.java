package io.jwtgate.support;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens shaped as four well-known identity providers issue them (claim names, nesting,
 * header {@code typ}), and the trusted-issuer settings that accept each. All four publish their
 * keys at one {@link IdentityProvider} in tests; only the claims differ.
 */
public final class ProviderStyles {

    public static final String KEYCLOAK_ISS = "https://sso.example.com/realms/main";
    public static final String AUTH0_ISS = "https://example-tenant.eu.auth0.com/";
    public static final String ENTRA_ISS = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
    public static final String COGNITO_ISS = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12Cd34E";

    public static final String KEYCLOAK_CLIENT = "legacy-app";
    public static final String AUTH0_AUDIENCE = "https://api.example.com";
    public static final String ENTRA_CLIENT = "6e74172b-be56-4843-9ff4-e66a39bb12e3";
    public static final String COGNITO_CLIENT = "3n4b5urk1ft4fl3mg5e62d9ado";
    public static final String AUTH0_ROLES = "https://example.com/roles";
    public static final String AUTH0_EMAIL = "https://example.com/email";

    private ProviderStyles() {
    }

    /** The four trusted issuers, keys fetched from {@code jwks}, roles and scopes mapped per provider. */
    public static Map<String, String> settings(URI jwks) {
        Map<String, String> m = new java.util.HashMap<>();
        String k = "jwtgate.trusted-issuer.keycloak.";
        m.put(k + "issuer", KEYCLOAK_ISS);
        m.put(k + "audience", KEYCLOAK_CLIENT);
        m.put(k + "jwks-uri", jwks.toString());
        m.put(k + "algorithms", "RS256, ES256");
        m.put(k + "typ", "JWT");
        m.put(k + "roles-claim", "resource_access." + KEYCLOAK_CLIENT + ".roles");
        String a = "jwtgate.trusted-issuer.auth0.";
        m.put(a + "issuer", AUTH0_ISS);
        m.put(a + "audience", AUTH0_AUDIENCE);
        m.put(a + "jwks-uri", jwks.toString());
        m.put(a + "typ", "at+jwt, JWT");
        m.put(a + "username-claim", AUTH0_EMAIL);
        m.put(a + "roles-claim", AUTH0_ROLES);
        String e = "jwtgate.trusted-issuer.entra.";
        m.put(e + "issuer", ENTRA_ISS);
        m.put(e + "audience", ENTRA_CLIENT);
        m.put(e + "jwks-uri", jwks.toString());
        m.put(e + "typ", "JWT");
        m.put(e + "scopes-claim", "scp");
        String c = "jwtgate.trusted-issuer.cognito.";
        m.put(c + "issuer", COGNITO_ISS);
        m.put(c + "audience", COGNITO_CLIENT);
        m.put(c + "audience-claim", "client_id");
        m.put(c + "jwks-uri", jwks.toString());
        m.put(c + "typ", "absent");
        m.put(c + "username-claim", "username");
        m.put(c + "roles-claim", "cognito:groups");
        return m;
    }

    /** A Keycloak access token: payload typ Bearer, realm and client roles nested, aud with "account". */
    public static JWTClaimsSet.Builder keycloak(Instant now, String user, List<String> clientRoles, String scope) {
        return new JWTClaimsSet.Builder()
                .issuer(KEYCLOAK_ISS)
                .subject(UUID.nameUUIDFromBytes(user.getBytes()).toString())
                .audience(List.of(KEYCLOAK_CLIENT, "account"))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .issueTime(Date.from(now))
                .jwtID("onrtac:" + UUID.randomUUID())
                .claim("typ", "Bearer")
                .claim("azp", KEYCLOAK_CLIENT)
                .claim("sid", UUID.randomUUID().toString())
                .claim("acr", "1")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "uma_authorization")))
                .claim("resource_access", Map.of(KEYCLOAK_CLIENT, Map.of("roles", clientRoles),
                        "account", Map.of("roles", List.of("manage-account"))))
                .claim("scope", scope)
                .claim("email_verified", true)
                .claim("preferred_username", user)
                .claim("email", user + "@example.com");
    }

    /** A Keycloak ID token of the same user: payload typ ID, aud the client. */
    public static JWTClaimsSet.Builder keycloakIdToken(Instant now, String user) {
        return keycloak(now, user, List.of("admin"), "openid").audience(KEYCLOAK_CLIENT).claim("typ", "ID")
                .claim("nonce", "n-0S6_WzA2Mj");
    }

    /** An Auth0 access token: no jti, namespaced custom claims, permissions beside scope. */
    public static JWTClaimsSet.Builder auth0(Instant now, String email, List<String> roles, String scope) {
        return new JWTClaimsSet.Builder()
                .issuer(AUTH0_ISS)
                .subject("auth0|" + Integer.toHexString(email.hashCode()))
                .audience(List.of(AUTH0_AUDIENCE, AUTH0_ISS + "userinfo"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(86400)))
                .claim("azp", "Zq2PRKqN0jYeRVCVh3Y5E5BPf0UmHeJs")
                .claim("scope", scope)
                .claim("permissions", List.of(scope.split(" ")))
                .claim(AUTH0_ROLES, roles)
                .claim(AUTH0_EMAIL, email);
    }

    /** An Entra ID v2 access token: scp a space-separated string, app roles in roles, uti not jti. */
    public static JWTClaimsSet.Builder entra(Instant now, String upn, List<String> appRoles, String scp) {
        return new JWTClaimsSet.Builder()
                .issuer(ENTRA_ISS)
                .subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
                .audience(ENTRA_CLIENT)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("aio", "ASQA2/8TAAAAsVZ9b2Y")
                .claim("azp", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c")
                .claim("azpacr", "0")
                .claim("name", "Abe Lincoln")
                .claim("oid", "690222be-ff1a-4d56-abd1-7e4f7d38e474")
                .claim("preferred_username", upn)
                .claim("rh", "0.ARoAv4j5cvGGr0GRqy180BHbR")
                .claim("roles", appRoles)
                .claim("scp", scp)
                .claim("tid", "72f988bf-86f1-41af-91ab-2d7cd011db47")
                .claim("uti", "fqiBqXLPj0eQa82S-IYFAA")
                .claim("ver", "2.0");
    }

    /** A Cognito access token: no aud (client_id instead), token_use access, groups, no header typ. */
    public static JWTClaimsSet.Builder cognito(Instant now, String user, List<String> groups, String scope) {
        return new JWTClaimsSet.Builder()
                .issuer(COGNITO_ISS)
                .subject(UUID.nameUUIDFromBytes(user.getBytes()).toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("cognito:groups", groups)
                .claim("token_use", "access")
                .claim("scope", scope)
                .claim("auth_time", now.getEpochSecond())
                .claim("client_id", COGNITO_CLIENT)
                .claim("origin_jti", UUID.randomUUID().toString())
                .claim("event_id", UUID.randomUUID().toString())
                .claim("username", user);
    }

    /** A Cognito ID token: token_use id, aud the client. */
    public static JWTClaimsSet.Builder cognitoIdToken(Instant now, String user) {
        return cognito(now, user, List.of("admin"), "openid").audience(COGNITO_CLIENT).claim("token_use", "id");
    }
}
