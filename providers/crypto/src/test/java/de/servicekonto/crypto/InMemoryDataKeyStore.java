package de.servicekonto.crypto;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store contract in memory, as the capabilities' JPA stores are to fulfil it: one key per owner, the first one
 * stored wins, a destroyed key is gone. Shared through this module's test jar with the in-memory stores of the
 * Postfach and the Dokumentensafe.
 */
public class InMemoryDataKeyStore implements DataKeyStore {

    private final Map<KeyOwner, WrappedDataKey> keys = new ConcurrentHashMap<>();

    /** The stored keys, live: tests look into it, and an in-memory store removes a whole realm's through it. */
    public Map<KeyOwner, WrappedDataKey> keys() {
        return keys;
    }

    @Override
    public Optional<WrappedDataKey> get(KeyOwner owner) {
        return Optional.ofNullable(keys.get(owner));
    }

    @Override
    public WrappedDataKey create(KeyOwner owner, WrappedDataKey key) {
        WrappedDataKey earlier = keys.putIfAbsent(owner, key);
        return earlier == null ? key : earlier;
    }

    @Override
    public boolean replace(KeyOwner owner, WrappedDataKey expected, WrappedDataKey replacement) {
        return keys.replace(owner, expected, replacement);
    }

    @Override
    public boolean destroy(KeyOwner owner) {
        return keys.remove(owner) != null;
    }

    @Override
    public List<String> ownersNotWrappedWith(String realmId, String kid, String afterOwnerId, int limit) {
        return keys.entrySet().stream()
                .filter(e -> e.getKey().realmId().equals(realmId) && !e.getValue().kid().equals(kid))
                .map(e -> e.getKey().ownerId())
                .filter(owner -> afterOwnerId == null || owner.compareTo(afterOwnerId) > 0)
                .sorted().limit(limit).toList();
    }
}
