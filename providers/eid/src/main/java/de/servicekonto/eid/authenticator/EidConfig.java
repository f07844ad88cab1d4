package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.Pseudonym;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;

/** Where the eID login of a flow execution finds its settings ({@link EidSettings}) and its pseudonym key. */
final class EidConfig {

    private static final Logger LOG = Logger.getLogger(EidConfig.class);

    private EidConfig() {
    }

    /** The settings, or empty if the realm has none or they are not usable (logged for the operator). */
    static Optional<EidSettings> settings(AuthenticationFlowContext context) {
        try {
            return EidSettings.parse(config(context));
        } catch (IllegalArgumentException e) {
            LOG.errorf("eID settings of realm %s are not usable: %s", context.getRealm().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    static Map<String, String> config(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = configModel(context);
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    /**
     * The execution's own settings, else the realm's shared ones (alias {@value EidAuthenticatorFactory#SHARED_CONFIG}),
     * so the eID-Server is configured once for all levels' sub-flows (and flow copies keep working).
     */
    static AuthenticatorConfigModel configModel(AuthenticationFlowContext context) {
        AuthenticatorConfigModel own = context.getAuthenticatorConfig();
        return own != null ? own : context.getRealm().getAuthenticatorConfigByAlias(EidAuthenticatorFactory.SHARED_CONFIG);
    }

    static Pseudonym pseudonym(AuthenticationFlowContext context) {
        return EidServers.pseudonym(context.getSession(), config(context));
    }
}
