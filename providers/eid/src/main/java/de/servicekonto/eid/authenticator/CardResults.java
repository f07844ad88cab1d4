package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.EidResult;
import de.servicekonto.eid.account.EidAttributes;
import de.servicekonto.eid.server.EidPerson;
import de.servicekonto.eid.server.EidServerException;
import de.servicekonto.eid.server.GetResultResponse;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The browser back from the eID-Client at the RefreshAddress (TR-03124-1): the return is checked against this login's
 * TC Token, then the card's data are fetched from the eID-Server ({@code getResult}, TR-03130-1). Only that answer
 * counts, and only once: the eID session is taken out of the authentication session before asking.
 */
final class CardResults {

    static final int MAX_PARAMETER = 512;
    private static final Logger LOG = Logger.getLogger(CardResults.class);

    private final EidServers servers;

    CardResults(EidServers servers) {
        this.servers = servers;
    }

    /** A card read in this login: its keyed pseudonym and the attributes from the chip. */
    record Card(String pseudonym, Map<String, String> chip) {
    }

    /** The card read, or empty after the page saying why not was shown ({@link EidPages#fail}). */
    Optional<Card> read(AuthenticationFlowContext context, String major, String minor, String nonce) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // One answer per eID session: whatever happens next, this session cannot be asked about again.
        String eidSession = authSession.getAuthNote(EidAuthenticator.NOTE_SESSION);
        String useIdError = authSession.getAuthNote(EidAuthenticator.NOTE_ERROR);
        String nonceHash = authSession.getAuthNote(EidAuthenticator.NOTE_NONCE);
        authSession.removeAuthNote(EidAuthenticator.NOTE_SESSION);
        authSession.removeAuthNote(EidAuthenticator.NOTE_ERROR);
        authSession.removeAuthNote(EidAuthenticator.NOTE_NONCE);
        authSession.removeAuthNote(TcTokenTickets.NOTE_REF);
        // Only the eID-Client that fetched this login's TC Token knows the nonce of its RefreshAddress. Without this
        // check, whoever started a login could let someone else's card be read for it (the TC Token link can be
        // passed on) and then finish it himself with the page's own action URL.
        boolean fromThisTcToken = eidSession != null && nonceHash != null && nonce != null
                && nonce.length() <= MAX_PARAMETER && TcTokenResource.nonceMatches(nonce, nonceHash);

        Optional<EidResult> clientError = EidResult.ofRefreshAddress(bounded(major), bounded(minor));
        if (clientError.isPresent()) {
            return failed(context, clientError.get(), "eID-Client reported " + clientError.get());
        }
        if (useIdError != null) {
            return failed(context, EidResult.valueOf(useIdError), "useID failed");
        }
        if (!fromThisTcToken) {
            // "ok" without an eID session of this login, or not from its TC Token: forged, replayed or relayed.
            return failed(context, EidResult.SESSION_INVALID, "no eID session of this TC Token");
        }
        Optional<EidSettings> settings = EidConfig.settings(context);
        if (settings.isEmpty()) {
            return failed(context, EidResult.SERVER_BUSY, "eID not configured");
        }
        GetResultResponse result;
        try {
            result = servers.client(context.getSession(), settings.get(), EidConfig.config(context)).getResult(eidSession, 1);
        } catch (EidServerException e) {
            LOG.warnf("getResult failed in realm %s: %s", context.getRealm().getName(), e.getMessage());
            return failed(context, EidResult.SERVER_BUSY, "getResult failed");
        } catch (RuntimeException e) {
            // Keystore, vault or TLS set-up unusable: an operator's problem, the citizen reads "not possible now".
            LOG.errorf("eID-Server client of realm %s not usable: %s", context.getRealm().getName(), e.getMessage());
            return failed(context, EidResult.SERVER_BUSY, "eID-Server client not usable");
        }
        if (!result.ok()) {
            return failed(context, result.result(), "getResult: " + result.resultMinor());
        }
        if (settings.get().minimumAge() > 0 && !Boolean.TRUE.equals(result.fulfilsAgeVerification())) {
            return failed(context, EidResult.AGE_NOT_MET, "age verification not fulfilled");
        }
        // hoch is asserted only if the eID-Server confirms it.
        if (!EidSettings.LEVEL_OF_ASSURANCE.equals(result.levelOfAssuranceResult())) {
            return failed(context, EidResult.DOCUMENT_DENIED, "level of assurance " + result.levelOfAssuranceResult());
        }
        EidPerson person = result.person();
        if (person == null || person.restrictedId() == null || person.givenNames() == null
                || person.familyNames() == null || person.dateOfBirth() == null) {
            return failed(context, EidResult.OTHER_ERROR, "getResult lacks names, birth date or pseudonym");
        }
        String pseudonym;
        try {
            pseudonym = EidConfig.pseudonym(context).of(person.restrictedId());
        } catch (IllegalArgumentException e) {
            return failed(context, EidResult.OTHER_ERROR, "unusable RestrictedID");
        }
        return Optional.of(new Card(pseudonym, EidAttributes.of(person)));
    }

    private static Optional<Card> failed(AuthenticationFlowContext context, EidResult result, String log) {
        EidPages.fail(context, result, log);
        return Optional.empty();
    }

    private static String bounded(String value) {
        return value == null || value.length() > MAX_PARAMETER ? null : value;
    }
}
