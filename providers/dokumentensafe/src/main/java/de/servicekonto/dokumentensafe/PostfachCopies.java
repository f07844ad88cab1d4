package de.servicekonto.dokumentensafe;

import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.rest.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies from the Postfach into the safe (a message's attachments, a saved message, an authority's notice delivered
 * into the safe): all or none. Names, types and the limits of {@link SafeQuota#refusal} (the quota with what open
 * upload sessions reserve, the documents with the open sessions, the folder to be created) are checked for the whole
 * set under the safe's lock before the first write, so a refusal of that kind leaves nothing and an authority's
 * notice can still be delivered without the copy. What can only fail while content streams (its size or type not as
 * declared) fails the request, whose transaction the caller rolls back.
 */
public final class PostfachCopies {

    /** A document to store: name, declared type, size and its plaintext (read to its end, not closed). */
    public record Incoming(String name, String mimeType, long size, InputStream content) {
    }

    private final SafeContext context;
    private final SafeFolders folders;
    private final Documents documents;
    private final SafeQuota quota;

    PostfachCopies(SafeContext context, SafeFolders folders, Documents documents) {
        this.context = context;
        this.folders = folders;
        this.documents = documents;
        this.quota = new SafeQuota(context);
    }

    /**
     * Null if {@link #store} would take documents of these names, types and sizes into the top folder
     * {@code folderName} (null: the top) now, else the code it would refuse them with. Nothing is written.
     */
    public String refusal(Owner owner, String folderName, List<String> names, List<String> types, List<Long> sizes) {
        return refusal(owner, null, folderName, names, types, sizes);
    }

    /**
     * As {@link #refusal(Owner, String, List, List, List)}, into the existing folder {@code folderId} instead when it
     * is not null ({@code not_found} if the safe has no such folder).
     */
    public String refusal(Owner owner, String folderId, String folderName, List<String> names, List<String> types,
                          List<Long> sizes) {
        try {
            checkNames(folderName, names, types);
            if (folderId != null) {
                folders.existing(owner, folderId);
            }
        } catch (ApiException e) {
            return e.code();
        }
        StoredSafe safe = context.safe(owner).orElse(null);
        return quota.refusal(safe, sizes, addsFolder(owner, safe, folderName));
    }

    /** Stores the documents in order into the top folder {@code folderName} (null: the top), all or none. */
    public List<String> store(Owner owner, String folderName, int minLoa, List<Incoming> incoming) throws IOException {
        return store(owner, null, folderName, minLoa, incoming);
    }

    /**
     * Stores the documents in order, all or none (see the class comment), into the existing folder {@code folderId}
     * if it is not null (404 {@code not_found} for a folder the safe does not have, checked again under the lock),
     * else into the top folder {@code folderName} (null: the top); returns their ids.
     */
    public List<String> store(Owner owner, String folderId, String folderName, int minLoa, List<Incoming> incoming)
            throws IOException {
        if (folderId != null && folderName != null) {
            throw new IllegalArgumentException("a folder by id or by name, not both");
        }
        SafeLevel.checked(minLoa);
        checkNames(folderName, incoming.stream().map(Incoming::name).toList(),
                incoming.stream().map(Incoming::mimeType).toList());
        if (folderId != null) {
            folders.existing(owner, folderId); // before anything is written, so an unknown folder is a plain 404
        }
        List<Long> sizes = incoming.stream().map(Incoming::size).toList();
        StoredSafe safe = context.safe(owner).orElse(null);
        if (safe != null) {
            context.store().lockSafe(safe);
        }
        requireFits(owner, safe, folderName, sizes);
        if (safe == null) {
            // Created only for a set that fits an empty safe; checked again under the new row's lock.
            safe = context.store().safeOrCreate(context.realmId(), owner.kind(), owner.id());
            context.store().lockSafe(safe);
            requireFits(owner, safe, folderName, sizes);
        }
        String target = folderId != null || folderName == null ? folderId : topFolder(owner, folderName)
                .orElseGet(() -> (String) folders.create(owner, folderName, null).get("id"));
        List<String> ids = new ArrayList<>();
        for (Incoming document : incoming) {
            Map<String, Object> stored;
            try {
                stored = documents.saveFromPostfach(owner, document.name(), target, document.mimeType(),
                        document.size(), document.content(), minLoa);
            } catch (ApiException e) {
                if (e.code().equals("file_too_large") || e.code().equals("quota_exceeded")
                        || e.code().equals("too_many_documents")) {
                    // The set fitted under the lock, so only a content longer than declared gets here.
                    throw sizeMismatch();
                }
                throw e;
            }
            if (((Number) stored.get("size")).longValue() != document.size()) {
                throw sizeMismatch();
            }
            ids.add((String) stored.get("id"));
        }
        return ids;
    }

    /** The type, size and level of a document before the Postfach copies it ({@link Documents#describe}). */
    public Map<String, Object> describe(Owner owner, String id) {
        var row = documents.describe(owner, id);
        return Map.of("type", row.mimeType(), "size", row.size(), "minLoa", row.minLoa());
    }

    private void requireFits(Owner owner, StoredSafe safe, String folderName, List<Long> sizes) {
        String refusal = quota.refusal(safe, sizes, addsFolder(owner, safe, folderName));
        if (refusal != null) {
            throw quota.refused(refusal, safe, sizes);
        }
    }

    private static void checkNames(String folderName, List<String> names, List<String> types) {
        if (folderName != null) {
            SafeNames.check(folderName);
        }
        names.forEach(SafeNames::check);
        types.forEach(DocumentType::checkDeclared);
    }

    private boolean addsFolder(Owner owner, StoredSafe safe, String folderName) {
        return folderName != null && (safe == null || topFolder(owner, folderName).isEmpty());
    }

    /** The id of the top folder named {@code name}, if there is one. */
    @SuppressWarnings("unchecked")
    private Optional<String> topFolder(Owner owner, String name) {
        for (Map<String, Object> folder : (List<Map<String, Object>>) folders.list(owner).get("folders")) {
            if (folder.get("parent") == null && name.equals(folder.get("name"))) {
                return Optional.of((String) folder.get("id"));
            }
        }
        return Optional.empty();
    }

    private static ApiException sizeMismatch() {
        return new ApiException(409, "content_integrity", "a document's content does not match its recorded size");
    }
}
