package de.servicekonto.spi;

import java.util.List;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Asked before a citizen deletes their own account (SPI {@value SelfDeletionVetoSpi#NAME}): a module that keeps
 * something the account is needed for answers with its names, and while any provider names something the account is
 * not deleted. The organisations module answers with the organisations whose last administrator the person is while
 * other members remain.
 */
public interface SelfDeletionVeto extends Provider {

    /**
     * The names (as the person knows them, e.g. organisation names) of what deleting {@code user} would leave without
     * anyone to manage it; empty if nothing stands against the deletion.
     */
    List<String> blockingSelfDeletion(RealmModel realm, UserModel user);

    @Override
    default void close() {
    }
}
