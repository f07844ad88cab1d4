package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.rest.ServiceTokenRule.Account;
import de.servicekonto.rest.ServiceTokenRule.Client;
import de.servicekonto.rest.ServiceTokenRule.Facts;
import de.servicekonto.rest.ServiceTokenRule.Route;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.keycloak.protocol.oidc.encode.AccessTokenContext;
import org.keycloak.protocol.oidc.encode.AccessTokenContext.SessionType;
import org.keycloak.protocol.oidc.encode.AccessTokenContext.TokenType;
import org.keycloak.representations.AccessToken;

class ServiceTokenRuleTest {

    private static final String ISSUER = "https://konto.example/realms/servicekonto";
    private static final long NOW = 1_800_000_000L;
    private static final AccessTokenContext CLIENT_CREDENTIALS =
            new AccessTokenContext(SessionType.TRANSIENT, TokenType.REGULAR, "client_credentials", "abc");

    private static AccessToken token(Consumer<AccessToken> change) {
        AccessToken token = new AccessToken();
        token.id("trrtcc:abc");
        token.type("Bearer");
        token.issuer(ISSUER);
        token.subject("user-1");
        token.issuedFor("fachverfahren");
        token.audience("postfach");
        token.iat(NOW - 60);
        token.exp(NOW + 240);
        change.accept(token);
        return token;
    }

    private static AccessToken token() {
        return token(t -> { });
    }

    private static Facts facts(UnaryOperator<Facts> change) {
        return change.apply(new Facts(ISSUER, "postfach", NOW, 0, false,
                new Client("c-1", "fachverfahren", true, 0, false), new Account("c-1", true, 0)));
    }

    private static Facts facts() {
        return facts(f -> f);
    }

    private static Facts withClient(Facts f, Client client) {
        return new Facts(f.issuer(), f.audience(), f.now(), f.realmNotBefore(), f.revoked(), client, f.account());
    }

    private static Facts withAccount(Facts f, Account account) {
        return new Facts(f.issuer(), f.audience(), f.now(), f.realmNotBefore(), f.revoked(), f.client(), account);
    }

    private static Route route(AccessToken token, Facts facts) {
        return ServiceTokenRule.verdict(token, facts).route();
    }

    // --- which tokens the rule takes at all ---

    @Test
    void givenASessionLessClientCredentialsTokenSentAsBearerThenTheRuleTakesIt() {
        assertThat(ServiceTokenRule.concerns("Bearer", token(), CLIENT_CREDENTIALS)).isTrue();
        assertThat(ServiceTokenRule.concerns("bearer", token(), CLIENT_CREDENTIALS)).as("schemes are case-insensitive")
                .isTrue();
    }

    @Test
    void givenATokenWithAUserSessionThenKeycloakChecksIt() {
        assertThat(ServiceTokenRule.concerns("Bearer", token(t -> t.setSessionId("s-1")), CLIENT_CREDENTIALS)).isFalse();
        assertThat(ServiceTokenRule.concerns("Bearer", token(), new AccessTokenContext(SessionType.ONLINE,
                TokenType.REGULAR, "authorization_code", "abc"))).isFalse();
    }

    @Test
    void givenAnotherGrantOrNoTokenContextThenKeycloakChecksIt() {
        assertThat(ServiceTokenRule.concerns("Bearer", token(), new AccessTokenContext(SessionType.TRANSIENT,
                TokenType.REGULAR, "urn:ietf:params:oauth:grant-type:token-exchange", "abc"))).isFalse();
        assertThat(ServiceTokenRule.concerns("Bearer", token(), new AccessTokenContext(SessionType.UNKNOWN,
                TokenType.UNKNOWN, "client_credentials", "abc"))).as("a token id without Keycloak's context").isFalse();
        assertThat(ServiceTokenRule.concerns("Bearer", token(), null)).isFalse();
    }

    @Test
    void givenDPoPOrAKeyBoundTokenThenKeycloakChecksIt() {
        assertThat(ServiceTokenRule.concerns("DPoP", token(), CLIENT_CREDENTIALS)).isFalse();
        AccessToken.Confirmation bound = new AccessToken.Confirmation();
        bound.setKeyThumbprint("thumbprint");
        assertThat(ServiceTokenRule.concerns("Bearer", token(t -> t.setConfirmation(bound)), CLIENT_CREDENTIALS)).isFalse();
    }

    @Test
    void givenNoSubjectOrNoAuthorizedPartyThenKeycloakChecksIt() {
        assertThat(ServiceTokenRule.concerns("Bearer", token(t -> t.subject(null)), CLIENT_CREDENTIALS)).isFalse();
        assertThat(ServiceTokenRule.concerns("Bearer", token(t -> t.issuedFor(null)), CLIENT_CREDENTIALS)).isFalse();
    }

    // --- the verdict ---

    @Test
    void givenAValidServiceTokenThenAccepted() {
        assertThat(route(token(), facts())).isEqualTo(Route.ACCEPT);
        assertThat(route(token(), facts(f -> new Facts(f.issuer(), null, f.now(), f.realmNotBefore(), f.revoked(),
                f.client(), f.account())))).as("no audience asked for").isEqualTo(Route.ACCEPT);
    }

    @Test
    void givenAnotherTokenTypeThenRefused() {
        assertThat(route(token(t -> t.type("ID")), facts())).isEqualTo(Route.REFUSE);
        assertThat(route(token(t -> t.type("Refresh")), facts())).isEqualTo(Route.REFUSE);
        assertThat(route(token(t -> t.type(null)), facts())).isEqualTo(Route.REFUSE);
        assertThat(route(token(t -> t.type("bearer")), facts())).as("as Keycloak: case-insensitive").isEqualTo(Route.ACCEPT);
    }

    @Test
    void givenAnotherIssuerThenRefused() {
        assertThat(route(token(t -> t.issuer("https://konto.example/realms/other")), facts())).isEqualTo(Route.REFUSE);
        assertThat(route(token(t -> t.issuer(null)), facts())).isEqualTo(Route.REFUSE);
    }

    @Test
    void givenExpiryThenAcceptedUpToTheSecondAndRefusedAfter() {
        assertThat(route(token(t -> t.exp(NOW)), facts())).isEqualTo(Route.ACCEPT);
        assertThat(route(token(t -> t.exp(NOW - 1)), facts())).isEqualTo(Route.REFUSE);
        assertThat(route(token(t -> t.exp(null)), facts())).as("no expiry").isEqualTo(Route.REFUSE);
    }

    @Test
    void givenNotBeforeInTheFutureThenRefusedBeyondTheSkewOnly() {
        assertThat(route(token(t -> t.nbf(NOW + ServiceTokenRule.NOT_BEFORE_SKEW_SECONDS)), facts())).isEqualTo(Route.ACCEPT);
        assertThat(route(token(t -> t.nbf(NOW + ServiceTokenRule.NOT_BEFORE_SKEW_SECONDS + 1)), facts()))
                .isEqualTo(Route.REFUSE);
    }

    @Test
    void givenNoIssueTimeThenRefused() {
        assertThat(route(token(t -> t.iat(null)), facts())).isEqualTo(Route.REFUSE);
    }

    @Test
    void givenTheRealmsNotBeforeAfterIssueThenRefused() {
        long iat = NOW - 60;
        assertThat(route(token(), facts(f -> new Facts(f.issuer(), f.audience(), f.now(), iat, f.revoked(), f.client(),
                f.account())))).as("not-before at the issue second").isEqualTo(Route.ACCEPT);
        assertThat(route(token(), facts(f -> new Facts(f.issuer(), f.audience(), f.now(), iat + 1, f.revoked(), f.client(),
                f.account())))).isEqualTo(Route.REFUSE);
    }

    @Test
    void givenAnotherAudienceThenRefused() {
        assertThat(route(token(t -> t.audience("account")), facts())).isEqualTo(Route.REFUSE);
        assertThat(route(token(t -> t.audience((String[]) null)), facts())).isEqualTo(Route.REFUSE);
        assertThat(route(token(t -> t.audience("account", "postfach")), facts())).isEqualTo(Route.ACCEPT);
    }

    @Test
    void givenARevokedTokenThenRefused() {
        assertThat(route(token(), facts(f -> new Facts(f.issuer(), f.audience(), f.now(), f.realmNotBefore(), true,
                f.client(), f.account())))).isEqualTo(Route.REFUSE);
    }

    @Test
    void givenAnUnknownDisabledOrOtherClientThenRefused() {
        assertThat(route(token(), facts(f -> withClient(f, null)))).isEqualTo(Route.REFUSE);
        assertThat(route(token(), facts(f -> withClient(f, new Client("c-1", "fachverfahren", false, 0, false)))))
                .isEqualTo(Route.REFUSE);
        assertThat(route(token(), facts(f -> withClient(f, new Client("c-1", "other", true, 0, false)))))
                .isEqualTo(Route.REFUSE);
    }

    @Test
    void givenTheClientsNotBeforeAfterIssueThenRefused() {
        long iat = NOW - 60;
        assertThat(route(token(), facts(f -> withClient(f, new Client("c-1", "fachverfahren", true, iat, false)))))
                .isEqualTo(Route.ACCEPT);
        assertThat(route(token(), facts(f -> withClient(f, new Client("c-1", "fachverfahren", true, iat + 1, false)))))
                .isEqualTo(Route.REFUSE);
    }

    @Test
    void givenAClientThatRequiresDPoPThenABearerTokenIsRefused() {
        assertThat(route(token(), facts(f -> withClient(f, new Client("c-1", "fachverfahren", true, 0, true)))))
                .isEqualTo(Route.REFUSE);
    }

    @Test
    void givenADisabledServiceAccountThenRefused() {
        assertThat(route(token(), facts(f -> withAccount(f, new Account("c-1", false, 0))))).isEqualTo(Route.REFUSE);
    }

    @Test
    void givenTheUsersNotBeforeAfterIssueThenRefused() {
        long iat = NOW - 60;
        assertThat(route(token(), facts(f -> withAccount(f, new Account("c-1", true, iat))))).isEqualTo(Route.ACCEPT);
        assertThat(route(token(), facts(f -> withAccount(f, new Account("c-1", true, iat + 1))))).isEqualTo(Route.REFUSE);
    }

    @Test
    void givenAUserThatIsNotTheClientsServiceAccountThenKeycloakDecides() {
        assertThat(route(token(), facts(f -> withAccount(f, null)))).isEqualTo(Route.KEYCLOAK);
        assertThat(route(token(), facts(f -> withAccount(f, new Account(null, true, 0))))).isEqualTo(Route.KEYCLOAK);
        assertThat(route(token(), facts(f -> withAccount(f, new Account("c-2", true, 0))))).isEqualTo(Route.KEYCLOAK);
    }

    @Test
    void givenARefusalThenItSaysWhyWithoutTokenContent() {
        ServiceTokenRule.Verdict verdict = ServiceTokenRule.verdict(token(t -> t.issuer("https://evil.example/x")), facts());

        assertThat(verdict.reason()).isEqualTo("issuer is not this realm").doesNotContain("evil");
    }
}
