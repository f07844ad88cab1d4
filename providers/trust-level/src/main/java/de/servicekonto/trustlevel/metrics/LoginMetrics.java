package de.servicekonto.trustlevel.metrics;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.means.Means;
import de.servicekonto.trustlevel.means.ReachedLevel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Counts completed logins by realm, trust level and means as {@value #METER}: what an operator needs to see how many
 * citizens reach "hoch" with the ID card and whether a means stopped working, which Keycloak's own login counter
 * (no level, no means) cannot tell.
 *
 * <p>Label values come from fixed sets only (the three level names or {@code keine}, the means a login can record or
 * {@code andere}), so no login can create a new time series beyond realms × 4 × 5.
 */
final class LoginMetrics implements EventListenerProvider {

    static final String METER = "servicekonto_logins";
    static final String NO_LEVEL = "keine";
    static final String OTHER_MEANS = "andere";

    private final KeycloakSession session;
    private final MeterRegistry registry;

    LoginMetrics(KeycloakSession session, MeterRegistry registry) {
        this.session = session;
        this.registry = registry;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.LOGIN || event.getError() != null || event.getRealmId() == null) {
            return;
        }
        RealmModel realm = session.getContext().getRealm();
        String realmName = realm != null && realm.getId().equals(event.getRealmId()) ? realm.getName()
                : Optional.ofNullable(session.realms().getRealm(event.getRealmId())).map(RealmModel::getName).orElse(null);
        if (realmName == null) {
            return;
        }
        Optional<ReachedLevel> reached = ReachedLevel.of(session.getContext().getAuthenticationSession());
        count(registry, realmName, reached);
    }

    /** Increments the counter of one login; separate from the event plumbing so the labelling is tested alone. */
    static void count(MeterRegistry registry, String realm, Optional<ReachedLevel> reached) {
        String level = reached.flatMap(r -> TrustLevel.fromLoa(r.loa())).map(TrustLevel::germanName).orElse(NO_LEVEL);
        String means = reached.map(ReachedLevel::means).filter(Means.RECORDED::contains).orElse(OTHER_MEANS);
        Counter.builder(METER)
                .description("Completed logins by trust level and means")
                .tag("realm", realm)
                .tag("level", level)
                .tag("means", means)
                .register(registry)
                .increment();
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
