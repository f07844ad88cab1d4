package de.servicekonto.organisations.jpa;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.AuthorityApplication;
import de.servicekonto.organisations.AuthorityStatus;
import de.servicekonto.organisations.OrganisationData;
import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.organisations.spi.OrganisationsProvider;
import de.servicekonto.organisations.spi.Event;
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
    public java.util.Map<String, OrganisationAccount> accounts(RealmModel realm, java.util.Collection<String> orgIds) {
        if (orgIds.isEmpty()) {
            return java.util.Map.of();
        }
        java.util.Map<String, OrganisationAccount> found = new java.util.HashMap<>();
        em.createQuery("select a from SkOrgAccountEntity a where a.realmId = :realm and a.orgId in :ids", SkOrgAccountEntity.class)
                .setParameter("realm", realm.getId()).setParameter("ids", orgIds).getResultList()
                .forEach(e -> found.put(e.getOrgId(), toModel(e)));
        return found;
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
        // Locked and re-read from the database (not the state loaded earlier in this transaction), so that two
        // operators deciding at once cannot both move from the same state; the second sees the first one's result.
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
    public List<String> admins(String orgId) {
        return em.createQuery("select a.userId from SkOrgAdminEntity a where a.orgId = :org", String.class)
                .setParameter("org", orgId).getResultList();
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
            em.persist(new SkOrgAdminEntity(KeycloakModelUtils.generateId(), orgId, userId,
                    actor == null ? Succession.SYSTEM : actor.getId(), System.currentTimeMillis()));
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
        if (em.find(SkOrgClientEntity.class, client.getId()) != null) {
            throw new OrganisationException(409, "client_already_bound",
                    "the client is already bound to an authority; unbind it first");
        }
        em.persist(new SkOrgClientEntity(client.getId(), realm.getId(), orgId, operator.getId(), System.currentTimeMillis()));
        recordEvent(orgId, EVENT_CLIENT_BOUND, client.getClientId(), operator.getId());
        em.flush();
    }

    @Override
    public void unbindClient(RealmModel realm, String orgId, ClientModel client, UserModel operator) {
        SkOrgClientEntity binding = em.find(SkOrgClientEntity.class, client.getId());
        if (binding == null || !binding.getOrgId().equals(orgId) || !binding.getRealmId().equals(realm.getId())) {
            throw new OrganisationException(404, "client_not_bound", "the client is not bound to this authority");
        }
        em.remove(binding);
        recordEvent(orgId, EVENT_CLIENT_UNBOUND, client.getClientId(), operator.getId());
        em.flush();
    }

    @Override
    public void recordEvent(String orgId, String type, String subject, String actorId) {
        em.persist(new SkOrgEventEntity(KeycloakModelUtils.generateId(), orgId, type, subject, actorId, System.currentTimeMillis()));
    }

    @Override
    public long eventCountSince(String orgId, String type, long since) {
        return em.createNamedQuery("SkOrg.eventCountSince", Long.class).setParameter("org", orgId)
                .setParameter("type", type).setParameter("since", since).getSingleResult();
    }

    @Override
    public List<Event> events(String orgId) {
        return em.createNamedQuery("SkOrg.events", SkOrgEventEntity.class).setParameter("org", orgId).getResultList()
                .stream().map(e -> new Event(e.getType(), e.getSubject(), e.getActorId(), e.getTime())).toList();
    }

    @Override
    public long pendingInvitationsTo(String realmId, String email) {
        // Keycloak's invitation table, over the organisations of this realm only: what happens in another realm
        // neither limits nor shows here.
        return em.createQuery("select count(i) from OrganizationInvitationEntity i where lower(i.email) = :email"
                        + " and (i.expiresAt = 0 or i.expiresAt > :now) and i.organizationId in"
                        + " (select o.id from OrganizationEntity o where o.realmId = :realm)", Long.class)
                .setParameter("email", email.toLowerCase(java.util.Locale.ROOT)).setParameter("realm", realmId)
                .setParameter("now", (int) (System.currentTimeMillis() / 1000)).getSingleResult();
    }

    @Override
    public long accountsRegisteredSince(String realmId, String userId, long since) {
        return em.createNamedQuery("SkOrg.accountsRegisteredSince", Long.class).setParameter("realm", realmId)
                .setParameter("user", userId).setParameter("since", since).getSingleResult();
    }

    @Override
    public Optional<Long> firstJoined(String orgId, String userId) {
        List<Long> times = em.createQuery("select min(e.time) from SkOrgEventEntity e where e.orgId = :org"
                        + " and e.type = :type and e.subject = :user", Long.class)
                .setParameter("org", orgId).setParameter("type", EVENT_MEMBER_JOINED).setParameter("user", userId)
                .getResultList();
        return times.isEmpty() || times.get(0) == null ? Optional.empty() : Optional.of(times.get(0));
    }

    @Override
    public List<String> boundClients(String orgId) {
        return em.createNamedQuery("SkOrg.clientsOfOrg", SkOrgClientEntity.class).setParameter("org", orgId)
                .getResultList().stream().map(SkOrgClientEntity::getClientId).toList();
    }

    @Override
    public void removeOrganisation(String orgId) {
        for (String query : List.of("SkOrg.deleteAdminsOfOrg", "SkOrg.deleteFavourites", "SkOrg.deleteTransitions",
                "SkOrg.deleteClientsOfOrg", "SkOrg.deleteEvents")) {
            em.createNamedQuery(query).setParameter("org", orgId).executeUpdate();
        }
        SkOrgAccountEntity entity = em.find(SkOrgAccountEntity.class, orgId);
        if (entity != null) {
            em.remove(entity);
        }
    }

    @Override
    public List<String> organisationsAdministeredBy(String userId) {
        return em.createQuery("select a.orgId from SkOrgAdminEntity a where a.userId = :user", String.class)
                .setParameter("user", userId).getResultList();
    }

    @Override
    public void removeUser(String userId) {
        em.createNamedQuery("SkOrg.deleteAdminsOfUser").setParameter("user", userId).executeUpdate();
    }

    @Override
    public void removeRealm(RealmModel realm) {
        for (String entity : List.of("SkOrgAdminEntity", "SkOrgFavouriteEntity", "SkOrgTransitionEntity", "SkOrgEventEntity")) {
            em.createQuery("delete from " + entity + " x where x.orgId in"
                    + " (select a.orgId from SkOrgAccountEntity a where a.realmId = :realm)")
                    .setParameter("realm", realm.getId()).executeUpdate();
        }
        em.createQuery("delete from SkOrgClientEntity c where c.realmId = :realm").setParameter("realm", realm.getId()).executeUpdate();
        em.createNamedQuery("SkOrg.deleteAccountsOfRealm").setParameter("realm", realm.getId()).executeUpdate();
    }

    @Override
    public void removeFavouritesOf(RealmModel realm, String clientId) {
        em.createQuery("delete from SkOrgFavouriteEntity f where f.clientId = :client and f.orgId in"
                        + " (select a.orgId from SkOrgAccountEntity a where a.realmId = :realm)")
                .setParameter("client", clientId).setParameter("realm", realm.getId()).executeUpdate();
    }

    @Override
    public void removeClient(String clientId) {
        SkOrgClientEntity binding = em.find(SkOrgClientEntity.class, clientId);
        if (binding != null) {
            em.remove(binding);
            recordEvent(binding.getOrgId(), EVENT_CLIENT_UNBOUND, null, null);
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
        SkOrgAccountEntity entity = em.find(SkOrgAccountEntity.class, orgId);
        if (entity == null || !entity.getRealmId().equals(realm.getId())) {
            return Optional.empty();
        }
        if (lock) {
            // find() with a lock mode does not reload an entity this transaction already holds; refresh does.
            em.refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        }
        return Optional.of(entity);
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
