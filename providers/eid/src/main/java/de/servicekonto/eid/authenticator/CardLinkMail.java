package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.account.EidLinking;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

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
    private static final Logger LOG = Logger.getLogger(CardLinkMail.class);

    private CardLinkMail() {
    }

    /**
     * Sends the mail once the current transaction has committed (nothing is announced that did not happen). Accounts
     * without a verified e-mail address get none.
     */
    static void afterCommit(KeycloakSession session, RealmModel realm, UserModel user, EidLinking.Outcome outcome) {
        if (user.getEmail() == null || user.getEmail().isBlank() || !user.isEmailVerified()) {
            return;
        }
        String realmId = realm.getId();
        String userId = user.getId();
        Instant linkedAt = Instant.now();
        HttpRequest request = session.getContext().getHttpRequest();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                KeycloakModelUtils.runJobInTransaction(factory, mailSession -> {
                    RealmModel mailRealm = mailSession.realms().getRealm(realmId);
                    mailSession.getContext().setRealm(mailRealm);
                    mailSession.getContext().setHttpRequest(request);
                    UserModel owner = mailSession.users().getUserById(mailRealm, userId);
                    if (owner == null || owner.getEmail() == null || !owner.isEmailVerified()) {
                        return;
                    }
                    try {
                        mailSession.getProvider(EmailTemplateProvider.class).setRealm(mailRealm).setUser(owner)
                                .send(SUBJECT, List.of(), TEMPLATE, attributes(outcome, linkedAt, owner.getUsername()));
                    } catch (EmailException | RuntimeException e) {
                        // The exception's message can name the recipient; the address is personal data and stays out of the log.
                        LOG.warnf("Mail about the ID card linked to an account of realm %s could not be sent (%s)",
                                mailRealm.getName(), e.getClass().getSimpleName());
                    }
                });
            }

            @Override
            protected void rollbackImpl() {
                // Nothing was linked, nothing is sent.
            }
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
