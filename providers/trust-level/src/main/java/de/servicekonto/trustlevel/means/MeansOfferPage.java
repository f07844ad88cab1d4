package de.servicekonto.trustlevel.means;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.broker.BrokerLevel;
import de.servicekonto.trustlevel.passkey.PasskeyLogin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Puts {@link MeansOffer}'s answer on a login page: the attributes the theme lists the means from.
 * <ul>
 *   <li>{@value #BROKERS}: each brokered means the page offers ({@code FINK}, {@code eIDAS}) to the aliases of its
 *   identity providers that reach the portal's level; {@code sk-means-providers.ftl} (on the ID-card page, and
 *   through the servicekonto theme's {@code social-providers.ftl} on Keycloak's pages) lists Keycloak's buttons
 *   ({@code social.providers}) only for these, one heading per means;</li>
 *   <li>{@value #LOCAL}: the names of our own means besides the ID card and the password that the page offers
 *   (today the passkey).</li>
 * </ul>
 */
public final class MeansOfferPage {

    public static final String BROKERS = "skBrokerMeans";
    public static final String LOCAL = "skOtherMeans";

    private MeansOfferPage() {
    }

    /** Sets both attributes for the login this flow context belongs to. */
    public static void offer(AuthenticationFlowContext context, LoginFormsProvider form) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        PortalRequest portal = PortalRequest.of(authSession);
        int requested = requestedLevel(authSession);
        // In the order of Means.BROKERED, so the page's headings come in the same order for every portal.
        Map<String, List<String>> brokers = new LinkedHashMap<>();
        Means.BROKERED.forEach(means -> brokers.put(means, new ArrayList<>()));
        brokered(context.getSession()).forEach((alias, partner) -> {
            // A partner hidden on the login page (reached only with kc_idp_hint) gets no heading of its own either.
            if (partner.onLoginPage() && MeansOffer.offers(partner.candidate(), requested, portal)) {
                brokers.computeIfAbsent(partner.candidate().means(), means -> new ArrayList<>()).add(alias);
            }
        });
        brokers.values().removeIf(List::isEmpty);
        List<String> local = new ArrayList<>();
        for (MeansOffer.Candidate candidate : MeansOffer.offered(MeansOffer.local(PasskeyLogin.configuredLevel(context.getRealm())),
                requested, portal)) {
            if (!Means.EID.equals(candidate.means())) {
                local.add(candidate.means());
            }
        }
        form.setAttribute(BROKERS, brokers).setAttribute(LOCAL, local);
    }

    /**
     * Every means a login of this realm can use: ours ({@link Means#OFFERED}) and those of its enabled identity
     * providers. A portal that leaves one of them out must not get a session that used it.
     */
    public static Set<String> offeredIn(KeycloakSession session) {
        Set<String> offered = new LinkedHashSet<>(Means.OFFERED);
        brokered(session).values().forEach(partner -> offered.add(partner.candidate().means()));
        return offered;
    }

    /** A partner of the realm: its means and the level it is trusted for, and whether the login page lists it. */
    record Partner(MeansOffer.Candidate candidate, boolean onLoginPage) {
    }

    /**
     * The realm's partners that can complete a login: enabled, with a level they are trusted for (without one
     * {@link BrokerLevel} refuses every login), by alias.
     */
    static Map<String, Partner> brokered(KeycloakSession session) {
        Map<String, Partner> brokers = new LinkedHashMap<>();
        session.identityProviders().getAllStream()
                .filter(IdentityProviderModel::isEnabled)
                .forEach(idp -> {
                    Map<String, String> config = idp.getConfig();
                    String cap = config.get(BrokerLevel.CAP_SETTING);
                    Optional<TrustLevel> level = cap == null ? Optional.empty()
                            : TrustLevel.fromGermanName(cap.strip().toLowerCase(Locale.ROOT));
                    level.ifPresent(reaches -> brokers.put(idp.getAlias(), new Partner(
                            MeansOffer.of(BrokerLevel.means(config.get(BrokerLevel.MEANS_SETTING)), reaches),
                            !Boolean.TRUE.equals(idp.isHideOnLogin()))));
                });
        return brokers;
    }

    /** The level the portal asked for (Keycloak's client note); none: 0. */
    static int requestedLevel(AuthenticationSessionModel authSession) {
        String note = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        try {
            return note == null ? 0 : Integer.parseInt(note);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
