package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.Rewrap;

/** One realm's safes: the rules over a store, the encryption and the clock ({@link SafeContext}). */
public final class Dokumentensafe {

    private final SafeContext context;
    private final SafeFolders folders;
    private final Documents documents;
    private final Uploads uploads;
    private final PostfachCopies postfach;

    /** The safe for work without a session (jobs, tests of the lowest level): documents above niedrig stay locked. */
    public Dokumentensafe(SafeContext context) {
        this(context, SafeLevel.LOWEST);
    }

    private Dokumentensafe(SafeContext context, int sessionLoa) {
        this.context = context;
        this.folders = new SafeFolders(context);
        this.documents = new Documents(context, folders, sessionLoa);
        this.uploads = new Uploads(context, folders);
        this.postfach = new PostfachCopies(context, folders, documents);
    }

    /** The same safe for a session at trust level {@code sessionLoa} (from its token's acr, {@link SafeLevel#ofAcr}). */
    public Dokumentensafe at(int sessionLoa) {
        return new Dokumentensafe(context, Math.max(SafeLevel.LOWEST, sessionLoa));
    }

    public Uploads uploads() {
        return uploads;
    }

    public Documents documents() {
        return documents;
    }

    /** What the Postfach stores into the safe and how it sees a document before copying it out. */
    public PostfachCopies postfach() {
        return postfach;
    }

    public SafeFolders folders() {
        return folders;
    }

    /** After a key rotation (docs/crypto.md): up to {@code limit} data keys move to the realm's current key. */
    public Rewrap.Result rewrapDataKeys(int limit) {
        return context.crypto().rewrap(limit);
    }
}
