package de.servicekonto.eid.authenticator;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The capability in a TC Token URL. The eID-Client fetches the TC Token without the browser's cookies, so the URL
 * itself names the authentication session: by a random reference kept in Keycloak's cluster-wide single-use store
 * (keyed by type and realm), usable once and for ten minutes, and echoed in the authentication session so an old
 * reference of the same session is worthless.
 */
final class TcTokenTickets {

    /** Authentication-session note: the reference of the TC Token URL the page shows now. */
    static final String NOTE_REF = "sk-eid.ref";
    static final int LIFESPAN_SECONDS = 600;

    private static final Pattern REF = Pattern.compile("^[A-Za-z0-9_-]{43}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String ROOT = "root";
    private static final String TAB = "tab";
    private static final String CLIENT = "client";
    private static final String CONFIG = "config";
    private static final String REFRESH = "refresh";

    /** What a reference stands for. */
    record Ticket(String rootSessionId, String tabId, String clientUuid, String configId, URI refreshAddress) {
    }

    private TcTokenTickets() {
    }

    /** A new reference for this authentication session; replaces any earlier one of the session. */
    static String issue(KeycloakSession session, AuthenticationSessionModel authSession, String configId, URI refreshAddress) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ref = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, String> ticket = new HashMap<>();
        ticket.put(ROOT, authSession.getParentSession().getId());
        ticket.put(TAB, authSession.getTabId());
        ticket.put(CLIENT, authSession.getClient().getId());
        ticket.put(CONFIG, configId);
        ticket.put(REFRESH, refreshAddress.toString());
        session.singleUseObjects().put(key(authSession.getRealm(), ref), LIFESPAN_SECONDS, ticket);
        authSession.setAuthNote(NOTE_REF, ref);
        return ref;
    }

    /** Takes the ticket of a reference out of the store: a second fetch finds nothing. */
    static Optional<Ticket> redeem(KeycloakSession session, RealmModel realm, String ref) {
        if (ref == null || !REF.matcher(ref).matches()) {
            return Optional.empty();
        }
        SingleUseObjectProvider store = session.singleUseObjects();
        Map<String, String> ticket = store.remove(key(realm, ref));
        if (ticket == null) {
            return Optional.empty();
        }
        return Optional.of(new Ticket(ticket.get(ROOT), ticket.get(TAB), ticket.get(CLIENT), ticket.get(CONFIG),
                URI.create(ticket.get(REFRESH))));
    }

    private static String key(RealmModel realm, String ref) {
        return "sk-eid.tc-token." + realm.getId() + "." + ref;
    }
}
