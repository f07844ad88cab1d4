package de.servicekonto.postfach.spi;

/**
 * An official notice (administrative act, OZG §9) as provided: written once, never updated. What happens later
 * (e-mail accepted, first retrieval) is a {@link NoticeEvent}, at most one of each type.
 *
 * @param rule the name of the {@code NoticeRule} in force when it was provided
 */
public record Notice(String id, String realmId, String messageRef, String authorityId, String recipientId, String rule,
                     long providedAt) {
}
