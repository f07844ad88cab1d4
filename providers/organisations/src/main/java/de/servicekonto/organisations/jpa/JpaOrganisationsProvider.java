package de.servicekonto.organisations.jpa;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.AuthorityApplication;
import de.servicekonto.organisations.AuthorityStatus;
import de.servicekonto.organisations.OrganisationData;
import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.organisations.spi.OrganisationsProvider;
import de.servicekonto.organisations.spi.Transition;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** {@link OrganisationsProvider} on our {@code SK_ORG_*} tables in Keycloak's database. */
final class JpaOrganisationsProvider implements OrganisationsProvider {

    private final EntityManager em;

    JpaOrganisationsProvider(EntityManager em) {
        this.em = em;
    }

    @Override
    public Optional<OrganisationAccount> account(RealmModel realm, String orgId) {
        return entity(realm, orgId, false).map(JpaOrganisationsProvider::toModel);
    }

    @Override
    public boolean isActiveAuthority(RealmModel realm, String orgId) {
        return account(realm, orgId).filter(a -> a.kind() == AccountKind.AUTHORITY && a.mayAct()).isPresent();
    }

    @Override
    public Optional<String> boundAuthority(RealmModel realm, ClientModel client) {
        SkOrgClientEntity binding = em.find(SkOrgClientEntity.class, client.getId());
        return binding == null || !binding.getRealmId().equals(realm.getId()) ? Optional.empty() : Optional.of(binding.getOrgId());
    }

    @Override
    public List<String> authorities(RealmModel realm, AuthorityStatus status, int max) {
        return em.createNamedQuery("SkOrg.accountsByKindAndStatus", SkOrgAccountEntity.class)
                .setParameter("realm", realm.getId()).setParameter("kind", AccountKind.AUTHORITY.name())
                .setParameter("status", status.name()).setMaxResults(max).getResultList().stream()
                .map(SkOrgAccountEntity::getOrgId).toList();
    }

    @Override
    public OrganisationAccount createOrganisation(RealmModel realm, String orgId, OrganisationData data, UserModel registrant) {
        SkOrgAccountEntity entity = newEntity(realm, orgId, AccountKind.ORGANISATION, registrant);
        entity.setLegalForm(data.legalForm());
        entity.setRegisterType(data.registerType().name());
        entity.setRegisterNumber(data.registerNumber());
        entity.setRegisterCourt(data.registerCourt());
        entity.setStreet(data.street());
        entity.setPostalCode(data.postalCode());
        entity.setCity(data.city());
        entity.setContactEmail(data.contactEmail());
        entity.setContactPhone(data.contactPhone());
        em.persist(entity);
        setAdmin(orgId, registrant.getId(), true, registrant);
        return toModel(entity);
    }

    @Override
    public OrganisationAccount createAuthority(RealmModel realm, String orgId, AuthorityApplication application, UserModel applicant) {
        SkOrgAccountEntity entity = newEntity(realm, orgId, AccountKind.AUTHORITY, applicant);
        entity.setStreet(application.street());
        entity.setPostalCode(application.postalCode());
        entity.setCity(application.city());
        entity.setResponsiblePerson(application.responsiblePerson());
        entity.setAgencyKey(application.agencyKey());
        entity.setContactEmail(application.contactEmail());
        entity.setStatus(AuthorityStatus.APPLIED.name());
        em.persist(entity);
        em.persist(new SkOrgTransitionEntity(KeycloakModelUtils.generateId(), orgId, 0, null,
                AuthorityStatus.APPLIED.name(), applicant.getId(), applicant.getUsername(), entity.getCreatedAt(), null));
        setAdmin(orgId, applicant.getId(), true, applicant);
        return toModel(entity);
    }

    @Override
    public OrganisationAccount transition(RealmModel realm, String orgId, AuthorityStatus target, UserModel actor, String reason) {
        // Locked so that two operators deciding at once cannot both move from the same state.
        SkOrgAccountEntity entity = entity(realm, orgId, true)
                .filter(e -> AccountKind.AUTHORITY.name().equals(e.getKind()))
                .orElseThrow(() -> new OrganisationException(404, "not_found", "no such authority"));
        AuthorityStatus current = AuthorityStatus.valueOf(entity.getStatus());
        current.moveTo(target);
        int sequence = transitions(realm, orgId).size();
        long now = System.currentTimeMillis();
        entity.setStatus(target.name());
        em.persist(new SkOrgTransitionEntity(KeycloakModelUtils.generateId(), orgId, sequence, current.name(),
                target.name(), actor.getId(), actor.getUsername(), now, reason));
        return toModel(entity);
    }

    @Override
    public List<Transition> transitions(RealmModel realm, String orgId) {
        return em.createNamedQuery("SkOrg.transitions", SkOrgTransitionEntity.class).setParameter("org", orgId)
                .getResultList().stream()
                .map(t -> new Transition(t.getFromStatus(), t.getToStatus(), t.getActorId(), t.getActorName(), t.getTime(), t.getReason()))
                .toList();
    }

    @Override
    public OrganisationAccount verify(RealmModel realm, String orgId, UserModel operator) {
        SkOrgAccountEntity entity = entity(realm, orgId, true)
                .filter(e -> AccountKind.ORGANISATION.name().equals(e.getKind()))
                .orElseThrow(() -> new OrganisationException(404, "not_found", "no such organisation"));
        entity.setVerifiedBy(operator.getId());
        entity.setVerifiedAt(System.currentTimeMillis());
        return toModel(entity);
    }

    @Override
    public void lock(RealmModel realm, String orgId) {
        entity(realm, orgId, true);
    }

    @Override
    public boolean isAdmin(String orgId, String userId) {
        return !em.createNamedQuery("SkOrg.admin", SkOrgAdminEntity.class).setParameter("org", orgId)
                .setParameter("user", userId).getResultList().isEmpty();
    }

    @Override
    public long adminCount(String orgId) {
        return em.createNamedQuery("SkOrg.adminCount", Long.class).setParameter("org", orgId).getSingleResult();
    }

    @Override
    public void setAdmin(String orgId, String userId, boolean admin, UserModel actor) {
        List<SkOrgAdminEntity> existing = em.createNamedQuery("SkOrg.admin", SkOrgAdminEntity.class)
                .setParameter("org", orgId).setParameter("user", userId).getResultList();
        if (admin && existing.isEmpty()) {
            em.persist(new SkOrgAdminEntity(KeycloakModelUtils.generateId(), orgId, userId, actor.getId(), System.currentTimeMillis()));
        } else if (!admin) {
            existing.forEach(em::remove);
        }
        em.flush();
    }

    @Override
    public List<String> favourites(String orgId) {
        return em.createNamedQuery("SkOrg.favourites", SkOrgFavouriteEntity.class).setParameter("org", orgId)
                .getResultList().stream().map(SkOrgFavouriteEntity::getClientId).toList();
    }

    @Override
    public void setFavourites(String orgId, List<String> clientIds) {
        em.createNamedQuery("SkOrg.deleteFavourites").setParameter("org", orgId).executeUpdate();
        for (int i = 0; i < clientIds.size(); i++) {
            em.persist(new SkOrgFavouriteEntity(KeycloakModelUtils.generateId(), orgId, clientIds.get(i), i));
        }
    }

    @Override
    public void bindClient(RealmModel realm, String orgId, ClientModel client, UserModel operator) {
        SkOrgClientEntity existing = em.find(SkOrgClientEntity.class, client.getId());
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        em.persist(new SkOrgClientEntity(client.getId(), realm.getId(), orgId, operator.getId(), System.currentTimeMillis()));
    }

    @Override
    public List<String> boundClients(String orgId) {
        return em.createNamedQuery("SkOrg.clientsOfOrg", SkOrgClientEntity.class).setParameter("org", orgId)
                .getResultList().stream().map(SkOrgClientEntity::getClientId).toList();
    }

    @Override
    public void removeOrganisation(String orgId) {
        for (String query : List.of("SkOrg.deleteAdminsOfOrg", "SkOrg.deleteFavourites", "SkOrg.deleteTransitions", "SkOrg.deleteClientsOfOrg")) {
            em.createNamedQuery(query).setParameter("org", orgId).executeUpdate();
        }
        SkOrgAccountEntity entity = em.find(SkOrgAccountEntity.class, orgId);
        if (entity != null) {
            em.remove(entity);
        }
    }

    @Override
    public void removeUser(String userId) {
        em.createNamedQuery("SkOrg.deleteAdminsOfUser").setParameter("user", userId).executeUpdate();
    }

    @Override
    public void removeRealm(RealmModel realm) {
        for (String entity : List.of("SkOrgAdminEntity", "SkOrgFavouriteEntity", "SkOrgTransitionEntity")) {
            em.createQuery("delete from " + entity + " x where x.orgId in"
                    + " (select a.orgId from SkOrgAccountEntity a where a.realmId = :realm)")
                    .setParameter("realm", realm.getId()).executeUpdate();
        }
        em.createQuery("delete from SkOrgClientEntity c where c.realmId = :realm").setParameter("realm", realm.getId()).executeUpdate();
        em.createNamedQuery("SkOrg.deleteAccountsOfRealm").setParameter("realm", realm.getId()).executeUpdate();
    }

    @Override
    public void removeClient(String clientId) {
        SkOrgClientEntity binding = em.find(SkOrgClientEntity.class, clientId);
        if (binding != null) {
            em.remove(binding);
        }
    }

    @Override
    public void memberLeft(String orgId, String userId) {
        setAdmin(orgId, userId, false, null);
    }

    private Optional<SkOrgAccountEntity> entity(RealmModel realm, String orgId, boolean lock) {
        if (orgId == null || orgId.length() > 36) {
            return Optional.empty();
        }
        SkOrgAccountEntity entity = lock ? em.find(SkOrgAccountEntity.class, orgId, LockModeType.PESSIMISTIC_WRITE)
                : em.find(SkOrgAccountEntity.class, orgId);
        return entity == null || !entity.getRealmId().equals(realm.getId()) ? Optional.empty() : Optional.of(entity);
    }

    private static SkOrgAccountEntity newEntity(RealmModel realm, String orgId, AccountKind kind, UserModel creator) {
        SkOrgAccountEntity entity = new SkOrgAccountEntity();
        entity.setOrgId(orgId);
        entity.setRealmId(realm.getId());
        entity.setKind(kind.name());
        entity.setCreatedBy(creator.getId());
        entity.setCreatedAt(System.currentTimeMillis());
        return entity;
    }

    private static OrganisationAccount toModel(SkOrgAccountEntity e) {
        return new OrganisationAccount(e.getOrgId(), AccountKind.valueOf(e.getKind()), e.getLegalForm(),
                e.getRegisterType(), e.getRegisterNumber(), e.getRegisterCourt(), e.getStreet(), e.getPostalCode(),
                e.getCity(), e.getContactEmail(), e.getContactPhone(), e.getResponsiblePerson(), e.getAgencyKey(),
                e.getStatus() == null ? null : AuthorityStatus.valueOf(e.getStatus()), e.getVerifiedBy(),
                e.getVerifiedAt(), e.getCreatedBy(), e.getCreatedAt());
    }

    @Override
    public void close() {
    }
}
