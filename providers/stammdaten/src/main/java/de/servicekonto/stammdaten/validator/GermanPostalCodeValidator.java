package de.servicekonto.stammdaten.validator;

import de.servicekonto.stammdaten.PostalCodes;
import java.util.List;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User-profile validator {@value #ID} for the postal code: five digits (01001–99998) when the address's country
 * attribute ({@value #COUNTRY}, in the same submission) is Germany; other countries' codes are not checked.
 */
public final class GermanPostalCodeValidator implements SimpleValidator, ConfiguredProvider {

    public static final String ID = "sk-postal-code-de";
    static final String COUNTRY = "country";
    static final String MESSAGE = "skPostalCodeGerman";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        AttributeContext attribute = ProfileValues.attributeContext(context);
        if (attribute == null || !PostalCodes.isGermany(attribute.getAttributes().getFirst(COUNTRY))) {
            return context;
        }
        for (String value : ProfileValues.of(input)) {
            if (!PostalCodes.isGerman(value)) {
                context.addError(new ValidationError(ID, inputHint, MESSAGE));
            }
        }
        return context;
    }

    @Override
    public String getHelpText() {
        return "Postal code: five digits when the country is Germany (DE, D, Deutschland).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
