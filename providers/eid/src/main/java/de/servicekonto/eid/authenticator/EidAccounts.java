package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.account.EidAttributes;
import de.servicekonto.eid.account.EidLinking;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The accounts of a realm as eID sees them: found by pseudonym hash, created or changed from the chip's data. */
final class EidAccounts {

    private static final int LOCK_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;

    EidAccounts(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    Optional<UserModel> byPseudonym(String pseudonym) {
        List<UserModel> owners = session.users().searchForUserByUserAttributeStream(realm, EidAttributes.PSEUDONYM, pseudonym)
                .limit(2).collect(Collectors.toList());
        if (owners.size() > 1) {
            // Never pick one of several: that would be a silent merge.
            throw new IllegalStateException("pseudonym linked to more than one account in realm " + realm.getName());
        }
        return owners.stream().findFirst();
    }

    EidLinking.Outcome decide(UserModel current, String pseudonym, Map<String, String> chip) {
        Optional<UserModel> owner = byPseudonym(pseudonym);
        boolean samePerson = current != null && EidLinking.samePerson(verified(current), chip);
        return EidLinking.decide(current == null ? null : current.getId(),
                current == null ? null : current.getFirstAttribute(EidAttributes.PSEUDONYM),
                owner.map(UserModel::getId).orElse(null), samePerson);
    }

    /**
     * Holds the card for a short while across the cluster, so two logins with one card cannot both create or link
     * (Keycloak has no unique constraint on attributes).
     */
    boolean lock(String pseudonym) {
        String key = "sk-eid.link." + realm.getId() + "." + pseudonym;
        if (!session.singleUseObjects().putIfAbsent(key, LOCK_SECONDS)) {
            return false;
        }
        // Held until this request's transaction has ended (committed or not); the lifespan covers a crash.
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                release(factory, key);
            }

            @Override
            protected void rollbackImpl() {
                release(factory, key);
            }
        });
        return true;
    }

    private static void release(KeycloakSessionFactory factory, String key) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.singleUseObjects().remove(key));
    }

    UserModel create(String pseudonym, Map<String, String> chip) {
        byte[] id = new byte[10];
        RANDOM.nextBytes(id);
        UserModel user = session.users().addUser(realm, "eid-" + HexFormat.of().formatHex(id));
        user.setEnabled(true);
        return adopt(user, pseudonym, chip);
    }

    /** Replaces the account's master data by the chip's, marks them verified and links the card. */
    UserModel adopt(UserModel user, String pseudonym, Map<String, String> chip) {
        for (String name : EidAttributes.FROM_CHIP) {
            String value = chip.get(name);
            switch (name) {
                case EidAttributes.FIRST_NAME -> user.setFirstName(value);
                case EidAttributes.LAST_NAME -> user.setLastName(value);
                default -> {
                    if (value == null) {
                        user.removeAttribute(name);
                    } else {
                        user.setSingleAttribute(name, value);
                    }
                }
            }
        }
        user.setSingleAttribute(EidAttributes.PSEUDONYM, pseudonym);
        user.setAttribute(EidAttributes.VERIFIED, new ArrayList<>(chip.keySet()));
        user.setSingleAttribute(EidAttributes.VERIFIED_BY, EidAttributes.SOURCE_EID);
        user.setSingleAttribute(EidAttributes.VERIFIED_AT, Instant.now().toString());
        return user;
    }

    /** The account's values that were verified from a chip: the only ones a new card is compared with. */
    private static Map<String, String> verified(UserModel user) {
        List<String> names = user.getAttributeStream(EidAttributes.VERIFIED).collect(Collectors.toList());
        Map<String, String> values = new HashMap<>();
        for (String name : names) {
            String value = switch (name) {
                case EidAttributes.FIRST_NAME -> user.getFirstName();
                case EidAttributes.LAST_NAME -> user.getLastName();
                default -> user.getFirstAttribute(name);
            };
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }
}
