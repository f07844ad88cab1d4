package de.servicekonto.trustlevel.broker;

import de.servicekonto.trustlevel.authenticator.StatelessAuthenticatorFactory;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The first step of the first login through a partner (another state's Servicekonto, an EU eID): a page naming the
 * partner and each value it sent that the new account would take over, and the citizen's consent before anything is
 * stored (TR-03160-2: consent comes before the data are used). Declining gives the portal the protocol's
 * {@code access_denied} (OIDC) or {@code RequestDenied} (SAML) and ends the login; the account is created only by the
 * later {@code idp-create-user-if-unique} step, so nothing is stored. Keycloak's first-broker-login steps have no such
 * page (idp-review-profile asks only for what is missing, idp-confirm-link only for linking to an existing account).
 */
public final class BrokerConsentAuthenticator extends AbstractIdpAuthenticator implements StatelessAuthenticatorFactory {

    public static final String ID = "sk-broker-consent";
    static final String TEMPLATE = "sk-broker-consent.ftl";
    /** Values longer than this are shown shortened; the importers' own limits decide what is stored. */
    static final int MAX_SHOWN = 255;
    /** At most this many values on the page; a partner's mappers are the operator's, this only bounds the page. */
    static final int MAX_ROWS = 50;

    /** The profile attributes shown, in this order, with the theme's labels; others the partner sent come after. */
    private static final Map<String, String> LABELS = labels();

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                                    BrokeredIdentityContext broker) {
        context.challenge(page(context, broker));
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
                              BrokeredIdentityContext broker) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String alias = broker.getIdpConfig().getAlias();
        context.getEvent().detail("sk_broker", alias);
        if (form.containsKey("accept")) {
            context.getEvent().detail("sk_broker_consent", "granted");
            context.success();
            return;
        }
        if (!form.containsKey("decline")) {
            // Neither button (a replayed or hand-made post): ask again.
            context.challenge(page(context, broker));
            return;
        }
        context.getEvent().detail("sk_broker_consent", "declined").error(Errors.CONSENT_DENIED);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        KeycloakSession session = context.getSession();
        LoginProtocol protocol = session.getProvider(LoginProtocol.class, authSession.getProtocol());
        protocol.setRealm(context.getRealm())
                .setHttpHeaders(context.getHttpRequest().getHttpHeaders())
                .setUriInfo(context.getUriInfo())
                .setEventBuilder(context.getEvent());
        Response response = protocol.sendError(authSession, LoginProtocol.Error.CONSENT_DENIED,
                "Consent to take over the partner's data declined");
        context.forceChallenge(response);
    }

    private static Response page(AuthenticationFlowContext context, BrokeredIdentityContext broker) {
        String partner = BrokeredValues.sourceName(broker.getIdpConfig().getDisplayName(), broker.getIdpConfig().getAlias());
        boolean eidas = "eIDAS".equals(BrokerLevel.means(broker.getIdpConfig().getConfig().get(BrokerLevel.MEANS_SETTING)));
        return context.form()
                .setAttribute("skBrokerPartner", partner)
                .setAttribute("skBrokerEidas", eidas)
                .setAttribute("skBrokerValues", values(broker))
                .createForm(TEMPLATE);
    }

    /**
     * What the partner sent that the account would take: label key and value, the profile's attributes first in its
     * order, then any other attribute an importer of the operator's brought in, under its own name (the citizen
     * consents to everything that would be stored, not only to what we have a label for).
     */
    static List<Map<String, String>> values(BrokeredIdentityContext broker) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put(UserModel.FIRST_NAME, broker.getFirstName());
        sent.put(UserModel.LAST_NAME, broker.getLastName());
        sent.put(UserModel.EMAIL, broker.getEmail());
        if (broker.getAttributes() != null) {
            broker.getAttributes().forEach((name, values) -> {
                if (name != null && !name.startsWith("sk-") && values != null && !values.isEmpty()
                        && !sent.containsKey(name)) {
                    sent.put(name, values.get(0));
                }
            });
        }
        List<Map<String, String>> rows = new ArrayList<>();
        LABELS.forEach((name, label) -> row(rows, name, label, sent.remove(name)));
        sent.forEach((name, value) -> {
            if (rows.size() < MAX_ROWS && name.length() <= 64) {
                row(rows, name, name, value);
            }
        });
        return rows;
    }

    private static void row(List<Map<String, String>> rows, String name, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        String shown = value.strip();
        Map<String, String> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("label", label);
        row.put("value", shown.length() > MAX_SHOWN ? shown.substring(0, MAX_SHOWN) + "…" : shown);
        if (name.equals("gender") && shown.matches("[a-z]{1,16}")) {
            row.put("valueKey", "skGender." + shown);
        }
        rows.add(row);
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("academicTitle", "skField.academicTitle");
        labels.put(UserModel.FIRST_NAME, "skField.firstName");
        labels.put(UserModel.LAST_NAME, "skField.lastName");
        labels.put("birthName", "skField.birthName");
        labels.put("gender", "skField.gender");
        labels.put("birthdate", "skField.birthdate");
        labels.put("placeOfBirth", "skField.placeOfBirth");
        labels.put("countryOfBirth", "skField.countryOfBirth");
        labels.put("nationality", "skField.nationality");
        labels.put("street", "skField.street");
        labels.put("houseNumber", "skField.houseNumber");
        labels.put("postal_code", "skField.postalCode");
        labels.put("locality", "skField.locality");
        labels.put("country", "skField.country");
        labels.put(UserModel.EMAIL, "email");
        labels.put("phoneNumber", "skField.phoneNumber");
        labels.put("deMail", "skField.deMail");
        return labels;
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return this;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: consent to take over a partner's data (first broker login)";
    }

    @Override
    public String getHelpText() {
        return "For the first-broker-login flow, first: names the partner and the values it sent; the account is "
                + "created only after the citizen agrees; declining ends the login with nothing stored.";
    }
}
