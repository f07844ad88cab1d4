package de.servicekonto.stammdaten.validator;

import de.servicekonto.stammdaten.jpa.UniqueValues;
import java.util.List;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ConfiguredProvider;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

/**
 * User-profile validator {@value #ID}: the value (ignoring case) may belong to one account of the realm only, also
 * when two accounts ask for it at the same moment (see {@link UniqueValues}). Config {@value #MESSAGE}: the theme
 * message key of the error.
 */
public final class UniqueValueValidator implements SimpleValidator, ConfiguredProvider {

    public static final String ID = "sk-unique";
    public static final String MESSAGE = "message";
    static final String DEFAULT_MESSAGE = "skValueTaken";
    private static final int MAX_LENGTH = 255;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        AttributeContext attribute = ProfileValues.attributeContext(context);
        List<String> values = ProfileValues.of(input);
        if (attribute == null || values.isEmpty() || values.get(0).length() > MAX_LENGTH) {
            return context; // length is the length validator's business
        }
        String name = attribute.getMetadata().getName();
        String value = values.get(0);
        UserModel user = attribute.getUser();
        if (user != null && user.getAttributeStream(name).anyMatch(value.strip()::equalsIgnoreCase)) {
            return context; // unchanged: nothing to check, nothing to lock
        }
        if (UniqueValues.takenByOther(attribute.getSession(), attribute.getSession().getContext().getRealm(), name,
                value, user == null ? null : user.getId())) {
            Object message = config == null ? null : config.get(MESSAGE);
            context.addError(new ValidationError(ID, inputHint, message == null ? DEFAULT_MESSAGE : message.toString()));
        }
        return context;
    }

    @Override
    public String getHelpText() {
        return "The value may belong to one account of the realm only (ignoring case), also under concurrent updates.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create().property().name(MESSAGE).type(ProviderConfigProperty.STRING_TYPE)
                .label("Error message key").defaultValue(DEFAULT_MESSAGE).add().build();
    }
}
