package de.servicekonto.postfach.rest;

import de.servicekonto.postfach.MailRetry;
import de.servicekonto.postfach.NoticeCensus;
import de.servicekonto.postfach.keycloak.KeycloakPostfach;
import de.servicekonto.postfach.keycloak.PostfachMeters;
import de.servicekonto.postfach.spi.PostfachStore;
import de.servicekonto.postfach.mail.PostfachMails;
import de.servicekonto.scheduling.ClusterTimer;
import de.servicekonto.scheduling.PerRealmTask;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers {@code /realms/{realm}/postfach}, and schedules the Postfach's periodic tasks ({@link ClusterTimer}, one
 * node of the cluster, realm by realm): once an hour purges messages deleted longer ago than the undo period and
 * attachments uploaded but never sent; every ten minutes rewraps data keys after a key rotation; once a minute tries
 * again notice e-mails a mail server did not accept; every five minutes counts the notices not retrieved for the
 * gauge {@code servicekonto_postfach_notices}. Removals elsewhere:
 * {@link de.servicekonto.postfach.keycloak.PostfachLifecycle}.
 */
public final class PostfachResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "postfach";
    private static final String TASK = "sk-postfach-purge";
    private static final Logger LOG = Logger.getLogger(PostfachResourceFactory.class);

    private static final String REWRAP_TASK = "sk-postfach-rewrap";
    private static final int REWRAP_BATCH = 500;

    private static final String MAIL_TASK = "sk-postfach-mail-retry";
    private static final int MAIL_BATCH = 100;

    private static final String CENSUS_TASK = "sk-postfach-notice-census";

    private int intervalSeconds = (int) Duration.ofHours(1).toSeconds();
    private int censusIntervalSeconds = (int) Duration.ofMinutes(5).toSeconds();
    private int mailIntervalSeconds = (int) Duration.ofMinutes(1).toSeconds();
    private MailRetry retry = MailRetry.defaults();
    private int rewrapIntervalSeconds = (int) Duration.ofMinutes(10).toSeconds();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PostfachResource(session, retry);
    }

    @Override
    public void init(Config.Scope config) {
        intervalSeconds = Math.max(1, config.getInt("purge-interval-seconds", intervalSeconds));
        rewrapIntervalSeconds = Math.max(1, config.getInt("rewrap-interval-seconds", rewrapIntervalSeconds));
        mailIntervalSeconds = Math.max(1, config.getInt("mail-retry-interval-seconds", mailIntervalSeconds));
        censusIntervalSeconds = Math.max(1, config.getInt("notice-census-interval-seconds", censusIntervalSeconds));
        retry = new MailRetry(Duration.ofSeconds(Math.max(1, config.getInt("mail-retry-first-delay-seconds",
                (int) MailRetry.DEFAULT_FIRST_DELAY.toSeconds()))),
                Math.max(1, config.getInt("mail-attempts", MailRetry.DEFAULT_MAX_ATTEMPTS)));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // The options are this factory's (spi-realm-restapi-extension--postfach--…), so the tasks are scheduled here.
        ClusterTimer.schedule(factory, new PostfachMailRetryTask(retry), mailIntervalSeconds);
        ClusterTimer.schedule(factory, new PostfachPurgeTask(), intervalSeconds);
        ClusterTimer.schedule(factory, new PostfachRewrapTask(), rewrapIntervalSeconds);
        ClusterTimer.schedule(factory, new PostfachNoticeCensusTask(), censusIntervalSeconds);
    }

    /**
     * The notices not retrieved, pending or deemed notified, counted for the gauge. Why a count by a task and not
     * counters at delivery and retrieval: the deemed state is reached by time passing, which no request sees, and a
     * count from the database is right after a restart and the same on every node, where counters start at zero.
     */
    static final class PostfachNoticeCensusTask extends PerRealmTask {

        @Override
        protected void runRealm(KeycloakSession session, RealmModel realm) {
            NoticeCensus.Counts counts = NoticeCensus.count(session.getProvider(PostfachStore.class), realm.getId(),
                    Instant.now());
            PostfachMeters.noticesCounted(realm.getName(), counts);
        }

        @Override
        public String getTaskName() {
            return CENSUS_TASK;
        }
    }

    /** Messages deleted longer ago than the undo period, attachments uploaded but never sent. */
    static final class PostfachPurgeTask extends PerRealmTask {

        @Override
        protected void runRealm(KeycloakSession session, RealmModel realm) {
            int purged = KeycloakPostfach.of(session, realm).retention().purge(System.currentTimeMillis());
            if (purged > 0) {
                LOG.debugf("Purged %d Postfach rows of realm %s", purged, realm.getName());
            }
        }

        @Override
        public String getTaskName() {
            return TASK;
        }
    }

    /** After a key rotation (docs/crypto.md): data keys move to the current realm key, content untouched. */
    static final class PostfachRewrapTask extends PerRealmTask {

        @Override
        protected void runRealm(KeycloakSession session, RealmModel realm) {
            int rewrapped = KeycloakPostfach.of(session, realm).retention().rewrapDataKeys(REWRAP_BATCH);
            if (rewrapped > 0) {
                LOG.infof("Rewrapped %d Postfach data keys of realm %s with its current key", rewrapped, realm.getName());
            }
        }

        @Override
        public String getTaskName() {
            return REWRAP_TASK;
        }
    }

    /** E-mails the mail server did not take: tried again with growing delays ({@link MailRetry}). */
    static final class PostfachMailRetryTask extends PerRealmTask {

        private final MailRetry retry;

        PostfachMailRetryTask(MailRetry retry) {
            this.retry = retry;
        }

        @Override
        protected void runRealm(KeycloakSession session, RealmModel realm) {
            // Each mail in a transaction of its own: one the server refuses does not undo the others' delivery.
            PostfachMails.retryDue(session.getKeycloakSessionFactory(), realm.getId(), retry, MAIL_BATCH);
        }

        @Override
        public String getTaskName() {
            return MAIL_TASK;
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
