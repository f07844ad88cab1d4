package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.account.EidLinking;
import de.servicekonto.spi.AfterCommitMail;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * The e-mail to the account's verified address after an ID card was linked to it (Hochstufung or a new card), so
 * that the owner learns of a link made with a stolen password. Rendered by Keycloak's e-mail templates from the
 * realm's e-mail theme ({@code html/} and {@code text/}{@value #TEMPLATE}), in the owner's language (German unless
 * the account chose another one), without any link and without data from the card.
 */
final class CardLinkMail {

    static final String TEMPLATE = "sk-eid-card-linked.ftl";
    static final String SUBJECT = "skEidCardLinkedSubject";
    /**
     * Read by Keycloak's e-mail templates from the body attributes: the language comes from the account and the realm,
     * not from the browser of the login (which may not be the owner's).
     */
    private static final String IGNORE_ACCEPT_LANGUAGE = "IGNORE_ACCEPT_LANGUAGE_HEADER";
    private static final ZoneId GERMAN_TIME = ZoneId.of("Europe/Berlin");

    private CardLinkMail() {
    }

    /**
     * Sends the mail once the current transaction has committed (nothing is announced that did not happen). Accounts
     * without a verified e-mail address get none.
     */
    static void afterCommit(KeycloakSession session, UserModel user, EidLinking.Outcome outcome) {
        if (user.getEmail() == null || user.getEmail().isBlank() || !user.isEmailVerified()) {
            return;
        }
        String userId = user.getId();
        Instant linkedAt = Instant.now();
        AfterCommitMail.afterCommit(session, (mailSession, realm) -> {
            UserModel owner = mailSession.users().getUserById(realm, userId);
            if (owner == null || owner.getEmail() == null || !owner.isEmailVerified()) {
                return;
            }
            AfterCommitMail.send(mailSession, realm, owner, "Mail about the ID card linked", mail ->
                    mail.send(SUBJECT, List.of(), TEMPLATE, attributes(outcome, linkedAt, owner.getUsername())));
        });
    }

    /** What the templates read besides Keycloak's own ({@code msg}, {@code locale}, …). */
    static Map<String, Object> attributes(EidLinking.Outcome outcome, Instant linkedAt, String username) {
        ZonedDateTime when = linkedAt.atZone(GERMAN_TIME);
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("relink", outcome == EidLinking.Outcome.RELINK);
        attributes.put("linkedDate", when.format(DateTimeFormatter.ofPattern("dd.MM.yyyy")));
        attributes.put("linkedTime", when.format(DateTimeFormatter.ofPattern("HH:mm")));
        attributes.put("username", username);
        attributes.put(IGNORE_ACCEPT_LANGUAGE, Boolean.TRUE);
        return attributes;
    }
}
