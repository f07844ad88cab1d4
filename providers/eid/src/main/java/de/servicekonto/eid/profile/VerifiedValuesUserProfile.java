package de.servicekonto.eid.profile;

import de.servicekonto.eid.account.EidAttributes;
import de.servicekonto.trustlevel.broker.BrokeredValues;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.AttributeMetadata;
import org.keycloak.userprofile.DeclarativeUserProfileProvider;
import org.keycloak.userprofile.DeclarativeUserProfileProviderFactory;
import org.keycloak.userprofile.UserProfileMetadata;

/**
 * Keycloak's declarative user profile, with one addition: an attribute guarded by {@link VerifiedValueValidator}
 * ({@value VerifiedValueValidator#ID} in the realm's profile) is read-only for the citizen whose value the ID card
 * verified (listed in {@value EidAttributes#VERIFIED}), and carries the annotation {@value #ANNOTATION}.
 *
 * <p>So every form Keycloak renders from the profile (the account console's personal-info page through the account
 * REST API's {@code readOnly}, the login theme's profile pages) shows such a value read-only for that person, with
 * no copy of Keycloak's forms. The validator stays: a changed value sent anyway is refused with
 * {@value VerifiedValueValidator#MESSAGE}. Administrators (admin context) and new accounts (no user yet) are not
 * affected. Same source of truth as the validator.
 *
 * <p>Registered under Keycloak's own id {@value DeclarativeUserProfileProviderFactory#ID} with a higher order, so the
 * realm's user-profile component and its configuration stay as they are.
 */
public final class VerifiedValuesUserProfile extends DeclarativeUserProfileProviderFactory {

    /** Annotation on a verified attribute, value {@code eID}: the account console marks the value with it. */
    public static final String ANNOTATION = "skVerifiedBy";
    /** Annotation on a value a partner sent: its source, {@code FINK:<alias>} or {@code eIDAS}. */
    public static final String BROKERED_ANNOTATION = "skBrokeredBy";
    /** Annotation with it: the partner's name as the operator gave it ("Servicekonto.NRW"). */
    public static final String BROKERED_NAME_ANNOTATION = "skBrokeredName";
    /** Annotation with it: the level the partner vouched for ({@code niedrig}, {@code substanziell}, {@code hoch}). */
    public static final String BROKERED_LEVEL_ANNOTATION = "skBrokeredLevel";
    /** Theme message key of the hint at a verified field (login and account themes). */
    public static final String HINT = "skVerifiedHint";

    @Override
    public int order() {
        return PROVIDER_PRIORITY + 1;
    }

    @Override
    public DeclarativeUserProfileProvider create(KeycloakSession session) {
        return new Provider(session, this);
    }

    /** Whether {@code user}'s value of {@code attribute} came from the ID card. */
    static boolean verified(UserModel user, String attribute) {
        return user != null && user.getAttributeStream(EidAttributes.VERIFIED).anyMatch(attribute::equals);
    }

    /** Whether the value may be written in this context: always, unless the citizen's own value is verified. */
    static boolean writable(AttributeContext context) {
        return context.getContext().isAdminContext()
                || !verified(context.getUser(), context.getMetadata().getName());
    }

    /**
     * A value a partner (FINK, eIDAS) sent at the account's first login and still unchanged: annotated with its source,
     * the partner's name and the level it vouched for ({@link BrokeredValues}); it stays editable (the partner is not
     * the ID card), and a changed value loses the mark.
     */
    static Map<String, Object> brokered(UserModel user, String name, Map<String, Object> configured) {
        String value = switch (name) {
            case UserModel.FIRST_NAME -> user.getFirstName();
            case UserModel.LAST_NAME -> user.getLastName();
            case UserModel.EMAIL -> user.getEmail();
            default -> user.getFirstAttribute(name);
        };
        if (!BrokeredValues.fromPartner(user.getAttributeStream(BrokeredValues.MARKS).toList(), name, value)
                || user.getFirstAttribute(BrokeredValues.SOURCE) == null) {
            return configured;
        }
        Map<String, Object> annotations = new HashMap<>(configured);
        annotations.put(BROKERED_ANNOTATION, user.getFirstAttribute(BrokeredValues.SOURCE));
        annotations.put(BROKERED_NAME_ANNOTATION, String.valueOf(user.getFirstAttribute(BrokeredValues.SOURCE_NAME)));
        BrokeredValues.level(user.getFirstAttribute(BrokeredValues.LEVEL))
                .ifPresent(level -> annotations.put(BROKERED_LEVEL_ANNOTATION, level.germanName()));
        return annotations;
    }

    private static boolean guarded(AttributeMetadata attribute) {
        return attribute.getValidators() != null && attribute.getValidators().stream()
                .anyMatch(v -> VerifiedValueValidator.ID.equals(v.getValidatorId()));
    }

    private static final class Provider extends DeclarativeUserProfileProvider {

        Provider(KeycloakSession session, DeclarativeUserProfileProviderFactory factory) {
            super(session, factory);
        }

        @Override
        protected UserProfileMetadata configureUserProfile(UserProfileMetadata metadata, KeycloakSession session) {
            // Keycloak's answer is a copy of its cached metadata: the conditions added here stay in this profile.
            UserProfileMetadata configured = super.configureUserProfile(metadata, session);
            if (configured.getAttributes() == null) {
                return configured;
            }
            for (AttributeMetadata attribute : configured.getAttributes()) {
                boolean guarded = guarded(attribute);
                if (!guarded && !UserModel.EMAIL.equals(attribute.getName())) {
                    // Only Stammdaten (those the card may verify) and the e-mail address carry a source.
                    continue;
                }
                Map<String, Object> configuredAnnotations = attribute.getAnnotations() == null ? Map.of()
                        : Collections.unmodifiableMap(new HashMap<>(attribute.getAnnotations()));
                if (guarded) {
                    attribute.addWriteCondition(VerifiedValuesUserProfile::writable);
                }
                attribute.setAnnotationDecorator(context -> {
                    if (context.getContext().isAdminContext() || context.getUser() == null) {
                        return configuredAnnotations;
                    }
                    String name = context.getMetadata().getName();
                    if (guarded && verified(context.getUser(), name)) {
                        Map<String, Object> annotations = new HashMap<>(configuredAnnotations);
                        annotations.put(ANNOTATION, "eID");
                        annotations.put("inputHelperTextBefore", "${" + HINT + "}");
                        return annotations;
                    }
                    return brokered(context.getUser(), name, configuredAnnotations);
                });
            }
            return configured;
        }
    }
}
