package de.servicekonto.eid.server;

/**
 * A place read from the ID card (place of birth or of residence). The card holds one of three forms: a structured
 * address, a free text, or a note that there is no place information (for instance no address in Germany).
 *
 * @param street       the street and house number (structured form), or null
 * @param city         the city (structured form), or null
 * @param state        the state (structured form), or null
 * @param country      the country code (structured form), or null
 * @param zipCode      the postal code (structured form), or null
 * @param freeText     the free text, or the text of the "no place information" note; null in the structured form
 * @param noPlaceInfo  true if the card says it holds no place
 */
public record Place(String street, String city, String state, String country, String zipCode, String freeText,
                    boolean noPlaceInfo) {

    public Place {
        boolean structuredPart = street != null || city != null || state != null || country != null || zipCode != null;
        if (structuredPart && (freeText != null || noPlaceInfo)) {
            throw new IllegalArgumentException("a place is either structured, free text or without information");
        }
    }

    /** A structured address; each part may be null. */
    public static Place structured(String street, String city, String state, String country, String zipCode) {
        return new Place(street, city, state, country, zipCode, null, false);
    }

    /** A place given as free text. */
    public static Place freeText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is required");
        }
        return new Place(null, null, null, null, null, text, false);
    }

    /** The card holds no place; {@code text} is the card's explanation, or null. */
    public static Place noInfo(String text) {
        return new Place(null, null, null, null, null, text, true);
    }

    /** True for the structured form. */
    public boolean isStructured() {
        return !noPlaceInfo && freeText == null;
    }

    /** True for a place given as free text. */
    public boolean isFreeText() {
        return !noPlaceInfo && freeText != null;
    }
}
