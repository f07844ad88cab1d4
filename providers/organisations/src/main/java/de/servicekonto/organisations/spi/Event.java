package de.servicekonto.organisations.spi;

/**
 * One audited event of an organisation besides the review steps.
 *
 * @param type    one of the {@code EVENT_*} constants of {@link OrganisationsProvider}
 * @param subject what it concerns: a client id, a user id, or {@code null}
 * @param actor   the user id of who caused it, {@code null} for the system
 * @param time    epoch milliseconds
 */
public record Event(String type, String subject, String actor, long time) {
}
