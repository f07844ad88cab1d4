package de.servicekonto.crypto;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The store contract in memory, as the Postfach's JPA store is to fulfil it. */
class InMemoryDataKeyStore implements DataKeyStore {

    final Map<KeyOwner, WrappedDataKey> keys = new ConcurrentHashMap<>();

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
