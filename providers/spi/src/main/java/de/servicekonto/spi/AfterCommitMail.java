package de.servicekonto.spi;

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
 * The one way our modules send an e-mail about something the current transaction did: through Keycloak's
 * {@link EmailTemplateProvider} (the realm's e-mail theme, SMTP settings and the account's language), only once the
 * transaction has committed (nothing is announced that did not happen, and a slow mail server holds no database
 * locks), in a transaction of its own, and with failures logged without the address. What is sent, to whom and with
 * which texts stays with each module (the eID card-link mail, the organisation invitations, the Postfach's
 * notifications).
 *
 * <p>A helper shared by the modules rather than an SPI: it has no state and nothing to replace, and each caller's
 * module already installs this jar.
 */
public final class AfterCommitMail {

    private static final Logger LOG = Logger.getLogger(AfterCommitMail.class);

    private AfterCommitMail() {
    }

    /** The work after the commit: picks the recipient in {@code session} (which may be gone by now) and sends. */
    @FunctionalInterface
    public interface Job {
        /**
         * @param session a session of its own with {@code realm} as its context's realm (and the request's
         *                {@link HttpRequest}, if the commit happened in one)
         */
        void run(KeycloakSession session, RealmModel realm);
    }

    /** One e-mail, given the provider already set to the realm and the recipient. */
    @FunctionalInterface
    public interface Send {
        void send(EmailTemplateProvider provider) throws EmailException;
    }

    /**
     * Runs {@code job} once the current transaction of {@code session} has committed, in a new transaction; nothing
     * when it rolls back, and nothing when the realm was removed meanwhile. A failure of the job is Keycloak's to log
     * (after-completion work does not undo the commit).
     */
    public static void afterCommit(KeycloakSession session, Job job) {
        String realmId = session.getContext().getRealm().getId();
        // The request that caused the mail: Keycloak's templates read the server's address and the language from it.
        HttpRequest request = session.getContext().getHttpRequest();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                KeycloakModelUtils.runJobInTransaction(factory, mailSession -> {
                    RealmModel realm = mailSession.realms().getRealm(realmId);
                    if (realm == null) {
                        return;
                    }
                    mailSession.getContext().setRealm(realm);
                    if (request != null) {
                        mailSession.getContext().setHttpRequest(request);
                    }
                    job.run(mailSession, realm);
                });
            }

            @Override
            protected void rollbackImpl() {
                // Nothing happened, nothing is sent.
            }
        });
    }

    /**
     * Sends one e-mail to {@code user} through Keycloak's {@link EmailTemplateProvider} of {@code session}.
     *
     * @param what what the mail is about, for the log (e.g. "Postfach e-mail"); never personal data
     * @return whether the mail server accepted it; false when it was unreachable or refused, or the templates failed
     */
    public static boolean send(KeycloakSession session, RealmModel realm, UserModel user, String what, Send send) {
        try {
            send.send(session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user));
            return true;
        } catch (EmailException | RuntimeException e) {
            // The exception's message can name the recipient; the address is personal data and stays out of the log.
            LOG.warnf("%s to account %s of realm %s not sent (%s)", what, user.getId(), realm.getName(),
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
