package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class BodyTypeRuleTest {

    /** Stands in for the server's parser: refuses what RESTEasy refuses in the cases below. */
    private static final Predicate<String> PARSER = value -> value.matches("\\s*[\\w.+-]+/[\\w.+-]+\\s*(;.*)?");

    @Test
    void givenNoContentType_thenNothingIsRefused() {
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", (String) null, PARSER)).isEmpty();
    }

    @Test
    void givenUnparseableContentType_thenRefusedOnEveryPath() {
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", ";;;", PARSER))
                .hasValueSatisfying(r -> assertThat(r.error()).isEqualTo(BodyTypeRule.ERROR));
        assertThat(BodyTypeRule.check("realms/x/protocol/openid-connect/token", "a/b/c", PARSER)).isPresent();
        assertThat(BodyTypeRule.check("admin/realms/x/users", ";;;", PARSER)).isPresent();
    }

    @Test
    void givenOverlongContentType_thenRefusedWithoutAskingTheParser() {
        String value = "application/json;" + "x".repeat(2000);
        assertThat(BodyTypeRule.check("realms/x/postfach", value, v -> {
            throw new AssertionError("parser must not see it");
        })).isPresent();
    }

    @Test
    void givenFormTypeOnOurEndpoints_thenRefused() {
        for (String path : new String[] {"realms/x/postfach/mailboxes/me/messages", "/realms/x/sk-organisations/organisations",
                "realms/x/sk-account/activity", "realms/x/sk-eid/tc-token", "realms/x/postfach"}) {
            assertThat(BodyTypeRule.check(path, "multipart/form-data; boundary=x", PARSER)).as(path).isPresent();
            assertThat(BodyTypeRule.check(path, "Application/X-WWW-Form-Urlencoded", PARSER)).as(path).isPresent();
        }
    }

    @Test
    void givenFormTypeOnKeycloaksEndpoints_thenLeftToKeycloak() {
        assertThat(BodyTypeRule.check("realms/x/protocol/openid-connect/token", "application/x-www-form-urlencoded", PARSER))
                .isEmpty();
        assertThat(BodyTypeRule.check("realms/x/login-actions/authenticate", "multipart/form-data; boundary=x", PARSER))
                .isEmpty();
        // A realm that happens to be called like one of our endpoints is no endpoint of ours.
        assertThat(BodyTypeRule.check("realms/postfach/protocol/openid-connect/token", "application/x-www-form-urlencoded", PARSER))
                .isEmpty();
    }

    @Test
    void givenOrdinaryTypesOnOurEndpoints_thenNothingIsRefused() {
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", "application/json", PARSER)).isEmpty();
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/attachments", "application/pdf", PARSER)).isEmpty();
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", "application/json; charset=utf-8", PARSER))
                .isEmpty();
    }

    @Test
    void givenTwoContentTypeHeadersThenRefused() {
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages",
                java.util.List.of("application/json", "multipart/form-data; boundary=x"), PARSER)).isPresent();
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", java.util.List.of("application/json"), PARSER))
                .isEmpty();
        assertThat(BodyTypeRule.check("realms/x/postfach/mailboxes/me/messages", java.util.List.of(), PARSER)).isEmpty();
    }
}
