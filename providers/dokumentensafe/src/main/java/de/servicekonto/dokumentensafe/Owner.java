package de.servicekonto.dokumentensafe;

/**
 * Whose safe: a kind and an id in the realm. This slice serves persons ({@link #PERSON}, a user id); an organisation's
 * safe will be {@code organisation} with the organisation's id, in the same tables (no schema change).
 *
 * @param kind {@value #PERSON} (later also {@code organisation})
 * @param id   the user's (later the organisation's) id
 */
public record Owner(String kind, String id) {

    public static final String PERSON = "person";

    public static Owner person(String userId) {
        return new Owner(PERSON, userId);
    }

    /** The owner of the data key ({@code KeyOwner.ownerId}): kind and id, so a person and an organisation never share one. */
    public String keyOwner() {
        return kind + ":" + id;
    }
}
