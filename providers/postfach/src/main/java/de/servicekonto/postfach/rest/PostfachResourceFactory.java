package de.servicekonto.postfach.rest;

import de.servicekonto.postfach.PostfachService;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Registers {@code /realms/{realm}/postfach}; shreds a removed account's or organisation's Postfach (its data key
 * and rows) in the removal's transaction, and a removed realm's; and once an hour (one node of the cluster) purges messages deleted longer ago than the undo
 * period and attachments uploaded but never sent.
 */
public final class PostfachResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "postfach";
    private static final String TASK = "sk-postfach-purge";
    private static final Logger LOG = Logger.getLogger(PostfachResourceFactory.class);

    private int intervalSeconds = (int) Duration.ofHours(1).toSeconds();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new PostfachResource(session);
    }

    @Override
    public void init(Config.Scope config) {
        intervalSeconds = Math.max(1, config.getInt("purge-interval-seconds", intervalSeconds));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof UserModel.UserRemovedEvent removed) {
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
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class).schedule(new ScheduledTaskRunner(factory, task), interval * 1000L, TASK);
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
