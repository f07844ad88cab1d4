package de.servicekonto.stammdaten.saml;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a BundID portal would receive from this account in this login, worked out before the assertion is built so
 * the citizen can be asked first: the requested attributes our mapper releases to the portal (its allow-lists), each
 * with the value the account holds and where that value came from, and the required ones the account lacks. The
 * same rules decide what {@link BundIdAttributeMapper} puts into the assertion, so the consent page and the
 * assertion cannot name different attributes.
 *
 * @param items       in the order of {@link BundIdAttributes#names()}
 * @param unavailable required attributes the portal cannot receive from us at all (a name we do not know, or one
 *                    its allow-list excludes): the response will be {@code RequestDenied} whatever the citizen does
 */
public record ReleasePlan(List<Item> items, Set<String> unavailable) {

    /**
     * Where a released value came from, as the portal learns it from {@code akdb:TrustLevel}: the ID card, a partner
     * (another state's Servicekonto, an EU eID) at the level it vouched for, or the citizen.
     */
    public enum Origin { ID_CARD, PARTNER, SELF_ENTERED }

    /**
     * One requested attribute the portal may receive.
     *
     * @param name   the BundID name ({@code urn:oid:…})
     * @param source the Stammdaten attribute behind it
     * @param value  empty if the account has none
     */
    public record Item(String name, String source, boolean required, Optional<String> value, Origin origin) {

        public boolean released() {
            return value.isPresent();
        }

        public boolean missing() {
            return required && value.isEmpty();
        }
    }

    public ReleasePlan {
        items = List.copyOf(items);
        unavailable = Set.copyOf(unavailable);
    }

    /**
     * The plan for a request.
     *
     * @param allowLists one set per BundID mapper the portal has (an empty set allows every attribute); no mapper,
     *                   nothing is released
     * @param valueOf    the account's value of a Stammdaten attribute, null or blank if none
     * @param fromCard   whether the value of a BundID attribute was read from the ID card
     */
    public static ReleasePlan of(Map<String, Boolean> requested, Collection<Set<String>> allowLists,
                                 Function<String, String> valueOf, Predicate<String> fromCard) {
        return of(requested, allowLists, valueOf, fromCard, name -> false);
    }

    /**
     * As {@link #of(Map, Collection, Function, Predicate)}, with {@code fromPartner}: whether the value of a BundID
     * attribute is still the one a partner sent (the ID card wins where both hold).
     */
    public static ReleasePlan of(Map<String, Boolean> requested, Collection<Set<String>> allowLists,
                                 Function<String, String> valueOf, Predicate<String> fromCard,
                                 Predicate<String> fromPartner) {
        List<Item> items = BundIdAttributes.names().stream()
                .filter(requested::containsKey)
                .filter(name -> allowLists.stream().anyMatch(allowed -> allowed.isEmpty() || allowed.contains(name)))
                .map(name -> {
                    String source = BundIdAttributes.source(name).orElseThrow();
                    Optional<String> value = Optional.ofNullable(valueOf.apply(source)).filter(v -> !v.isBlank());
                    return new Item(name, source, requested.get(name), value,
                            value.isEmpty() ? Origin.SELF_ENTERED : fromCard.test(name) ? Origin.ID_CARD
                                    : fromPartner.test(name) ? Origin.PARTNER : Origin.SELF_ENTERED);
                })
                .toList();
        Set<String> unavailable = new TreeSet<>();
        requested.forEach((name, required) -> {
            if (required && items.stream().noneMatch(item -> item.name().equals(name))) {
                unavailable.add(name);
            }
        });
        return new ReleasePlan(items, unavailable);
    }

    public List<Item> released() {
        return items.stream().filter(Item::released).toList();
    }

    public List<Item> missing() {
        return items.stream().filter(Item::missing).toList();
    }

    /** The Stammdaten names of what is released, sorted: what the consent covers and the activity log names. */
    public Set<String> releasedSources() {
        TreeSet<String> names = new TreeSet<>();
        released().forEach(item -> names.add(item.source()));
        return names;
    }

    /**
     * The user-profile attributes the citizen types in for a missing Stammdaten attribute: the house number goes
     * with the street (the BundID address joins both), the country with the postal code (whose check depends on it).
     */
    public static List<String> fieldsFor(String source) {
        return switch (source) {
            case "street" -> List.of("street", "houseNumber");
            case "postal_code" -> List.of("postal_code", "country");
            default -> List.of(source);
        };
    }
}
