package de.servicekonto.dokumentensafe.rest;

import de.servicekonto.crypto.Rewrap;
import de.servicekonto.dokumentensafe.Dokumentensafe;
import de.servicekonto.dokumentensafe.keycloak.KeycloakSafe;
import de.servicekonto.scheduling.ClusterTimer;
import de.servicekonto.scheduling.PerRealmTask;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Registers {@code /realms/{realm}/dokumentensafe} and schedules the purge of documents in the trash longer than the
 * realm's undo period and of expired upload sessions ({@link ClusterTimer}: one node of the cluster, realm by realm; option
 * {@code spi-realm-restapi-extension--dokumentensafe--purge-interval-seconds}, default one hour), and the rewrap of the
 * safes' data keys after a key rotation (option {@code …--rewrap-interval-seconds}, default ten minutes). Removals elsewhere:
 * {@link de.servicekonto.dokumentensafe.keycloak.SafeLifecycle}.
 */
public final class DokumentensafeResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "dokumentensafe";
    private static final Logger LOG = Logger.getLogger(DokumentensafeResourceFactory.class);
    /** Documents purged per realm and run: a full trash empties over a few runs without one long transaction. */
    private static final int PURGE_BATCH = 500;

    /** Data keys rewrapped per realm and run. */
    private static final int REWRAP_BATCH = 500;

    private int purgeIntervalSeconds = (int) Duration.ofHours(1).toSeconds();
    private int rewrapIntervalSeconds = (int) Duration.ofMinutes(10).toSeconds();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new DokumentensafeResource(session);
    }

    @Override
    public void init(Config.Scope config) {
        purgeIntervalSeconds = Math.max(1, config.getInt("purge-interval-seconds", purgeIntervalSeconds));
        rewrapIntervalSeconds = Math.max(1, config.getInt("rewrap-interval-seconds", rewrapIntervalSeconds));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ClusterTimer.schedule(factory, new SafePurgeTask(), purgeIntervalSeconds);
        ClusterTimer.schedule(factory, new SafeRewrapTask(), rewrapIntervalSeconds);
    }

    /** After a key rotation (docs/crypto.md): the safes' data keys move to the realm's current key, content untouched. */
    static final class SafeRewrapTask extends PerRealmTask {

        @Override
        protected void runRealm(KeycloakSession session, RealmModel realm) {
            Rewrap.Result result = KeycloakSafe.of(session, realm).rewrapDataKeys(REWRAP_BATCH);
            if (result.rewrapped() > 0) {
                LOG.infof("Rewrapped %d Dokumentensafe data keys of realm %s with its current key", result.rewrapped(),
                        realm.getName());
            }
            if (result.unreadable() > 0) {
                // Their key-encryption key is no longer in the ring: the operator must put it back into the vault.
                LOG.warnf("%d Dokumentensafe data keys of realm %s do not unwrap with the key ring", result.unreadable(),
                        realm.getName());
            }
        }

        @Override
        public String getTaskName() {
            return "sk-dokumentensafe-rewrap";
        }
    }

    /** Documents in the trash longer than the undo period go for good, expired upload sessions with their parts. */
    static final class SafePurgeTask extends PerRealmTask {

        @Override
        protected void runRealm(KeycloakSession session, RealmModel realm) {
            Dokumentensafe safe = KeycloakSafe.of(session, realm);
            int purged = safe.documents().purge(PURGE_BATCH);
            int expired = safe.uploads().purgeExpired(PURGE_BATCH);
            if (purged + expired > 0) {
                LOG.debugf("Purged %d Dokumentensafe documents and %d expired upload sessions of realm %s", purged,
                        expired, realm.getName());
            }
        }

        @Override
        public String getTaskName() {
            return "sk-dokumentensafe-purge";
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
