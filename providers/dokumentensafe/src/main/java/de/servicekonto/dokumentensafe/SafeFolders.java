package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.DataKey;
import de.servicekonto.dokumentensafe.spi.StoredFolder;
import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.rest.ApiException;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A safe's folders: nested up to {@value SafeSettings#MAX_DEPTH} levels, at most {@value SafeSettings#MAX_FOLDERS}
 * per safe (so the whole tree is read at once to check depth and cycles), names encrypted like documents' names.
 * A folder is deleted only when empty: deleting is the documents' business (with their undo period).
 * Every change takes the safe's lock first ({@code SafeStore.lockSafe}) and reads the tree under it, so two parallel
 * moves cannot both pass the cycle check and a delete cannot race a subfolder's create. Every walk of the tree is
 * bounded by a visited set: a cycle or an orphan found in stored data is 409 {@code folder_tree_inconsistent}, never
 * a loop or a 500.
 */
public final class SafeFolders {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final SafeContext context;

    SafeFolders(SafeContext context) {
        this.context = context;
    }

    /** Whether {@code id} can be one of our ids (a UUID): anything else is not looked up at all. */
    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Map<String, Object> create(Owner owner, String name, String parentId) {
        String checked = SafeNames.check(name);
        StoredSafe safe = context.store().safeOrCreate(context.realmId(), owner.kind(), owner.id());
        context.store().lockSafe(safe);
        Map<String, StoredFolder> tree = tree(safe);
        if (tree.size() >= SafeSettings.MAX_FOLDERS) {
            throw new ApiException(409, "too_many_folders", "a safe holds at most " + SafeSettings.MAX_FOLDERS + " folders");
        }
        if (parentId != null && !tree.containsKey(parentId)) {
            throw SafeContext.notFound();
        }
        if (depth(tree, parentId) + 1 > SafeSettings.MAX_DEPTH) {
            throw tooDeep();
        }
        DataKey key = context.crypto().keyForWriting(owner);
        String id = UUID.randomUUID().toString();
        StoredFolder folder = new StoredFolder(id, context.realmId(), safe.id(), parentId,
                context.crypto().sealName(key, owner, "folder", id, checked), context.now());
        context.store().addFolder(folder);
        return view(folder, checked);
    }

    /** Every folder of the safe, names in clear; the client builds the tree from {@code parent}. */
    public Map<String, Object> list(Owner owner) {
        List<Map<String, Object>> out = new ArrayList<>();
        Optional<StoredSafe> safe = context.safe(owner);
        Optional<DataKey> key = safe.isPresent() ? context.crypto().key(owner) : Optional.empty();
        if (key.isPresent()) {
            for (StoredFolder folder : context.store().folders(context.realmId(), safe.get().id())) {
                out.add(view(folder, context.crypto().openName(key.get(), owner, "folder", folder.id(), folder.nameEnc())));
            }
        }
        return Map.of("folders", out);
    }

    public Map<String, Object> rename(Owner owner, String id, String name) {
        String checked = SafeNames.check(name);
        StoredFolder folder = locked(owner, id);
        DataKey key = context.crypto().keyForWriting(owner);
        context.store().renameFolder(folder, context.crypto().sealName(key, owner, "folder", id, checked));
        return view(folder, checked);
    }

    /** Moves a folder under {@code parentId} (null: the top); never into itself or below itself, never too deep. */
    public void move(Owner owner, String id, String parentId) {
        StoredSafe safe = context.existingSafe(owner);
        context.store().lockSafe(safe);
        Map<String, StoredFolder> tree = tree(safe);
        StoredFolder folder = isId(id) ? tree.get(id) : null;
        if (folder == null || (parentId != null && !tree.containsKey(parentId))) {
            throw SafeContext.notFound();
        }
        if (ancestors(tree, parentId).contains(id)) {
            throw new ApiException(409, "folder_cycle", "a folder cannot move into itself or one of its folders");
        }
        if (depth(tree, parentId) + height(tree, id) > SafeSettings.MAX_DEPTH) {
            throw tooDeep();
        }
        context.store().moveFolder(folder, parentId);
    }

    public void delete(Owner owner, String id) {
        StoredFolder folder = locked(owner, id);
        if (!context.store().folderEmpty(folder)) {
            throw new ApiException(409, "folder_not_empty", "move or delete its documents and folders first (also those in the trash)");
        }
        context.store().deleteFolder(folder);
    }

    /** The owner's folder read under the safe's lock (taken here), or 404. */
    private StoredFolder locked(Owner owner, String id) {
        context.store().lockSafe(context.existingSafe(owner));
        return existing(owner, id);
    }

    /** The owner's folder, or 404. */
    StoredFolder existing(Owner owner, String id) {
        return find(owner, id).orElseThrow(SafeContext::notFound);
    }

    Optional<StoredFolder> find(Owner owner, String id) {
        if (!isId(id)) {
            return Optional.empty();
        }
        return context.safe(owner).flatMap(safe -> Optional.ofNullable(tree(safe).get(id)));
    }

    private Map<String, StoredFolder> tree(StoredSafe safe) {
        Map<String, StoredFolder> tree = new HashMap<>();
        context.store().folders(context.realmId(), safe.id()).forEach(f -> tree.put(f.id(), f));
        return tree;
    }

    /** Levels from the top down to {@code id} (the top itself: 0). */
    static int depth(Map<String, StoredFolder> tree, String id) {
        return ancestors(tree, id).size();
    }

    /**
     * {@code id} and the folders above it, up to the top (empty for the top itself). A parent that is not in the
     * tree (an orphan) or a folder met twice (a cycle) is inconsistent stored data.
     */
    static Set<String> ancestors(Map<String, StoredFolder> tree, String id) {
        Set<String> seen = new HashSet<>();
        for (String at = id; at != null; ) {
            StoredFolder folder = tree.get(at);
            if (folder == null || !seen.add(at) || seen.size() > SafeSettings.MAX_FOLDERS) {
                throw inconsistent();
            }
            at = folder.parentId();
        }
        return seen;
    }

    /** Levels of the subtree rooted at {@code id}, itself included (walked level by level, each folder once). */
    static int height(Map<String, StoredFolder> tree, String id) {
        Map<String, List<String>> children = new HashMap<>();
        tree.values().forEach(f -> children.computeIfAbsent(f.parentId(), p -> new ArrayList<>()).add(f.id()));
        Set<String> seen = new HashSet<>();
        Deque<String> level = new ArrayDeque<>(List.of(id));
        int height = 0;
        while (!level.isEmpty()) {
            height++;
            Deque<String> next = new ArrayDeque<>();
            for (String at : level) {
                if (!seen.add(at) || height > SafeSettings.MAX_FOLDERS) {
                    throw inconsistent();
                }
                next.addAll(children.getOrDefault(at, List.of()));
            }
            level = next;
        }
        return height;
    }

    private static ApiException inconsistent() {
        return new ApiException(409, "folder_tree_inconsistent",
                "the safe's folders form a cycle or have a missing parent; please contact support");
    }

    private static ApiException tooDeep() {
        return new ApiException(409, "folder_too_deep", "folders nest at most " + SafeSettings.MAX_DEPTH + " levels deep");
    }

    static Map<String, Object> view(StoredFolder folder, String name) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", folder.id());
        view.put("name", name);
        view.put("parent", folder.parentId());
        view.put("createdAt", folder.createdAt());
        return view;
    }
}
