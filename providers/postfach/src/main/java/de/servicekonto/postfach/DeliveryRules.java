package de.servicekonto.postfach;

/**
 * Who may write to whom. Exactly one side of every message is an authority: citizens and organisations write to
 * authorities, authorities to citizens and organisations. Accounts and organisations do not write to each other (the
 * Postfach is not a chat) and authorities do not use it among themselves. Only an authority delivers official
 * notices, to an account or an organisation. An authority cannot delete what it delivered: its sent copy is the
 * record of the delivery.
 */
public final class DeliveryRules {

    private DeliveryRules() {
    }

    /** @return null if allowed, else the stable error code */
    public static String refusal(Party from, Party to, boolean notice) {
        boolean fromAuthority = from.kind() == Party.Kind.AUTHORITY;
        boolean toAuthority = to.kind() == Party.Kind.AUTHORITY;
        if (fromAuthority == toAuthority) {
            return "recipient_not_allowed";
        }
        if (notice && !fromAuthority) {
            return "notice_not_allowed";
        }
        return null;
    }

    /** Whether the owner of a mailbox may delete this copy. */
    public static boolean mayDelete(Party owner, boolean outgoing) {
        return !(owner.kind() == Party.Kind.AUTHORITY && outgoing);
    }
}
