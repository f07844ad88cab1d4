package de.servicekonto.eid.profile;

import de.servicekonto.eid.account.EidAttributes;
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
                if (!guarded(attribute)) {
                    continue;
                }
                attribute.addWriteCondition(VerifiedValuesUserProfile::writable);
                Map<String, Object> configuredAnnotations = attribute.getAnnotations() == null ? Map.of()
                        : Collections.unmodifiableMap(new HashMap<>(attribute.getAnnotations()));
                attribute.setAnnotationDecorator(context -> {
                    if (context.getContext().isAdminContext()
                            || !verified(context.getUser(), context.getMetadata().getName())) {
                        return configuredAnnotations;
                    }
                    Map<String, Object> annotations = new HashMap<>(configuredAnnotations);
                    annotations.put(ANNOTATION, "eID");
                    annotations.put("inputHelperTextBefore", "${" + HINT + "}");
                    return annotations;
                });
            }
            return configured;
        }
    }
}
