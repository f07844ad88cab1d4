package de.servicekonto.scheduling;

import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

/**
 * A periodic task whose work is per realm: {@link #runRealm} once for every realm, each in a session and transaction
 * of its own with that realm as the context realm. Why one session per realm: Keycloak's vault is bound to the realm
 * of the session that first uses it, and a failing realm (logged) neither rolls back nor stops the others.
 */
public abstract class PerRealmTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(PerRealmTask.class);

    @Override
    public final void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        List<String> realmIds = session.realms().getRealmsStream().map(RealmModel::getId).toList();
        for (String realmId : realmIds) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, realmSession -> {
                    RealmModel realm = realmSession.realms().getRealm(realmId);
                    if (realm == null) {
                        return; // removed since the list was read
                    }
                    realmSession.getContext().setRealm(realm);
                    runRealm(realmSession, realm);
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "Task %s failed for realm %s", getTaskName(), realmId);
            }
        }
    }

    /** The work for one realm, in the transaction of {@code session} (whose context realm is {@code realm}). */
    protected abstract void runRealm(KeycloakSession session, RealmModel realm);
}
