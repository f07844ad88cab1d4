package de.servicekonto.postfach.rest;

import de.servicekonto.postfach.MailRetry;
import de.servicekonto.postfach.PostfachService;
import de.servicekonto.postfach.mail.PostfachMails;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Registers {@code /realms/{realm}/postfach}; shreds a removed account's or organisation's Postfach (its data key
 * and rows) in the removal's transaction, and a removed realm's; and once an hour (one node of the cluster) purges messages deleted longer ago than the undo
 * period and attachments uploaded but never sent; once a minute tries again notice e-mails a mail server did not
 * accept.
 */
public final class PostfachResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "postfach";
    private static final String TASK = "sk-postfach-purge";
    private static final Logger LOG = Logger.getLogger(PostfachResourceFactory.class);

    private static final String REWRAP_TASK = "sk-postfach-rewrap";
    private static final int REWRAP_BATCH = 500;

    private static final String MAIL_TASK = "sk-postfach-mail-retry";
    private static final int MAIL_BATCH = 100;

    private int intervalSeconds = (int) Duration.ofHours(1).toSeconds();
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
        retry = new MailRetry(Duration.ofSeconds(Math.max(1, config.getInt("mail-retry-first-delay-seconds",
                (int) MailRetry.DEFAULT_FIRST_DELAY.toSeconds()))),
                Math.max(1, config.getInt("mail-attempts", MailRetry.DEFAULT_MAX_ATTEMPTS)));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            // Before removal: every path publishes UserPreRemovedEvent (also session.users().removeUser, which
            // Keycloak's Organizations API uses to delete a managed member), UserRemovedEvent only UserManager.
            if (event instanceof UserModel.UserPreRemovedEvent removed) {
                KeycloakSession session = removed.getKeycloakSession();
                RealmModel previous = session.getContext().getRealm();
                session.getContext().setRealm(removed.getRealm());
                try {
                    new PostfachService(session, removed.getRealm()).removeAccount(removed.getUser().getId());
                } finally {
                    session.getContext().setRealm(previous);
                }
            } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
                // Published inside the removal's transaction, with the organization's realm as the context realm.
                KeycloakSession session = removed.getKeycloakSession();
                RealmModel realm = session.getContext().getRealm();
                if (realm != null) {
                    new PostfachService(session, realm).removeOrganisation(removed.getOrganization().getId());
                }
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                removed.getKeycloakSession().getProvider(de.servicekonto.postfach.spi.PostfachStore.class)
                        .deleteRealm(removed.getRealm().getId());
            }
        });
        int interval = intervalSeconds;
        ScheduledTask task = new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                session.getProvider(ClusterProvider.class).executeIfNotExecuted(TASK, Math.max(1, interval - 1), () -> {
                    long now = System.currentTimeMillis();
                    session.realms().getRealmsStream().forEach(realm -> {
                        session.getContext().setRealm(realm);
                        int purged = new PostfachService(session, realm).purge(now);
                        if (purged > 0) {
                            LOG.debugf("Purged %d Postfach rows of realm %s", purged, realm.getName());
                        }
                    });
                    return null;
                });
            }

            @Override
            public String getTaskName() {
                return TASK;
            }
        };
        int rewrapInterval = rewrapIntervalSeconds;
        ScheduledTask rewrap = new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                // After a key rotation (docs/crypto.md): data keys move to the current realm key, content untouched.
                session.getProvider(ClusterProvider.class).executeIfNotExecuted(REWRAP_TASK, Math.max(1, rewrapInterval - 1), () -> {
                    List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
                    // One session per realm: Keycloak's vault is bound to the realm of the session that first uses it.
                    for (String realmId : realmIds) {
                        KeycloakModelUtils.runJobInTransaction(factory, realmSession -> {
                            RealmModel realm = realmSession.realms().getRealm(realmId);
                            if (realm == null) {
                                return;
                            }
                            realmSession.getContext().setRealm(realm);
                            int rewrapped = new PostfachService(realmSession, realm).rewrapDataKeys(REWRAP_BATCH);
                            if (rewrapped > 0) {
                                LOG.infof("Rewrapped %d Postfach data keys of realm %s with its current key", rewrapped,
                                        realm.getName());
                            }
                        });
                    }
                    return null;
                });
            }

            @Override
            public String getTaskName() {
                return REWRAP_TASK;
            }
        };
        int mailInterval = mailIntervalSeconds;
        MailRetry mailRetry = retry;
        ScheduledTask mails = new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                // E-mails the mail server did not take: tried again with growing delays (MailRetry).
                session.getProvider(ClusterProvider.class).executeIfNotExecuted(MAIL_TASK,
                        Math.max(1, mailInterval - 1), () -> {
                            List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
                            for (String realmId : realmIds) {
                                PostfachMails.retryDue(factory, realmId, mailRetry, MAIL_BATCH);
                            }
                            return null;
                        });
            }

            @Override
            public String getTaskName() {
                return MAIL_TASK;
            }
        };
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class).schedule(new ScheduledTaskRunner(factory, mails),
                    mailInterval * 1000L, MAIL_TASK);
            session.getProvider(TimerProvider.class).schedule(new ScheduledTaskRunner(factory, task), interval * 1000L, TASK);
            session.getProvider(TimerProvider.class).schedule(new ScheduledTaskRunner(factory, rewrap), rewrapInterval * 1000L,
                    REWRAP_TASK);
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
