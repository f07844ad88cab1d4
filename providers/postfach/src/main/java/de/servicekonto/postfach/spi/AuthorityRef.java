package de.servicekonto.postfach.spi;

/**
 * An authority as the Postfach needs it: an id (stable, used in mailbox addresses), a display name shown as sender
 * or recipient, and whether it may currently send and receive (only active authorities may).
 */
public record AuthorityRef(String id, String displayName, boolean isActive) {
}
