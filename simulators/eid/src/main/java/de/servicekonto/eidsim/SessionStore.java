package de.servicekonto.eidsim;

import de.servicekonto.eidsim.SoapRequests.UseId;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The open eID sessions of the simulated eID-Server: created by useID, completed by the eID-Client, read once by
 * getResult. A session ends when getResult has delivered its final answer or when its lifetime has passed.
 */
final class SessionStore {

    private static final int SESSION_ID_BYTES = 32;
    private static final int PSK_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Map<String, Session> sessions = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;
    private final int maxOpenSessions;

    SessionStore(Clock clock, Duration lifetime, int maxOpenSessions) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxOpenSessions = maxOpenSessions;
    }

    /** A newly opened session as useID reports it; the PSK is given out once and only compared afterwards. */
    record OpenedSession(String id, String pskId, String pskKey) {
    }

    enum Completion { RECORDED, UNKNOWN_SESSION, WRONG_PSK, ALREADY_COMPLETED }

    enum Status { UNKNOWN_SESSION, COUNTER_NOT_GREATER, NOT_COMPLETED, CANCELLED, COMPLETED }

    /** What getResult finds; {@code request} and {@code identity} are set only for {@link Status#COMPLETED}. */
    record Poll(Status status, UseId request, Identity identity) {

        static Poll of(Status status) {
            return new Poll(status, null, null);
        }
    }

    /** Opens a session for {@code request}, or returns empty when the limit of open sessions is reached. */
    synchronized Optional<OpenedSession> open(UseId request) {
        removeExpired();
        if (sessions.size() >= maxOpenSessions) {
            return Optional.empty();
        }
        String id;
        do {
            id = randomHex(SESSION_ID_BYTES);
        } while (sessions.containsKey(id));
        byte[] psk = new byte[PSK_BYTES];
        random.nextBytes(psk);
        sessions.put(id, new Session(request, psk, clock.instant().plus(lifetime)));
        // The PSK identity names the session, as it does with production eID-Servers.
        return Optional.of(new OpenedSession(id, id, HEX.formatHex(psk)));
    }

    /**
     * Records what happened in the eID-Client: {@code identity} chose to identify, or cancelled when
     * {@code identity} is {@code null}. The PSK is the caller's proof that it holds the session's TC Token.
     */
    synchronized Completion complete(String sessionId, byte[] psk, Identity identity) {
        removeExpired();
        Session session = sessions.get(sessionId);
        if (session == null) {
            return Completion.UNKNOWN_SESSION;
        }
        if (!MessageDigest.isEqual(session.psk, psk)) {
            return Completion.WRONG_PSK;
        }
        if (session.completed) {
            return Completion.ALREADY_COMPLETED;
        }
        session.completed = true;
        session.identity = identity;
        return Completion.RECORDED;
    }

    /**
     * The getResult state machine: the counter must grow with every call (TR-03130-1 protects against replay this
     * way); a final answer closes the session.
     */
    synchronized Poll poll(String sessionId, long requestCounter) {
        removeExpired();
        Session session = sessions.get(sessionId);
        if (session == null) {
            return Poll.of(Status.UNKNOWN_SESSION);
        }
        if (requestCounter <= session.lastRequestCounter) {
            return Poll.of(Status.COUNTER_NOT_GREATER);
        }
        session.lastRequestCounter = requestCounter;
        if (!session.completed) {
            return Poll.of(Status.NOT_COMPLETED);
        }
        sessions.remove(sessionId);
        if (session.identity == null) {
            return Poll.of(Status.CANCELLED);
        }
        return new Poll(Status.COMPLETED, session.request, session.identity);
    }

    private void removeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(session -> !now.isBefore(session.expiresAt));
    }

    private String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HEX.formatHex(buffer);
    }

    /** Mutable state of one session, guarded by the store's lock. */
    private static final class Session {
        private final UseId request;
        private final byte[] psk;
        private final Instant expiresAt;
        private long lastRequestCounter;
        private boolean completed;
        private Identity identity;

        private Session(UseId request, byte[] psk, Instant expiresAt) {
            this.request = request;
            this.psk = psk;
            this.expiresAt = expiresAt;
        }
    }
}
