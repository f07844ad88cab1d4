package de.servicekonto.dokumentensafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.dokumentensafe.OrganisationSafeAccess.Membership;
import de.servicekonto.rest.ApiException;
import org.junit.jupiter.api.Test;

/** Members read an organisation's safe, administrators manage it; everyone else finds no such safe. */
class OrganisationSafeAccessTest {

    private static String refusal(Membership membership, boolean write) {
        try {
            OrganisationSafeAccess.require(membership, write);
            return "allowed";
        } catch (ApiException e) {
            return e.status() + " " + e.code();
        }
    }

    @Test
    void givenAMemberThenReadsButDoesNotWrite() {
        Membership member = new Membership(true, true, true, false);
        assertThat(refusal(member, false)).isEqualTo("allowed");
        assertThat(refusal(member, true)).isEqualTo("403 organisation_admin_required");
    }

    @Test
    void givenAnAdministratorThenReadsAndWrites() {
        Membership admin = new Membership(true, true, true, true);
        assertThatCode(() -> OrganisationSafeAccess.require(admin, false)).doesNotThrowAnyException();
        assertThatCode(() -> OrganisationSafeAccess.require(admin, true)).doesNotThrowAnyException();
    }

    @Test
    void givenNoMemberOrNoOrganisationThenTheSame404AsAnUnknownId() {
        for (Membership nobody : new Membership[] {new Membership(true, true, false, false),
                new Membership(false, false, false, false), new Membership(true, false, false, false)}) {
            assertThat(refusal(nobody, false)).isEqualTo("404 not_found");
            assertThat(refusal(nobody, true)).isEqualTo("404 not_found");
        }
    }

    @Test
    void givenADisabledOrganisationThenItsMembersAndAdministratorsAreRefused() {
        assertThatThrownBy(() -> OrganisationSafeAccess.require(new Membership(true, false, true, true), false))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("organisation_not_active"));
    }

    @Test
    void givenTheDeliveryOfANoticeThenOnlyAnActiveOrganisationAccountTakesIt() {
        assertThatCode(() -> OrganisationSafeAccess.requireDelivery(new Membership(true, true, false, false)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> OrganisationSafeAccess.requireDelivery(new Membership(true, false, false, false)))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo("organisation_not_active"));
        assertThatThrownBy(() -> OrganisationSafeAccess.requireDelivery(new Membership(false, false, false, false)))
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
    }
}
