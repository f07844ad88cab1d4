package de.servicekonto.eidsim;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A test identity the simulated eID-Client can present: either a person with the data their card holds, or the
 * citizen who cancels in the eID-Client ({@link #person()} is {@code null}).
 *
 * @param id    the stable identifier used in URLs ({@code identity=…}) and on the command line
 * @param label German description shown on the choice page
 * @param person the data on the card, or {@code null} for the identity that cancels
 */
public record Identity(String id, String label, Person person) {

    public Identity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }

    /** Whether choosing this identity means the citizen cancels the login in the eID-Client. */
    public boolean cancelsLogin() {
        return person == null;
    }

    /**
     * The data groups of an eID card as the eID-Server reports them (TR-03130-1 PersonalData). Empty strings stand
     * for data groups the card has but that hold no value (no academic title, for instance); {@code communityId}
     * is {@code null} when the card holds none.
     *
     * @param restrictedId the card- and service-specific pseudonym, 32 bytes as upper-case hex
     */
    public record Person(
            String documentType,
            String issuingState,
            LocalDate dateOfExpiry,
            String givenNames,
            String familyNames,
            String artisticName,
            String academicTitle,
            LocalDate dateOfBirth,
            String placeOfBirth,
            String nationality,
            String birthName,
            Residence placeOfResidence,
            String communityId,
            String restrictedId) {

        public Person {
            Objects.requireNonNull(documentType, "documentType");
            Objects.requireNonNull(issuingState, "issuingState");
            Objects.requireNonNull(dateOfExpiry, "dateOfExpiry");
            Objects.requireNonNull(givenNames, "givenNames");
            Objects.requireNonNull(familyNames, "familyNames");
            Objects.requireNonNull(artisticName, "artisticName");
            Objects.requireNonNull(academicTitle, "academicTitle");
            Objects.requireNonNull(dateOfBirth, "dateOfBirth");
            Objects.requireNonNull(placeOfBirth, "placeOfBirth");
            Objects.requireNonNull(nationality, "nationality");
            Objects.requireNonNull(birthName, "birthName");
            Objects.requireNonNull(placeOfResidence, "placeOfResidence");
            Objects.requireNonNull(restrictedId, "restrictedId");
        }

        /** A card is no longer valid on the day after its date of expiry. */
        public boolean documentExpiredOn(LocalDate today) {
            return today.isAfter(dateOfExpiry);
        }

        /** Whether the person has reached {@code age} full years on {@code today}. */
        public boolean isAtLeast(int age, LocalDate today) {
            return Period.between(dateOfBirth, today).getYears() >= age;
        }
    }

    /** The place of residence as the card stores it. */
    public sealed interface Residence permits StructuredPlace, NoPlaceInfo {
    }

    /** An address in Germany; {@code state} is empty on German cards. */
    public record StructuredPlace(String street, String city, String state, String country, String zipCode)
            implements Residence {

        public StructuredPlace {
            Objects.requireNonNull(street, "street");
            Objects.requireNonNull(city, "city");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(country, "country");
            Objects.requireNonNull(zipCode, "zipCode");
        }
    }

    /** No address in Germany, e.g. a citizen living abroad; {@code text} is what the card says instead. */
    public record NoPlaceInfo(String text) implements Residence {

        public NoPlaceInfo {
            Objects.requireNonNull(text, "text");
        }
    }
}
