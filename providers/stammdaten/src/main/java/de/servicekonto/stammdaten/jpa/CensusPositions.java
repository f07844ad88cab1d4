package de.servicekonto.stammdaten.jpa;

import jakarta.persistence.EntityManager;
import java.util.OptionalInt;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The census positions in our table {@code SK_LIFECYCLE_CENSUS} ({@link CensusPositionEntity}): the only class that
 * reads or writes it. The census of a realm runs on one node of the cluster at a time (a cluster task), so a
 * position has one writer.
 */
public final class CensusPositions {

    private final EntityManager em;

    private CensusPositions(EntityManager em) {
        this.em = em;
    }

    public static CensusPositions of(KeycloakSession session) {
        return new CensusPositions(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    /** The realm's position, if one was stored. */
    public OptionalInt get(String realmId) {
        CensusPositionEntity row = em.find(CensusPositionEntity.class, realmId);
        return row == null ? OptionalInt.empty() : OptionalInt.of(row.getPosition());
    }

    /** Stores the realm's position (an update of the row only when it differs, as JPA writes changed rows only). */
    public void put(String realmId, int position) {
        CensusPositionEntity row = em.find(CensusPositionEntity.class, realmId);
        if (row == null) {
            em.persist(new CensusPositionEntity(realmId, position));
        } else if (row.getPosition() != position) {
            row.setPosition(position);
        }
    }

    static void forgetRealm(KeycloakSession session, String realmId) {
        session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createQuery("delete from CensusPositionEntity c where c.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }
}
