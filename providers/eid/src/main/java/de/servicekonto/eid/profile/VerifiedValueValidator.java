package de.servicekonto.eid.profile;

import de.servicekonto.eid.account.EidAttributes;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User-profile validator {@value #ID}: a value read from the ID card (listed in the account's
 * {@value EidAttributes#VERIFIED}) cannot be changed by the citizen. Operators (admin API) still can, e.g. after a
 * name change documented otherwise. A new card replaces the other verified values at its link, never the given
 * names, family name and date of birth (see {@link de.servicekonto.eid.account.SamePerson}).
 *
 * <p>Put it on every attribute of the declarative user profile that the chip fills (see realm-config).
 */
public final class VerifiedValueValidator implements SimpleValidator, ConfiguredProvider {

    public static final String ID = "sk-verified-unchanged";
    /** Theme message key of the error. */
    public static final String MESSAGE = "skVerifiedReadOnly";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (!(context instanceof UserProfileAttributeValidationContext profile)) {
            return context;
        }
        AttributeContext attribute = profile.getAttributeContext();
        UserModel user = attribute.getUser();
        if (user == null || attribute.getContext().isAdminContext()) {
            return context;
        }
        String name = attribute.getMetadata().getName();
        boolean verified = user.getAttributeStream(EidAttributes.VERIFIED).anyMatch(name::equals);
        if (verified && !Objects.equals(values(input), current(user, name))) {
            context.addError(new ValidationError(ID, inputHint, MESSAGE));
        }
        return context;
    }

    private static List<String> values(Object input) {
        if (input instanceof List<?> list) {
            return list.stream().filter(Objects::nonNull).map(Object::toString).filter(v -> !v.isEmpty())
                    .collect(Collectors.toList());
        }
        return input == null || input.toString().isEmpty() ? List.of() : List.of(input.toString());
    }

    private static List<String> current(UserModel user, String name) {
        return switch (name) {
            case UserModel.FIRST_NAME -> user.getFirstName() == null ? List.of() : List.of(user.getFirstName());
            case UserModel.LAST_NAME -> user.getLastName() == null ? List.of() : List.of(user.getLastName());
            default -> user.getAttributeStream(name).collect(Collectors.toList());
        };
    }

    @Override
    public String getHelpText() {
        return "Refuses changes by the user to values verified with the ID card (Servicekonto Plus).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
