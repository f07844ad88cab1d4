package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class BodyTypeRuleTest {

    /** Stands in for the server's parser: refuses what RESTEasy refuses in the cases below. */
    private static final Predicate<String> PARSER = value -> value.matches("\\s*[\\w.+-]+/[\\w.+-]+\\s*(;.*)?");

    @Test
    void givenNoContentType_thenNothingIsRefused() {
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", List.of(), PARSER)).isEmpty();
    }

    @Test
    void givenUnparseableContentType_thenRefusedOnEveryPath() {
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", List.of(";;;"), PARSER))
                .hasValueSatisfying(r -> assertThat(r.error()).isEqualTo(BodyTypeRule.ERROR));
        assertThat(BodyTypeRule.check("realms/x/protocol/openid-connect/token", List.of("a/b/c"), PARSER)).isPresent();
        assertThat(BodyTypeRule.check("admin/realms/x/users", List.of(";;;"), PARSER)).isPresent();
    }

    @Test
    void givenOverlongContentType_thenRefusedWithoutAskingTheParser() {
        String value = "application/json;" + "x".repeat(2000);
        assertThat(BodyTypeRule.check("realms/x/postfach", List.of(value), v -> {
            throw new AssertionError("parser must not see it");
        })).isPresent();
    }

    @Test
    void givenFormTypeOnOurEndpoints_thenRefused() {
        for (String path : new String[] {"realms/x/postfach/mailboxes/me/messages", "/realms/x/sk-organisations/organisations",
                "realms/x/sk-account/activity", "realms/x/sk-eid/tc-token", "realms/x/postfach"}) {
            assertThat(BodyTypeRule.check(path, List.of("multipart/form-data; boundary=x"), PARSER)).as(path).isPresent();
            assertThat(BodyTypeRule.check(path, List.of("Application/X-WWW-Form-Urlencoded"), PARSER)).as(path).isPresent();
        }
    }

    @Test
    void givenFormTypeOnKeycloaksEndpoints_thenLeftToKeycloak() {
        assertThat(BodyTypeRule.check("realms/x/protocol/openid-connect/token", List.of("application/x-www-form-urlencoded"), PARSER))
                .isEmpty();
        assertThat(BodyTypeRule.check("realms/x/login-actions/authenticate", List.of("multipart/form-data; boundary=x"), PARSER))
                .isEmpty();
        // A realm that happens to be called like one of our endpoints is no endpoint of ours.
        assertThat(BodyTypeRule.check("realms/postfach/protocol/openid-connect/token", List.of("application/x-www-form-urlencoded"), PARSER))
                .isEmpty();
    }

    @Test
    void givenOrdinaryTypesOnOurEndpoints_thenNothingIsRefused() {
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", List.of("application/json"), PARSER)).isEmpty();
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/attachments", List.of("application/pdf"), PARSER)).isEmpty();
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", List.of("application/json; charset=utf-8"), PARSER))
                .isEmpty();
    }

    @Test
    void givenTwoContentTypeHeadersThenRefused() {
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages",
                List.of("application/json", "multipart/form-data; boundary=x"), PARSER)).isPresent();
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", List.of("application/json"), PARSER))
                .isEmpty();
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", List.of(), PARSER)).isEmpty();
    }
}
