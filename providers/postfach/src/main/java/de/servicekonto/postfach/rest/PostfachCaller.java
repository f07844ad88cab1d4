package de.servicekonto.postfach.rest;

import de.servicekonto.postfach.Caller;
import de.servicekonto.postfach.Loa;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.postfach.keycloak.SafeLink;
import de.servicekonto.postfach.spi.AuthorityDirectory;
import de.servicekonto.rest.BearerCaller;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The Postfach's rules on top of the shared {@link BearerCaller}: audience {@value #AUDIENCE}, scopes
 * {@value Caller#READ}/{@value Caller#SEND}, a Fachverfahren's service account acting for the authority its client
 * is bound to (only with the client's own token, {@code azp}), and the person's own account console.
 */
final class PostfachCaller {

    static final String AUDIENCE = "postfach";

    private PostfachCaller() {
    }

    static Caller authenticate(KeycloakSession session, RealmModel realm) {
        Set<String> scopes = new HashSet<>();
        Optional<BearerCaller> bearer = BearerCaller.find(session, AUDIENCE);
        if (bearer.isEmpty()) {
            bearer = accountConsole(session);
            // The person's own account console is the Postfach's first-party screen: it reads and writes the
            // person's mailboxes as the person, and the person's Dokumentensafe, which it also serves (attach from
            // and save into the safe). The trust level per message is checked as for any token.
            bearer.ifPresent(console -> scopes.addAll(List.of(Caller.READ, Caller.SEND, SafeLink.READ, SafeLink.WRITE)));
        }
        BearerCaller auth = bearer.orElseThrow(() ->
                new PostfachException(401, "unauthorized", "a valid bearer token of this realm for the Postfach is required"));
        scopes.addAll(auth.scopes());
        if (auth.isServiceAccount()) {
            // The service account's user in a token another client holds (e.g. by token exchange) is not the
            // Fachverfahren: only the client's own token (azp = the client) acts for the authority.
            ClientModel client = auth.requireOwnServiceAccount();
            String authority = session.getProvider(AuthorityDirectory.class).authorityOfServiceAccount(realm, client)
                    .orElseThrow(() -> new PostfachException(403, "forbidden", "this client is not bound to an authority"));
            return new Caller(auth.user().getId(), authority, 0, scopes);
        }
        auth.requireEnabled();
        return new Caller(auth.user().getId(), null, Loa.ofAcr(auth.acr()), scopes);
    }

    /**
     * A token of Keycloak's account console ({@code azp} {@value Constants#ACCOUNT_CONSOLE_CLIENT_ID}, audience
     * {@value Constants#ACCOUNT_MANAGEMENT_CLIENT_ID}, role manage-account) of a person. No other client is accepted
     * this way: portals and Fachverfahren need the Postfach scopes (audience {@value #AUDIENCE}).
     */
    private static Optional<BearerCaller> accountConsole(KeycloakSession session) {
        return BearerCaller.find(session, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID).filter(BearerCaller::isAccountConsole);
    }
}
