package de.servicekonto.organisations.spi;

/**
 * One recorded step of an authority's review.
 *
 * @param from  the state before ({@code null} for the application itself)
 * @param actor the user id of who made the step, {@code actorName} their username then
 * @param time  epoch milliseconds
 */
public record Transition(String from, String to, String actor, String actorName, long time, String reason) {
}
