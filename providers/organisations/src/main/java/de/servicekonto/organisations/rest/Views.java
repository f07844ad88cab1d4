package de.servicekonto.organisations.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.organisations.spi.Transition;
import de.servicekonto.organisations.spi.Event;
import java.time.Instant;
import java.util.List;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

/** The JSON shapes of the API (see docs/api/organisations-api.yaml); times are ISO-8601 in UTC. */
final class Views {

    private Views() {
    }

    /** An organisation as one of the caller's memberships. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Membership(String id, String name, String kind, String role, boolean verified, String status, boolean mayAct) {

        static Membership of(OrganizationModel org, OrganisationAccount account, boolean admin) {
            return new Membership(org.getId(), org.getName(), account.kind().name(), admin ? "ADMIN" : "USER",
                    account.verifiedAt() != null, account.status() == null ? null : account.status().name(), account.mayAct());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Organisation(String id, String name, String kind, String role, String legalForm, String registerType,
                        String registerNumber, String registerCourt, String street, String postalCode, String city,
                        String contactEmail, String contactPhone, String responsiblePerson, String agencyKey,
                        String status, boolean mayAct, boolean verified, String verifiedBy, String verifiedAt,
                        String createdAt, List<String> favourites, List<TransitionView> transitions,
                        List<EventView> events) {

        /** For members who are no administrators: who did what stays out (no operator user ids or names). */
        Organisation withoutActors() {
            return new Organisation(id, name, kind, role, legalForm, registerType, registerNumber, registerCourt, street,
                    postalCode, city, contactEmail, contactPhone, responsiblePerson, agencyKey, status, mayAct, verified,
                    null, verifiedAt, createdAt, favourites, transitions == null ? null : transitions.stream()
                    .map(t -> new TransitionView(t.from(), t.to(), null, null, t.time(), t.reason())).toList(), events);
        }

        Organisation withEvents(List<Event> list) {
            return new Organisation(id, name, kind, role, legalForm, registerType, registerNumber, registerCourt, street,
                    postalCode, city, contactEmail, contactPhone, responsiblePerson, agencyKey, status, mayAct, verified,
                    verifiedBy, verifiedAt, createdAt, favourites, transitions, list.stream().map(EventView::of).toList());
        }

        static Organisation of(OrganizationModel org, OrganisationAccount a, String role, List<String> favourites,
                               List<Transition> transitions) {
            return new Organisation(org.getId(), org.getName(), a.kind().name(), role, a.legalForm(), a.registerType(),
                    a.registerNumber(), a.registerCourt(), a.street(), a.postalCode(), a.city(), a.contactEmail(),
                    a.contactPhone(), a.responsiblePerson(), a.agencyKey(), a.status() == null ? null : a.status().name(),
                    a.mayAct(), a.verifiedAt() != null, a.verifiedBy(), time(a.verifiedAt()), time(a.createdAt()),
                    favourites, transitions == null ? null : transitions.stream().map(TransitionView::of).toList(), null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TransitionView(String from, String to, String actor, String actorName, String time, String reason) {

        static TransitionView of(Transition t) {
            return new TransitionView(t.from(), t.to(), t.actor(), t.actorName(), Views.time(t.time()), t.reason());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventView(String type, String subject, String actor, String time) {

        static EventView of(Event e) {
            return new EventView(e.type(), e.subject(), e.actor(), Views.time(e.time()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Member(String id, String username, String firstName, String lastName, String email, String role) {

        /** {@code withEmail}: only administrators (who invite and remove) see the members' addresses. */
        static Member of(UserModel user, boolean admin, boolean withEmail) {
            return new Member(user.getId(), user.getUsername(), user.getFirstName(), user.getLastName(),
                    withEmail ? user.getEmail() : null, admin ? "ADMIN" : "USER");
        }
    }

    record Invitation(String id, String email, String sentAt, String expiresAt, boolean expired) {

        static Invitation of(OrganizationInvitationModel invitation) {
            return new Invitation(invitation.getId(), invitation.getEmail(), seconds(invitation.getCreatedAt()),
                    seconds(invitation.getExpiresAt()), invitation.isExpired());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Authority(String id, String name, String agencyKey, String status) {
    }

    static String time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    private static String seconds(int epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }
}
