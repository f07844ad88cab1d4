package de.servicekonto.postfach.spi;

/**
 * The e-mail about a delivered message that no mail server has accepted yet (the outbox): written with the message,
 * removed once accepted, nobody is to be mailed, or the attempts are used up.
 *
 * @param notice   an official notice's e-mail (always sent, {@code notifiedAt} recorded) rather than a new message's
 * @param attempts failed attempts so far
 * @param nextAt   when to try (again)
 */
public record PendingMail(String messageRef, String realmId, String recipientKind, String recipientId, boolean notice,
                          int attempts, long nextAt) {
}
