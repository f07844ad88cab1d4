package de.servicekonto.eid.server;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;

/**
 * The eID-Server's answer to a successful useID request: what goes into the TC Token.
 *
 * @param sessionId           the eID session (hex, as received); later passed to getResult
 * @param ecardServerAddress  the eID-Server's PAOS endpoint for the eID-Client, or null if the server did not name
 *                            one (then the service's configured address applies)
 * @param pskId               the identity of the pre-shared key (hex, as received)
 * @param pskKey              the pre-shared key securing the channel between eID-Client and eID-Server (a copy)
 */
public record UseIdResponse(String sessionId, URI ecardServerAddress, String pskId, byte[] pskKey) {

    /** Shorter keys would be weaker than the TLS-PSK cipher suites they feed. */
    public static final int MIN_PSK_BYTES = 16;

    public UseIdResponse {
        if (!Hex.isHex(sessionId)) {
            throw new IllegalArgumentException("sessionId must be a hex string");
        }
        if (!Hex.isHex(pskId)) {
            throw new IllegalArgumentException("pskId must be a hex string");
        }
        Objects.requireNonNull(pskKey, "pskKey");
        if (pskKey.length < MIN_PSK_BYTES) {
            throw new IllegalArgumentException("pskKey must have at least " + MIN_PSK_BYTES + " bytes");
        }
        pskKey = pskKey.clone();
    }

    @Override
    public byte[] pskKey() {
        return pskKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UseIdResponse that
                && sessionId.equals(that.sessionId)
                && Objects.equals(ecardServerAddress, that.ecardServerAddress)
                && pskId.equals(that.pskId)
                && Arrays.equals(pskKey, that.pskKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionId, ecardServerAddress, pskId, Arrays.hashCode(pskKey));
    }

    /** Leaves out the key and most of the session id: whoever has both can take over the eID session. */
    @Override
    public String toString() {
        return "UseIdResponse[sessionId=" + sessionId.substring(0, Math.min(8, sessionId.length()))
                + "…, ecardServerAddress=" + ecardServerAddress + ", pskKey=(" + pskKey.length + " bytes)]";
    }
}
