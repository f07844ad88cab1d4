package de.servicekonto.dokumentensafe;

/**
 * Whose safe: a kind and an id in the realm. A person's safe is {@value #PERSON} with the user id; an organisation
 * account's is {@value #ORGANISATION} with the organisation's id, in the same tables, with a data key of its own.
 *
 * @param kind {@value #PERSON} or {@value #ORGANISATION}
 * @param id   the user's or the organisation's id
 */
public record Owner(String kind, String id) {

    public static final String PERSON = "person";
    public static final String ORGANISATION = "organisation";

    public static Owner person(String userId) {
        return new Owner(PERSON, userId);
    }

    public static Owner organisation(String orgId) {
        return new Owner(ORGANISATION, orgId);
    }

    /** The owner of the data key ({@code KeyOwner.ownerId}): kind and id, so a person and an organisation never share one. */
    public String keyOwner() {
        return kind + ":" + id;
    }
}
