package de.servicekonto.eid.server;

import de.servicekonto.eid.EidResult;
import java.util.Objects;

/**
 * A call to the eID-Server did not produce a usable answer. The message names the kind of failure (status, fault
 * code, result code, transport error) but never contains keys, session identifiers or the response body.
 */
public final class EidServerException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** The server could not be reached or did not answer in time: connection, timeout, TLS, HTTP 5xx. */
        UNAVAILABLE,
        /** The answer could not be read or was not what the protocol allows (including answers that are too large). */
        PROTOCOL,
        /** The server turned the request down: SOAP fault, HTTP 4xx, or an error result of useID. */
        REFUSED
    }

    private final Reason reason;
    private final EidResult result;

    public EidServerException(Reason reason, String message) {
        this(reason, defaultResult(reason), message, null);
    }

    public EidServerException(Reason reason, String message, Throwable cause) {
        this(reason, defaultResult(reason), message, cause);
    }

    /**
     * @param result what to tell the citizen, for instance {@link EidResult#SERVER_BUSY} for a useID answer
     *               {@code tooManyOpenSessions}
     */
    public EidServerException(Reason reason, EidResult result, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.result = Objects.requireNonNull(result, "result");
        if (result == EidResult.OK) {
            throw new IllegalArgumentException("a failure cannot carry the result OK");
        }
    }

    public Reason reason() {
        return reason;
    }

    /**
     * What to tell the citizen (never null, never {@link EidResult#OK}): the mapped error result code when the
     * server sent one, {@link EidResult#SERVER_BUSY} when it could not be reached, else
     * {@link EidResult#OTHER_ERROR}.
     */
    public EidResult result() {
        return result;
    }

    private static EidResult defaultResult(Reason reason) {
        return reason == Reason.UNAVAILABLE ? EidResult.SERVER_BUSY : EidResult.OTHER_ERROR;
    }
}
