package de.servicekonto.eid.server;

/** The eID-Server as the service provider sees it (BSI TR-03130-1). Implementations are thread-safe. */
public interface EidServer {

    /**
     * Opens an eID session: what to read from the card, which minimum age and level of assurance to check.
     *
     * @return the session and the pre-shared key for the TC Token
     * @throws EidServerException if the server cannot be reached, refuses (for instance
     *                            {@link de.servicekonto.eid.EidResult#SERVER_BUSY} for too many open sessions), or
     *                            answers something unreadable
     */
    UseIdResponse useId(UseIdRequest request) throws EidServerException;

    /**
     * Fetches the outcome of an eID session. Error results such as "no result yet" or "cancelled by the user" are
     * returned, not thrown.
     *
     * @param sessionId       the session id from {@link #useId} (hex)
     * @param requestCounter  1 for the first call on the session, greater than the previous one for every later call
     * @throws IllegalArgumentException if the session id is not hex or the counter is below 1 (nothing is sent)
     * @throws EidServerException       if the server cannot be reached, refuses, or answers something unreadable
     */
    GetResultResponse getResult(String sessionId, int requestCounter) throws EidServerException;
}
