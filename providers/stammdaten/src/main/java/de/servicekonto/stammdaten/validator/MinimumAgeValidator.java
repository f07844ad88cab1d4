package de.servicekonto.stammdaten.validator;

import de.servicekonto.stammdaten.Ages;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidationResult;
import org.keycloak.validate.ValidatorConfig;

/**
 * User-profile validator {@value #ID} for the date of birth: the citizen must be at least {@code min} years old
 * (default {@value Ages#MINIMUM}) and the date plausible. Administrators (admin API) are not held to it.
 */
public final class MinimumAgeValidator implements SimpleValidator, ConfiguredProvider {

    public static final String ID = "sk-minimum-age";
    public static final String MIN = "min";
    static final String TOO_YOUNG = "skTooYoung";
    static final String IMPLAUSIBLE = "skBirthdateImplausible";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        AttributeContext attribute = ProfileValues.attributeContext(context);
        if (attribute != null && attribute.getContext().isAdminContext()) {
            return context;
        }
        int min = minimum(config);
        LocalDate today = LocalDate.now(Ages.GERMANY);
        for (String value : ProfileValues.of(input)) {
            Optional<LocalDate> birth = Ages.parse(value);
            if (birth.isEmpty()) {
                continue; // the format is the iso-date validator's business
            }
            if (Ages.implausible(birth.get(), today)) {
                context.addError(new ValidationError(ID, inputHint, IMPLAUSIBLE));
            } else if (!Ages.isAtLeast(birth.get(), min, today)) {
                context.addError(new ValidationError(ID, inputHint, TOO_YOUNG, min));
            }
        }
        return context;
    }

    @Override
    public ValidationResult validateConfig(KeycloakSession session, ValidatorConfig config) {
        Object value = config == null ? null : config.get(MIN);
        if (value != null) {
            try {
                int min = Integer.parseInt(value.toString());
                if (min < 0 || min > 99) {
                    return ValidationResult.of(new ValidationError(ID, MIN, "must be between 0 and 99"));
                }
            } catch (NumberFormatException e) {
                return ValidationResult.of(new ValidationError(ID, MIN, "must be a number"));
            }
        }
        return ValidationResult.OK;
    }

    private static int minimum(ValidatorConfig config) {
        Object value = config == null ? null : config.get(MIN);
        try {
            return value == null ? Ages.MINIMUM : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return Ages.MINIMUM;
        }
    }

    @Override
    public String getHelpText() {
        return "Date of birth: at least 'min' years old (default 16) and not in the future.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create().property().name(MIN).type(ProviderConfigProperty.STRING_TYPE)
                .label("Minimum age").defaultValue(String.valueOf(Ages.MINIMUM)).add().build();
    }

    static Map<String, Object> config(int min) {
        return Map.of(MIN, min);
    }
}
