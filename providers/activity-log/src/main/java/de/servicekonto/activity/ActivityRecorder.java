package de.servicekonto.activity;

import de.servicekonto.trustlevel.means.ReachedLevel;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Event listener {@value ActivityFactory#ID}: writes the owner-visible entries. Keycloak calls it in the request that
 * caused the event, before its transaction ends, so an entry is written exactly when the action took effect; the
 * trust level and the means come from that login's authentication session.
 */
final class ActivityRecorder implements EventListenerProvider {

    private final KeycloakSession session;

    ActivityRecorder(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getUserId() == null || event.getError() != null || event.getRealmId() == null) {
            return;
        }
        Optional<ActivityType> type = ActivityType.of(event.getType());
        if (type.isEmpty()) {
            return;
        }
        Integer level = null;
        String means = null;
        if (type.get() == ActivityType.LOGIN) {
            Optional<ReachedLevel> reached = ReachedLevel.of(session.getContext().getAuthenticationSession());
            level = reached.map(ReachedLevel::loa).orElse(null);
            means = reached.map(ReachedLevel::means).orElse(null);
        }
        new ActivityStore(session).add(new ActivityEntity(KeycloakModelUtils.generateId(), event.getRealmId(),
                event.getUserId(), event.getTime(), type.get(), event.getClientId(), level, means,
                detail(type.get(), event.getDetails())));
    }

    /** What changed or was released, by name only (the values are in the account itself). */
    private static String detail(ActivityType type, Map<String, String> details) {
        if (details == null) {
            return null;
        }
        String text = switch (type) {
            case PROFILE_UPDATE -> {
                TreeSet<String> changed = new TreeSet<>();
                details.keySet().stream().filter(k -> k.startsWith(Details.PREF_UPDATED))
                        .forEach(k -> changed.add(k.substring(Details.PREF_UPDATED.length())));
                yield changed.isEmpty() ? null : String.join(", ", changed);
            }
            case DATA_RELEASE, LOGIN -> details.get(Details.SCOPE);
            default -> null;
        };
        return ActivityEntity.detail(text);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
