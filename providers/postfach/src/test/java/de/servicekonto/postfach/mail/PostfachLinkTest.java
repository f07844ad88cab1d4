package de.servicekonto.postfach.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default link of the Postfach e-mails: the account console's Postfach page below the public address. */
class PostfachLinkTest {

    @Test
    void givenPublicAddressThenTheLinkIsTheConsolesPostfachPageOfTheRealm() {
        assertThat(PostfachMails.consolePage("https://konto.example.de/", "servicekonto"))
                .isEqualTo("https://konto.example.de/realms/servicekonto/account/postfach");
        assertThat(PostfachMails.consolePage("https://konto.example.de/auth", "servicekonto"))
                .isEqualTo("https://konto.example.de/auth/realms/servicekonto/account/postfach");
    }

    @Test
    void givenRealmNameWithSpecialCharactersThenItIsEncoded() {
        assertThat(PostfachMails.consolePage("https://konto.example.de/", "land berlin"))
                .isEqualTo("https://konto.example.de/realms/land%20berlin/account/postfach");
    }

    @Test
    void givenNoPublicAddressThenNoLink() {
        assertThat(PostfachMails.consolePage(null, "servicekonto")).isNull();
        assertThat(PostfachMails.consolePage(" ", "servicekonto")).isNull();
    }
}
