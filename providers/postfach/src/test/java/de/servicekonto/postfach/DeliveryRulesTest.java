package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryRulesTest {

    private static final Party CITIZEN = new Party(Party.Kind.USER, "u1");
    private static final Party OTHER_CITIZEN = new Party(Party.Kind.USER, "u2");
    private static final Party AUTHORITY = new Party(Party.Kind.AUTHORITY, "a1");
    private static final Party OTHER_AUTHORITY = new Party(Party.Kind.AUTHORITY, "a2");
    private static final Party ORGANISATION = new Party(Party.Kind.ORGANISATION, "o1");
    private static final Party OTHER_ORGANISATION = new Party(Party.Kind.ORGANISATION, "o2");

    @Test
    void givenCitizenAndAuthorityThenBothDirectionsAllowed() {
        assertThat(DeliveryRules.refusal(CITIZEN, AUTHORITY, false)).isNull();
        assertThat(DeliveryRules.refusal(AUTHORITY, CITIZEN, false)).isNull();
        assertThat(DeliveryRules.refusal(AUTHORITY, CITIZEN, true)).isNull();
    }

    @Test
    void givenSameKindOrCitizenNoticeThenRefused() {
        assertThat(DeliveryRules.refusal(CITIZEN, OTHER_CITIZEN, false)).isEqualTo("recipient_not_allowed");
        assertThat(DeliveryRules.refusal(CITIZEN, AUTHORITY, true)).isEqualTo("notice_not_allowed");
    }

    @Test
    void givenTwoAuthoritiesThenMessagesAllowedButNoNoticeAndNotToItself() {
        assertThat(DeliveryRules.refusal(AUTHORITY, OTHER_AUTHORITY, false)).isNull();
        assertThat(DeliveryRules.refusal(OTHER_AUTHORITY, AUTHORITY, false)).isNull();
        assertThat(DeliveryRules.refusal(AUTHORITY, OTHER_AUTHORITY, true)).isEqualTo("notice_not_allowed");
        assertThat(DeliveryRules.refusal(AUTHORITY, AUTHORITY, false)).isEqualTo("recipient_not_allowed");
    }

    @Test
    void givenOrganisationAndAuthorityThenBothDirectionsAndNoticesAllowed() {
        assertThat(DeliveryRules.refusal(ORGANISATION, AUTHORITY, false)).isNull();
        assertThat(DeliveryRules.refusal(AUTHORITY, ORGANISATION, false)).isNull();
        assertThat(DeliveryRules.refusal(AUTHORITY, ORGANISATION, true)).isNull();
    }

    @Test
    void givenNoAuthorityOnEitherSideThenRefused() {
        assertThat(DeliveryRules.refusal(CITIZEN, ORGANISATION, false)).isEqualTo("recipient_not_allowed");
        assertThat(DeliveryRules.refusal(ORGANISATION, CITIZEN, false)).isEqualTo("recipient_not_allowed");
        assertThat(DeliveryRules.refusal(ORGANISATION, OTHER_ORGANISATION, false)).isEqualTo("recipient_not_allowed");
        assertThat(DeliveryRules.refusal(ORGANISATION, ORGANISATION, false)).isEqualTo("recipient_not_allowed");
        assertThat(DeliveryRules.refusal(CITIZEN, ORGANISATION, true)).isEqualTo("recipient_not_allowed");
        assertThat(DeliveryRules.refusal(ORGANISATION, AUTHORITY, true)).isEqualTo("notice_not_allowed");
    }

    @Test
    void givenOrganisationThenMayDeleteBothDirections() {
        assertThat(DeliveryRules.mayDelete(ORGANISATION, true)).isTrue();
        assertThat(DeliveryRules.mayDelete(ORGANISATION, false)).isTrue();
    }

    @Test
    void givenAuthoritySentCopyThenNotDeletable() {
        assertThat(DeliveryRules.mayDelete(AUTHORITY, true)).isFalse();
        assertThat(DeliveryRules.mayDelete(AUTHORITY, false)).isTrue();
        assertThat(DeliveryRules.mayDelete(CITIZEN, true)).isTrue();
        assertThat(DeliveryRules.mayDelete(CITIZEN, false)).isTrue();
    }

    @Test
    void givenPartiesThenKeyOwnersNeverCollideAcrossKinds() {
        assertThat(new Party(Party.Kind.USER, "x").keyOwner()).isNotEqualTo(new Party(Party.Kind.AUTHORITY, "x").keyOwner());
        assertThat(new Party(Party.Kind.ORGANISATION, "x").keyOwner()).isEqualTo("o:x")
                .isNotEqualTo(new Party(Party.Kind.AUTHORITY, "x").keyOwner())
                .isNotEqualTo(new Party(Party.Kind.USER, "x").keyOwner());
        assertThat(Party.isId("a'; drop")).isFalse();
        assertThat(Party.isId("0b5c2f4e-6f0a-4c55-9d55-1d2b3c4d5e6f")).isTrue();
    }
}
