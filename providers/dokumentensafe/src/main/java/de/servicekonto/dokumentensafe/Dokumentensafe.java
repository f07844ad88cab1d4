package de.servicekonto.dokumentensafe;

/** One realm's safes: the rules over a store, the encryption and the clock ({@link SafeContext}). */
public final class Dokumentensafe {

    private final SafeFolders folders;
    private final Documents documents;

    public Dokumentensafe(SafeContext context) {
        this.folders = new SafeFolders(context);
        this.documents = new Documents(context, folders);
    }

    public Documents documents() {
        return documents;
    }

    public SafeFolders folders() {
        return folders;
    }
}
