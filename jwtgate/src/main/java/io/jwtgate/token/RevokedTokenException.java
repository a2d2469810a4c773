package io.jwtgate.token;

/** The token, or the session it belongs to, has been revoked. */
public final class RevokedTokenException extends BadTokenException {

    private final String tokenId;

    public RevokedTokenException(String tokenId) {
        super(Reason.REVOKED, "token " + tokenId + " or its session is revoked");
        this.tokenId = tokenId;
    }

    public String tokenId() {
        return tokenId;
    }
}
