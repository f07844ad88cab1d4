package de.servicekonto.dokumentensafe;

import de.servicekonto.dokumentensafe.spi.StoredDocument;

/** What someone with write access to the database could do to a document's row. */
final class StoredDocumentRows {

    private StoredDocumentRows() {
    }

    static void lower(InMemorySafeStore store, String id, int minLoa) {
        StoredDocument d = store.documents.get(id);
        store.documents.put(id, new StoredDocument(d.id(), d.realmId(), d.safeId(), d.folderId(), d.nameEnc(),
                d.mimeType(), d.size(), d.createdAt(), d.deletedAt(), minLoa));
    }

    static void name(InMemorySafeStore store, String id, String nameEnc) {
        StoredDocument d = store.documents.get(id);
        store.documents.put(id, new StoredDocument(d.id(), d.realmId(), d.safeId(), d.folderId(), nameEnc,
                d.mimeType(), d.size(), d.createdAt(), d.deletedAt(), d.minLoa()));
    }
}
