package io.jwtgate.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jwtgate.json.StrictJson;
import io.jwtgate.token.IssuedToken;
import java.time.Duration;

/** The RFC 6749 §5.1 token response of spec §3, built as a JSON tree (never by string). */
public final class TokenResponses {

    private TokenResponses() {
    }

    /**
     * @param refreshToken null while none is issued
     */
    public static ObjectNode of(IssuedToken token, String refreshToken) {
        ObjectNode body = StrictJson.mapper().createObjectNode()
                .put("access_token", token.token())
                .put("token_type", "Bearer")
                .put("expires_in", Duration.between(token.issuedAt(), token.expiresAt()).getSeconds())
                .put("expires_at", token.expiresAt().toString());
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("scope", String.join(" ", token.scopes()));
        body.put("id", token.tokenId());
        return body;
    }
}
