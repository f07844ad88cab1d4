package de.servicekonto.postfach;

/**
 * Who may write to whom. At least one side of every message is an authority: citizens and organisations write to
 * authorities, authorities to citizens, organisations and other authorities. Accounts and organisations do not write
 * to each other (the Postfach is not a chat). Only an authority delivers official notices, to an account or an
 * organisation. An authority cannot delete what it delivered: its sent copy is the record of the delivery.
 */
public final class DeliveryRules {

    private DeliveryRules() {
    }

    /** @return null if allowed, else the stable error code */
    public static String refusal(Party from, Party to, boolean notice) {
        boolean fromAuthority = from.kind() == Party.Kind.AUTHORITY;
        boolean toAuthority = to.kind() == Party.Kind.AUTHORITY;
        if (!fromAuthority && !toAuthority) {
            return "recipient_not_allowed";
        }
        if (fromAuthority && toAuthority) {
            // The seeds' Amt24 compose screen (004, "Postfach-Funktionalität") names the recipients of an authority's
            // messages: personal accounts, organisation accounts and authority accounts; citizens and organisations
            // write to authorities only. So authorities write to each other (an office asking another for a
            // statement), but not to themselves, and not with a notice: an official notice (OZG §9) is addressed to
            // the citizen or organisation concerned, and its evidence names that recipient.
            if (from.id().equals(to.id())) {
                return "recipient_not_allowed";
            }
            return notice ? "notice_not_allowed" : null;
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
