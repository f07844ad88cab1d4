package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static de.servicekonto.it.support.Registrations.authority;
import static de.servicekonto.it.support.Registrations.organisation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Operators;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Organisation accounts and authority accounts through {@code /realms/servicekonto/sk-organisations}, the
 * invitation mail, and logging in to act for an organisation over OIDC and SAML.
 */
@ServicekontoServerTest
class OrganisationsIT {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String SAML_ACS = "http://localhost:8084/saml/acs";
    private static final Pattern INVITE_LINK = Pattern.compile("(http://[^\\s\"<>]+/login-actions/action-token\\?key=[A-Za-z0-9._-]+)");

    /** The citizen's organisation application: its user tokens may use the account-side endpoints. */
    private static String app;
    /** A Fachverfahren: a confidential client with a service account. */
    private static String fachverfahren;
    /** The operators: accounts with an operator role, logged in through the operator client with their card. */
    private static Operators operators;

    @BeforeAll
    static void clientsAndOperators(ServicekontoServer server) {
        app = "org-app-" + suffix();
        created(server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", app, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + app,
                "standardFlowEnabled", true, "serviceAccountsEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "sk.organisations.accountApi", "true"))));
        fachverfahren = "fachverfahren-" + suffix();
        created(server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", fachverfahren, "protocol", "openid-connect", "publicClient", false,
                "secret", "secret-" + fachverfahren, "standardFlowEnabled", false, "serviceAccountsEnabled", true)));
        operators = new Operators(server.realmUri(), server.admin());
    }

    @Test
    void givenNoPersonalAccountThenNoOrganisationCanBeRegisteredAndWithOneTheRegistrantIsAdministrator(ServicekontoServer server) {
        Map<String, Object> data = organisation("Beispiel GmbH " + suffix());

        HttpResponse<String> anonymous = call(server, "POST", "/organisations", null, data);
        assertError(anonymous, 401, "unauthorized");
        String clientToken = clientCredentials(server, app);
        assertError(call(server, "POST", "/organisations", clientToken, data), 403, "personal_account_required");
        // A portal holding a citizen's token is not the citizen's organisation application.
        String username = user(server);
        OidcFlow portal = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        String portalToken = portal.exchange(portal.callback(portal.login(portal.authorize(Map.of()), username, PASSWORD))
                .get("code")).path("access_token").asText();
        assertError(call(server, "POST", "/organisations", portalToken, data), 403, "client_not_allowed");
        assertThat(server.admin().get("/realms/servicekonto/organizations?exact=true&search="
                + urlEncode((String) data.get("name")))).isEmpty();

        String bearer = token(server, username);
        HttpResponse<String> registered = call(server, "POST", "/organisations", bearer, data);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode organisation = Json.parse(registered.body());
        String id = organisation.path("id").asText();
        assertThat(organisation.path("role").asText()).isEqualTo("ADMIN");
        assertThat(organisation.path("kind").asText()).isEqualTo("ORGANISATION");
        assertThat(organisation.path("registerType").asText()).isEqualTo("HRB");
        assertThat(organisation.path("verified").asBoolean()).isFalse();

        JsonNode mine = ok(call(server, "GET", "/organisations", bearer, null)).path("organisations");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("id").asText()).isEqualTo(id);
        assertThat(mine.get(0).path("role").asText()).isEqualTo("ADMIN");
        // It is a Keycloak organization with the registrant as member.
        JsonNode members = server.admin().get("/realms/servicekonto/organizations/" + id + "/members");
        assertThat(members).extracting(m -> m.path("username").asText()).containsExactly(username);
        // The same name twice is refused.
        assertError(call(server, "POST", "/organisations", token(server, user(server)), data), 409, "organisation_exists");
    }

    @Test
    void givenBadOrOversizedInputThenStableErrorsAndNothingRegistered(ServicekontoServer server) {
        String bearer = token(server, user(server));
        Map<String, Object> badPostalCode = organisation("Fehler GmbH " + suffix());
        badPostalCode.put("postalCode", "123");
        assertError(call(server, "POST", "/organisations", bearer, badPostalCode), 400, "invalid_request");
        Map<String, Object> longName = organisation("X".repeat(201));
        assertError(call(server, "POST", "/organisations", bearer, longName), 400, "invalid_request");
        Map<String, Object> numberWithoutRegister = organisation("Ohne Register " + suffix());
        numberWithoutRegister.put("registerType", "NONE");
        assertError(call(server, "POST", "/organisations", bearer, numberWithoutRegister), 400, "invalid_request");
        Map<String, Object> huge = organisation("Gross " + suffix());
        huge.put("contactPhone", "1".repeat(20_000));
        assertError(call(server, "POST", "/organisations", bearer, huge), 413, "request_too_large");
        assertError(send(server, "POST", "/organisations", bearer, "{not json"), 400, "invalid_request");
        assertError(send(server, "POST", "/organisations", bearer, "[1,2]"), 400, "invalid_request");
        assertThat(ok(call(server, "GET", "/organisations", bearer, null)).path("organisations")).isEmpty();
    }

    @Test
    void givenInvitationByMailThenTheInviteeJoinsRolesChangeAndTheLastAdministratorStays(ServicekontoServer server) throws Exception {
        String alice = user(server);
        String bob = user(server);
        String aliceToken = token(server, alice);
        String name = "Einladung KG " + suffix();
        String id = Json.parse(created(call(server, "POST", "/organisations", aliceToken, organisation(name)))).path("id").asText();

        // The answer is the same whether or not the address belongs to a personal account (no enumeration).
        String nobody = "nobody-" + suffix() + "@example.org";
        HttpResponse<String> invited = call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", bob + "@example.org"));
        HttpResponse<String> invitedNobody = call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", nobody));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(202);
        assertThat(invitedNobody.statusCode()).as(invitedNobody.body()).isEqualTo(202);
        assertThat(Json.parse(invitedNobody.body())).isEqualTo(Json.parse(invited.body()));
        assertThat(Json.parse(invited.body()).path("status").asText()).isEqualTo("sent");
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", bob + "@example.org")), 409, "invitation_pending");
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", nobody)), 409, "invitation_pending");
        // Alice is listed as a member with her address, so telling that she is one reveals nothing.
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", alice + "@example.org")), 409, "already_member");
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/invitations", aliceToken, null)).path("invitations"))
                .extracting(i -> i.path("email").asText()).containsExactlyInAnyOrder(bob + "@example.org", nobody);

        // The German mail with Keycloak's invitation link; Bob opens it, confirms, and is a member.
        MimeMessage mail = mailTo(server, bob + "@example.org");
        assertThat(mail.getSubject()).isEqualTo("Einladung in das Organisationskonto „" + name + "“");
        String body = body(mail);
        assertThat(body).contains("im Namen dieser Organisation");
        // The organisation is not verified: the mail says that its name is its own statement.
        assertThat(body).contains("von der Organisation selbst angegeben und vom Servicekonto nicht gepr");
        // Only a personal account receives a mail.
        assertThat(server.mail().getReceivedMessages()).noneMatch(m -> recipient(m).equalsIgnoreCase(nobody));
        Matcher link = INVITE_LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        BrowserlessClient browser = new BrowserlessClient();
        HttpResponse<String> confirm = browser.get(URI.create(link.group(1)));
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        Element proceed = Jsoup.parse(confirm.body(), confirm.uri().toString()).selectFirst("a[href*=action-token]");
        assertThat(proceed).as(confirm.body()).isNotNull();
        HttpResponse<String> joined = browser.get(URI.create(proceed.absUrl("href")));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(302);
        String bobToken = token(server, bob);
        assertThat(ok(call(server, "GET", "/organisations", bobToken, null)).path("organisations"))
                .extracting(o -> o.path("id").asText() + "/" + o.path("role").asText()).containsExactly(id + "/USER");
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/invitations", aliceToken, null)).path("invitations"))
                .extracting(i -> i.path("email").asText()).containsExactly(nobody);
        String aliceId = userId(server, alice);
        String bobId = userId(server, bob);
        assertThat(roles(server, aliceToken, id)).containsEntry(aliceId, "ADMIN").containsEntry(bobId, "USER");
        // Members see each other's usernames; the addresses only administrators.
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/members", bobToken, null)).path("members"))
                .allSatisfy(m -> assertThat(m.has("email")).as(m.toString()).isFalse())
                .extracting(m -> m.path("username").asText()).containsExactlyInAnyOrder(alice, bob);
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/members", aliceToken, null)).path("members"))
                .extracting(m -> m.path("email").asText()).containsExactlyInAnyOrder(alice + "@example.org", bob + "@example.org");

        // A member who is no administrator cannot invite, change roles or remove anyone.
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", bobToken,
                Map.of("email", alice + "@example.org")), 403, "admin_required");
        assertError(call(server, "PUT", "/organisations/" + id + "/members/" + bobId + "/role", bobToken,
                Map.of("role", "ADMIN")), 403, "admin_required");
        assertError(call(server, "DELETE", "/organisations/" + id + "/members/" + aliceId, bobToken, null), 403, "admin_required");
        assertError(call(server, "PUT", "/organisations/" + id + "/favourites", bobToken,
                Map.of("favourites", List.of(DEMO_OIDC_CLIENT))), 403, "admin_required");

        // The only administrator can neither step down nor leave.
        assertError(call(server, "PUT", "/organisations/" + id + "/members/" + aliceId + "/role", aliceToken,
                Map.of("role", "USER")), 409, "last_administrator");
        assertError(call(server, "DELETE", "/organisations/" + id + "/members/" + aliceId, aliceToken, null), 409, "last_administrator");

        // Alice appoints Bob, steps down, and Bob (now the only administrator) removes her.
        assertThat(ok(call(server, "PUT", "/organisations/" + id + "/members/" + bobId + "/role", aliceToken,
                Map.of("role", "ADMIN"))).path("role").asText()).isEqualTo("ADMIN");
        ok(call(server, "PUT", "/organisations/" + id + "/members/" + aliceId + "/role", aliceToken, Map.of("role", "USER")));
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", "x@example.org")), 403, "admin_required");
        assertError(call(server, "DELETE", "/organisations/" + id + "/members/" + bobId, bobToken, null), 409, "last_administrator");
        HttpResponse<String> removed = call(server, "DELETE", "/organisations/" + id + "/members/" + aliceId, bobToken, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(roles(server, bobToken, id)).containsOnlyKeys(bobId);
        assertError(call(server, "GET", "/organisations/" + id, aliceToken, null), 403, "forbidden");

        // Favourites: bounded, only clients of this realm, read by members.
        assertThat(ok(call(server, "PUT", "/organisations/" + id + "/favourites", bobToken,
                Map.of("favourites", List.of(DEMO_OIDC_CLIENT, app)))).path("favourites"))
                .extracting(JsonNode::asText).containsExactly(DEMO_OIDC_CLIENT, app);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("client-" + i);
        }
        assertError(call(server, "PUT", "/organisations/" + id + "/favourites", bobToken, Map.of("favourites", many)),
                400, "too_many_favourites");
        assertError(call(server, "PUT", "/organisations/" + id + "/favourites", bobToken,
                Map.of("favourites", List.of("no-such-portal"))), 400, "unknown_client");
        assertThat(ok(call(server, "GET", "/organisations/" + id, bobToken, null)).path("favourites"))
                .extracting(JsonNode::asText).containsExactly(DEMO_OIDC_CLIENT, app);
    }

    @Test
    void givenInvitationLimitsThenFurtherInvitationsAreRefusedWithStableCodes(ServicekontoServer server) {
        String admin = token(server, user(server));
        String id = Json.parse(created(call(server, "POST", "/organisations", admin, organisation("Viele Einladungen " + suffix()))))
                .path("id").asText();
        String otherAdmin = token(server, user(server));
        String other = Json.parse(created(call(server, "POST", "/organisations", otherAdmin,
                organisation("Andere Einladungen " + suffix())))).path("id").asText();
        setRealmAttributes(server, Map.of("sk.organisations.invitations.pendingPerOrganisation", "2",
                "sk.organisations.invitations.perDay", "3", "sk.organisations.invitations.pendingPerRecipient", "1"));
        try {
            String first = "eins-" + suffix() + "@example.org";
            assertThat(call(server, "POST", "/organisations/" + id + "/invitations", admin, Map.of("email", first))
                    .statusCode()).isEqualTo(202);
            String shared = "zwei-" + suffix() + "@example.org";
            assertThat(call(server, "POST", "/organisations/" + id + "/invitations", admin, Map.of("email", shared))
                    .statusCode()).isEqualTo(202);
            assertError(call(server, "POST", "/organisations/" + id + "/invitations", admin,
                    Map.of("email", "drei-" + suffix() + "@example.org")), 409, "too_many_pending_invitations");
            // Withdrawing makes room for pending ones, but the day's count stays.
            withdraw(server, admin, id, first);
            String fourth = "vier-" + suffix() + "@example.org";
            assertThat(call(server, "POST", "/organisations/" + id + "/invitations", admin, Map.of("email", fourth))
                    .statusCode()).isEqualTo(202);
            withdraw(server, admin, id, fourth);
            assertError(call(server, "POST", "/organisations/" + id + "/invitations", admin,
                    Map.of("email", "fuenf-" + suffix() + "@example.org")), 429, "invitation_limit_reached");
            // One pending invitation per address over the realm's organisations (limit 1 here).
            assertError(call(server, "POST", "/organisations/" + other + "/invitations", otherAdmin, Map.of("email", shared)),
                    429, "recipient_limit_reached");
        } finally {
            setRealmAttributes(server, Map.of("sk.organisations.invitations.pendingPerOrganisation", "",
                    "sk.organisations.invitations.perDay", "", "sk.organisations.invitations.pendingPerRecipient", ""));
        }
    }

    @Test
    void givenTwoOperatorsDecideOnTheSameAuthorityAtOnceThenExactlyOneDecisionCounts(ServicekontoServer server) throws Exception {
        String reviewerToken = operators.reviewer().token();
        // A second reviewer, with a card of their own.
        String secondToken = operators.withCard("erika", Operators.REVIEWER_ROLE).token();
        for (int round = 0; round < 4; round++) {
            String id = Json.parse(created(call(server, "POST", "/authorities", token(server, user(server)),
                    authority("Amt im Wettlauf " + suffix())))).path("id").asText();
            ok(call(server, "POST", "/operator/authorities/" + id + "/transitions", reviewerToken, Map.of("status", "VERIFIED")));

            List<HttpResponse<String>> answers = parallel(
                    () -> call(server, "POST", "/operator/authorities/" + id + "/transitions", reviewerToken,
                            Map.of("status", "REJECTED", "reason", "Unzuständig")),
                    () -> call(server, "POST", "/operator/authorities/" + id + "/transitions", secondToken,
                            Map.of("status", "ACTIVE")));
            List<HttpResponse<String>> succeeded = answers.stream().filter(a -> a.statusCode() == 200).toList();
            assertThat(succeeded).as(answers.stream().map(HttpResponse::body).toList().toString()).hasSize(1);
            HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() != 200).findFirst().orElseThrow();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(Json.parse(refused.body()).path("error").asText()).isIn("invalid_transition", "conflict");
            // The history holds exactly the decision that counted, and the state is that decision.
            JsonNode authority = ok(call(server, "GET", "/operator/authorities/" + id, reviewerToken, null));
            String decided = Json.parse(succeeded.get(0).body()).path("status").asText();
            assertThat(authority.path("status").asText()).isEqualTo(decided);
            assertThat(authority.path("transitions")).extracting(t -> t.path("to").asText())
                    .containsExactly("APPLIED", "VERIFIED", decided);
        }
    }

    @Test
    void givenTwoAdministratorsDemoteEachOtherAtOnceThenOneAdministratorRemains(ServicekontoServer server) throws Exception {
        for (int round = 0; round < 3; round++) {
            String alice = user(server);
            String bob = user(server);
            String aliceToken = token(server, alice);
            String id = Json.parse(created(call(server, "POST", "/organisations", aliceToken,
                    organisation("Zwei Chefs " + suffix())))).path("id").asText();
            String aliceId = userId(server, alice);
            String bobId = userId(server, bob);
            assertThat(server.admin().post("/realms/servicekonto/organizations/" + id + "/members", bobId).statusCode()).isEqualTo(201);
            ok(call(server, "PUT", "/organisations/" + id + "/members/" + bobId + "/role", aliceToken, Map.of("role", "ADMIN")));
            String bobToken = token(server, bob);

            List<HttpResponse<String>> answers = parallel(
                    () -> call(server, "PUT", "/organisations/" + id + "/members/" + bobId + "/role", aliceToken, Map.of("role", "USER")),
                    () -> call(server, "PUT", "/organisations/" + id + "/members/" + aliceId + "/role", bobToken, Map.of("role", "USER")));
            // Whoever comes second reads their own role again under the organisation's lock: no longer an administrator.
            assertThat(answers).extracting(HttpResponse::statusCode).as(answers.stream().map(HttpResponse::body).toList().toString())
                    .containsExactlyInAnyOrder(200, 403);
            assertError(answers.stream().filter(a -> a.statusCode() == 403).findFirst().orElseThrow(), 403, "admin_required");
            assertThat(roles(server, token(server, alice), id).values()).containsOnlyOnce("ADMIN");
        }
    }

    @Test
    void givenAnotherRealmsOrganisationOrTokenThenNotFoundOrUnauthorizedNeverServerError(ServicekontoServer server) {
        String realm = "org-other-" + suffix();
        HttpResponse<String> createdRealm = server.admin().post("/realms", Map.of("realm", realm, "enabled", true,
                "organizationsEnabled", true));
        assertThat(createdRealm.statusCode()).as(createdRealm.body()).isEqualTo(201);
        try {
            HttpResponse<String> org = server.admin().post("/realms/" + realm + "/organizations", Map.of(
                    "name", "Fremdrealm GmbH", "alias", "fremd-" + suffix(),
                    "domains", List.of(Map.of("name", "fremd-" + suffix() + ".example"))));
            assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
            String foreignId = server.admin().get("/realms/" + realm + "/organizations").get(0).path("id").asText();

            String bearer = token(server, user(server));
            for (String path : List.of("/organisations/" + foreignId, "/organisations/" + foreignId + "/members")) {
                assertError(call(server, "GET", path, bearer, null), 403, "forbidden");
            }
            assertError(call(server, "POST", "/operator/organisations/" + foreignId + "/verify", operators.verifier().token(), null),
                    404, "not_found");
            assertError(call(server, "GET", "/operator/authorities/" + foreignId, operators.reviewer().token(), null), 404, "not_found");

            // A token of the other realm is no token of this one.
            created(server.admin().post("/realms/" + realm + "/clients", Map.of("clientId", "fremd", "publicClient", false,
                    "secret", "secret-fremd", "serviceAccountsEnabled", true, "standardFlowEnabled", false)));
            String basic = Base64.getEncoder().encodeToString("fremd:secret-fremd".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> foreignToken = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                            server.baseUri().resolve("/realms/" + realm + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
            assertThat(foreignToken.statusCode()).as(foreignToken.body()).isEqualTo(200);
            String foreign = Json.parse(foreignToken.body()).path("access_token").asText();
            assertError(call(server, "GET", "/organisations", foreign, null), 401, "unauthorized");
            assertError(call(server, "GET", "/client/authority", foreign, null), 401, "unauthorized");
        } finally {
            server.admin().delete("/realms/" + realm);
        }
    }

    @Test
    void givenTheLastAdministratorsAccountIsDeletedThenTheLongestStandingMemberBecomesAdministrator(ServicekontoServer server) {
        String owner = user(server);
        String ownerToken = token(server, owner);
        String id = Json.parse(created(call(server, "POST", "/organisations", ownerToken, organisation("Nachfolge KG " + suffix()))))
                .path("id").asText();
        String first = user(server);
        String second = user(server);
        String firstId = userId(server, first);
        String secondId = userId(server, second);
        // The later-created account joins first: seniority in the organisation counts, not the account's age.
        assertThat(server.admin().post("/realms/servicekonto/organizations/" + id + "/members", secondId).statusCode()).isEqualTo(201);
        assertThat(server.admin().post("/realms/servicekonto/organizations/" + id + "/members", firstId).statusCode()).isEqualTo(201);

        assertThat(server.admin().delete("/realms/servicekonto/users/" + userId(server, owner)).statusCode()).isEqualTo(204);

        assertThat(roles(server, token(server, first), id)).containsOnly(Map.entry(firstId, "USER"), Map.entry(secondId, "ADMIN"));
        JsonNode audit = ok(call(server, "GET", "/operator/organisations/" + id, operators.verifier().token(), null)).path("events");
        assertThat(audit).filteredOn(e -> e.path("type").asText().equals("ADMIN_SUCCESSION"))
                .extracting(e -> e.path("subject").asText()).containsExactly(secondId);
    }

    @Test
    void givenLastAdministratorWithOtherMembersThenSelfDeletionIsRefusedUntilAnotherIsAppointed(ServicekontoServer server) {
        String owner = user(server);
        String ownerId = userId(server, owner);
        String ownerToken = token(server, owner);
        String name = "Letzte Verwaltung " + suffix();
        String id = Json.parse(created(call(server, "POST", "/organisations", ownerToken, organisation(name)))).path("id").asText();
        String memberId = userId(server, user(server));
        assertThat(server.admin().post("/realms/servicekonto/organizations/" + id + "/members", memberId).statusCode()).isEqualTo(201);

        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> page = flow.follow(flow.login(flow.authorize(Map.of("kc_action", "sk-delete-account")), owner, PASSWORD));
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        assertThat(document.text()).contains("Sie sind die letzte Administratorin oder der letzte Administrator von „" + name + "“");
        assertThat(document.select("#sk-delete-confirm")).isEmpty();
        // Posting the confirmation anyway deletes nothing.
        HttpResponse<String> forged = flow.browser().postForm(URI.create(document.selectFirst("form#sk-delete-form").absUrl("action")),
                Map.of("confirm", "confirm"));
        assertThat(Jsoup.parse(forged.body()).text()).doesNotContain("Ihr Servicekonto ist gelöscht.")
                .contains("letzte Administratorin oder der letzte Administrator");
        assertThat(server.admin().getResponse("/realms/servicekonto/users/" + ownerId).statusCode()).isEqualTo(200);

        // With a second administrator the account can go.
        ok(call(server, "PUT", "/organisations/" + id + "/members/" + memberId + "/role", ownerToken, Map.of("role", "ADMIN")));
        OidcFlow again = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> confirm = again.follow(again.login(again.authorize(Map.of("kc_action", "sk-delete-account")), owner, PASSWORD));
        assertThat(Jsoup.parse(confirm.body()).text()).contains("kann nicht rückgängig gemacht werden");
        assertThat(Jsoup.parse(de.servicekonto.it.support.EidLogin.press(again.browser(), confirm, "sk-delete-confirm").body()).text())
                .contains("Ihr Servicekonto ist gelöscht.");
        assertThat(server.admin().getResponse("/realms/servicekonto/users/" + ownerId).statusCode()).isEqualTo(404);
    }

    @Test
    void givenKeycloaksOwnOrganizationScopeRequestedThenNoMembershipsAreReleased(ServicekontoServer server) {
        String username = user(server);
        String bearer = token(server, username);
        created(call(server, "POST", "/organisations", bearer, organisation("Verborgen GmbH " + suffix())));
        created(call(server, "POST", "/authorities", bearer, authority("Amt in Prüfung " + suffix())));

        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        JsonNode tokens = flow.exchange(flow.callback(flow.login(flow.authorize(Map.of("scope", "openid organization")),
                username, PASSWORD)).get("code"));
        for (String jwt : List.of(tokens.path("id_token").asText(), tokens.path("access_token").asText())) {
            JsonNode claims = Json.jwtClaims(jwt);
            assertThat(claims.has("organization")).as(claims.toString()).isFalse();
            assertThat(claims.has("organisation")).as(claims.toString()).isFalse();
        }
    }

    @Test
    void givenFavouritesThenKeycloaksOwnClientsAreRefusedARemovedClientDisappearsAndADisabledOrganisationRefusesChanges(
            ServicekontoServer server) {
        String admin = token(server, user(server));
        String id = Json.parse(created(call(server, "POST", "/organisations", admin, organisation("Favoriten GmbH " + suffix()))))
                .path("id").asText();
        for (String internal : List.of("admin-cli", "account-console", "realm-management", "security-admin-console", "broker")) {
            assertError(call(server, "PUT", "/organisations/" + id + "/favourites", admin, Map.of("favourites", List.of(internal))),
                    400, "unknown_client");
        }
        String portal = "favourite-portal-" + suffix();
        created(server.admin().post("/realms/servicekonto/clients", Map.of("clientId", portal, "protocol", "openid-connect",
                "publicClient", true, "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT))));
        ok(call(server, "PUT", "/organisations/" + id + "/favourites", admin, Map.of("favourites", List.of(portal, DEMO_OIDC_CLIENT))));
        String internalId = server.admin().get("/realms/servicekonto/clients?clientId=" + portal).get(0).path("id").asText();
        assertThat(server.admin().delete("/realms/servicekonto/clients/" + internalId).statusCode()).isEqualTo(204);
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/favourites", admin, null)).path("favourites"))
                .extracting(JsonNode::asText).containsExactly(DEMO_OIDC_CLIENT);

        // An operator disables the organisation in the admin console: reading works, changing does not.
        com.fasterxml.jackson.databind.node.ObjectNode representation =
                (com.fasterxml.jackson.databind.node.ObjectNode) server.admin().get("/realms/servicekonto/organizations/" + id);
        representation.put("enabled", false);
        HttpResponse<String> disabled = server.admin().put("/realms/servicekonto/organizations/" + id, representation);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(204);
        assertError(call(server, "PUT", "/organisations/" + id + "/favourites", admin, Map.of("favourites", List.of())),
                409, "organisation_disabled");
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", admin, Map.of("email", "x-" + suffix() + "@example.org")),
                409, "organisation_disabled");
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/favourites", admin, null)).path("favourites"))
                .extracting(JsonNode::asText).containsExactly(DEMO_OIDC_CLIENT);
    }

    @Test
    void givenMemberOfOneOrganisationThenEveryEndpointOfAnotherIsClosed(ServicekontoServer server) {
        String memberOfA = token(server, user(server));
        created(call(server, "POST", "/organisations", memberOfA, organisation("A GmbH " + suffix())));
        String ownerOfB = user(server);
        String b = Json.parse(created(call(server, "POST", "/organisations", token(server, ownerOfB),
                organisation("B GmbH " + suffix())))).path("id").asText();
        String ownerId = userId(server, ownerOfB);

        Map<String, Object> role = Map.of("role", "ADMIN");
        List<HttpResponse<String>> answers = List.of(
                call(server, "GET", "/organisations/" + b, memberOfA, null),
                call(server, "GET", "/organisations/" + b + "/members", memberOfA, null),
                call(server, "GET", "/organisations/" + b + "/invitations", memberOfA, null),
                call(server, "POST", "/organisations/" + b + "/invitations", memberOfA, Map.of("email", "x@example.org")),
                call(server, "DELETE", "/organisations/" + b + "/invitations/" + UUID.randomUUID(), memberOfA, null),
                call(server, "PUT", "/organisations/" + b + "/members/" + ownerId + "/role", memberOfA, role),
                call(server, "DELETE", "/organisations/" + b + "/members/" + ownerId, memberOfA, null),
                call(server, "GET", "/organisations/" + b + "/favourites", memberOfA, null),
                call(server, "PUT", "/organisations/" + b + "/favourites", memberOfA, Map.of("favourites", List.of())));
        for (HttpResponse<String> answer : answers) {
            assertError(answer, 403, "forbidden");
        }
        // An id that exists nowhere answers the same: the answer does not tell whether B exists.
        assertError(call(server, "GET", "/organisations/" + UUID.randomUUID(), memberOfA, null), 403, "forbidden");
        // Nor is any operator endpoint open to a member.
        List<HttpResponse<String>> operator = List.of(
                call(server, "GET", "/operator/organisations/" + b, memberOfA, null),
                call(server, "POST", "/operator/organisations/" + b + "/verify", memberOfA, null),
                call(server, "GET", "/operator/authorities", memberOfA, null),
                call(server, "GET", "/operator/authorities/" + b, memberOfA, null),
                call(server, "POST", "/operator/authorities/" + b + "/transitions", memberOfA, Map.of("status", "VERIFIED")),
                call(server, "PUT", "/operator/authorities/" + b + "/clients/" + DEMO_OIDC_CLIENT, memberOfA, null),
                call(server, "DELETE", "/operator/authorities/" + b + "/clients/" + DEMO_OIDC_CLIENT, memberOfA, null));
        for (HttpResponse<String> answer : operator) {
            assertError(answer, 403, "forbidden");
        }
        assertThat(roles(server, token(server, ownerOfB), b)).containsExactly(Map.entry(ownerId, "ADMIN"));
    }

    @Test
    void givenOperatorVerifiesOrganisationThenWhoAndWhenAreRecorded(ServicekontoServer server) {
        String owner = token(server, user(server));
        Map<String, Object> registration = organisation("Geprueft AG " + suffix());
        String id = Json.parse(created(call(server, "POST", "/organisations", owner, registration))).path("id").asText();
        assertError(call(server, "POST", "/operator/organisations/" + id + "/verify", owner, null), 403, "forbidden");
        // The authority reviewer's role is not the verifier's.
        assertError(call(server, "POST", "/operator/organisations/" + id + "/verify", operators.reviewer().token(), null), 403, "forbidden");

        Operators.Operator verifier = operators.verifier();
        String verifierToken = verifier.token();
        JsonNode toCheck = ok(call(server, "GET", "/operator/organisations/" + id, verifierToken, null));
        assertThat(toCheck.path("registerNumber").asText()).isEqualTo(registration.get("registerNumber"));
        assertThat(toCheck.path("verified").asBoolean()).isFalse();
        assertError(call(server, "GET", "/operator/organisations/" + id, owner, null), 403, "forbidden");

        Instant before = Instant.now().minusSeconds(5);
        JsonNode verified = ok(call(server, "POST", "/operator/organisations/" + id + "/verify", verifierToken, null));
        assertThat(verified.path("verified").asBoolean()).isTrue();
        assertThat(verified.path("verifiedBy").asText()).isEqualTo(verifier.id());
        assertThat(Instant.parse(verified.path("verifiedAt").asText())).isAfter(before).isBefore(Instant.now().plusSeconds(5));
        assertThat(ok(call(server, "GET", "/organisations/" + id, owner, null)).path("verified").asBoolean()).isTrue();
        // A member who is no administrator sees that it is verified, not by whom.
        String member = user(server);
        assertThat(server.admin().post("/realms/servicekonto/organizations/" + id + "/members", userId(server, member))
                .statusCode()).isEqualTo(201);
        JsonNode seenByMember = ok(call(server, "GET", "/organisations/" + id, token(server, member), null));
        assertThat(seenByMember.path("verified").asBoolean()).isTrue();
        assertThat(seenByMember.has("verifiedBy")).as(seenByMember.toString()).isFalse();
        assertError(call(server, "POST", "/operator/organisations/" + UUID.randomUUID() + "/verify", verifierToken, null),
                404, "not_found");
    }

    @Test
    void givenAuthorityApplicationThenItActsOnlyOnceActivatedAndEveryStepIsRecorded(ServicekontoServer server) {
        String applicant = user(server);
        String applicantToken = token(server, applicant);
        Map<String, Object> application = authority("Stadt Beispielstadt " + suffix());
        for (String badKey : List.of("0916200", "091620001", "17000000", "00123456", "0916200A")) {
            application.put("agencyKey", badKey);
            assertError(call(server, "POST", "/authorities", applicantToken, application), 400, "invalid_request");
        }
        application.put("agencyKey", "09162000");
        JsonNode applied = Json.parse(created(call(server, "POST", "/authorities", applicantToken, application)));
        String id = applied.path("id").asText();
        assertThat(applied.path("status").asText()).isEqualTo("APPLIED");
        assertThat(applied.path("mayAct").asBoolean()).isFalse();
        assertThat(applied.path("agencyKey").asText()).isEqualTo("09162000");

        Operators.Operator reviewer = operators.reviewer();
        String reviewerToken = reviewer.token();
        assertThat(ok(call(server, "GET", "/operator/authorities", reviewerToken, null)).path("authorities"))
                .extracting(a -> a.path("id").asText()).contains(id);
        assertThat(activeAuthorities(server, applicantToken)).doesNotContain(id);

        // The applicant (no operator) cannot move it on, neither can the organisation verifier.
        assertError(call(server, "POST", "/operator/authorities/" + id + "/transitions", applicantToken,
                Map.of("status", "ACTIVE")), 403, "forbidden");
        assertError(call(server, "POST", "/operator/authorities/" + id + "/transitions", operators.verifier().token(),
                Map.of("status", "VERIFIED")), 403, "forbidden");
        assertError(call(server, "PUT", "/operator/authorities/" + id + "/clients/" + fachverfahren, applicantToken, null),
                403, "forbidden");

        // Its Fachverfahren is bound, but cannot act for it yet; an unbound client acts for no authority.
        assertThat(call(server, "PUT", "/operator/authorities/" + id + "/clients/" + fachverfahren, reviewerToken, null)
                .statusCode()).isEqualTo(204);
        assertError(call(server, "PUT", "/operator/authorities/" + id + "/clients/" + DEMO_OIDC_CLIENT, reviewerToken, null),
                400, "no_service_account");
        // A bound client is not silently re-bound: unbinding first, both recorded in the audit.
        assertError(call(server, "PUT", "/operator/authorities/" + id + "/clients/" + fachverfahren, reviewerToken, null),
                409, "client_already_bound");
        assertError(call(server, "DELETE", "/operator/authorities/" + id + "/clients/" + fachverfahren, applicantToken, null),
                403, "forbidden");
        assertThat(call(server, "DELETE", "/operator/authorities/" + id + "/clients/" + fachverfahren, reviewerToken, null)
                .statusCode()).isEqualTo(204);
        assertError(call(server, "DELETE", "/operator/authorities/" + id + "/clients/" + fachverfahren, reviewerToken, null),
                404, "client_not_bound");
        assertThat(call(server, "PUT", "/operator/authorities/" + id + "/clients/" + fachverfahren, reviewerToken, null)
                .statusCode()).isEqualTo(204);
        assertThat(ok(call(server, "GET", "/operator/authorities/" + id, reviewerToken, null)).path("events"))
                .filteredOn(e -> e.path("type").asText().startsWith("CLIENT_"))
                .extracting(e -> e.path("type").asText() + " " + e.path("subject").asText() + " " + e.path("actor").asText())
                .containsExactly("CLIENT_BOUND " + fachverfahren + " " + reviewer.id(),
                        "CLIENT_UNBOUND " + fachverfahren + " " + reviewer.id(),
                        "CLIENT_BOUND " + fachverfahren + " " + reviewer.id());
        String systemToken = clientCredentials(server, fachverfahren);
        assertError(call(server, "GET", "/client/authority", systemToken, null), 403, "authority_not_active");
        assertError(call(server, "GET", "/client/authority", clientCredentials(server, app), null), 403, "client_not_bound");
        assertError(call(server, "GET", "/client/authority", applicantToken, null), 403, "service_account_required");

        // Applied cannot jump to active; verified is not yet active.
        assertError(call(server, "POST", "/operator/authorities/" + id + "/transitions", reviewerToken,
                Map.of("status", "ACTIVE")), 409, "invalid_transition");
        assertThat(ok(call(server, "POST", "/operator/authorities/" + id + "/transitions", reviewerToken,
                Map.of("status", "VERIFIED", "reason", "Bestellung geprüft"))).path("status").asText()).isEqualTo("VERIFIED");
        assertThat(activeAuthorities(server, applicantToken)).doesNotContain(id);
        assertError(call(server, "GET", "/client/authority", systemToken, null), 403, "authority_not_active");

        JsonNode active = ok(call(server, "POST", "/operator/authorities/" + id + "/transitions", reviewerToken,
                Map.of("status", "ACTIVE")));
        assertThat(active.path("mayAct").asBoolean()).isTrue();
        assertThat(activeAuthorities(server, applicantToken)).contains(id);
        JsonNode acting = ok(call(server, "GET", "/client/authority", systemToken, null));
        assertThat(acting.path("id").asText()).isEqualTo(id);
        assertThat(acting.path("agencyKey").asText()).isEqualTo("09162000");

        ok(call(server, "POST", "/operator/authorities/" + id + "/transitions", reviewerToken,
                Map.of("status", "SUSPENDED", "reason", "Zuständigkeit ungeklärt")));
        assertThat(activeAuthorities(server, applicantToken)).doesNotContain(id);
        assertError(call(server, "GET", "/client/authority", systemToken, null), 403, "authority_not_active");
        assertError(call(server, "POST", "/operator/authorities/" + id + "/transitions", reviewerToken,
                Map.of("status", "APPLIED")), 409, "invalid_transition");

        // Every step with who and when, readable by the authority's own administrator and by the reviewer.
        String reviewerId = reviewer.id();
        String applicantId = userId(server, applicant);
        JsonNode history = ok(call(server, "GET", "/organisations/" + id, applicantToken, null)).path("transitions");
        assertThat(history).extracting(t -> t.path("from").asText(null) + ">" + t.path("to").asText())
                .containsExactly("null>APPLIED", "APPLIED>VERIFIED", "VERIFIED>ACTIVE", "ACTIVE>SUSPENDED");
        assertThat(history).extracting(t -> t.path("actor").asText())
                .containsExactly(applicantId, reviewerId, reviewerId, reviewerId);
        assertThat(history.get(1).path("actorName").asText()).isEqualTo(reviewer.username());
        assertThat(history.get(1).path("reason").asText()).isEqualTo("Bestellung geprüft");
        Instant previous = Instant.EPOCH;
        for (JsonNode step : history) {
            Instant time = Instant.parse(step.path("time").asText());
            assertThat(time).isAfterOrEqualTo(previous).isBefore(Instant.now().plusSeconds(5));
            previous = time;
        }
        assertThat(ok(call(server, "GET", "/operator/authorities/" + id, reviewerToken, null)).path("transitions")).hasSize(4);
    }

    @Test
    void givenPersonRegisteringManyAccountsInADayThenTheRealmsLimitStopsThem(ServicekontoServer server) {
        String person = token(server, user(server));
        setRealmAttributes(server, Map.of("sk.organisations.registrationsPerDay", "2"));
        try {
            created(call(server, "POST", "/organisations", person, organisation("Erste GmbH " + suffix())));
            created(call(server, "POST", "/authorities", person, authority("Erstes Amt " + suffix())));
            String name = "Dritte GmbH " + suffix();
            assertError(call(server, "POST", "/organisations", person, organisation(name)), 429, "registration_limit_reached");
            assertError(call(server, "POST", "/authorities", person, authority("Drittes Amt " + suffix())),
                    429, "registration_limit_reached");
            assertThat(server.admin().get("/realms/servicekonto/organizations?exact=true&search=" + name.replace(" ", "%20")))
                    .as("nothing created").isEmpty();
            // Another person is not affected.
            created(call(server, "POST", "/organisations", token(server, user(server)), organisation(name)));
        } finally {
            setRealmAttributes(server, Map.of("sk.organisations.registrationsPerDay", ""));
        }
    }

    @Test
    void givenRejectedApplicationThenItStaysRejectedAndASuspendedAuthorityCanBeReinstated(ServicekontoServer server) {
        String applicant = user(server);
        String applicantToken = token(server, applicant);
        Operators.Operator reviewer = operators.reviewer();
        String reviewerToken = reviewer.token();
        String rejected = Json.parse(created(call(server, "POST", "/authorities", applicantToken,
                authority("Amt ohne Bestellung " + suffix())))).path("id").asText();

        assertThat(ok(call(server, "POST", "/operator/authorities/" + rejected + "/transitions", reviewerToken,
                Map.of("status", "REJECTED", "reason", "Keine Bestellungsurkunde"))).path("status").asText()).isEqualTo("REJECTED");
        for (String next : List.of("APPLIED", "VERIFIED", "ACTIVE", "SUSPENDED")) {
            assertError(call(server, "POST", "/operator/authorities/" + rejected + "/transitions", reviewerToken,
                    Map.of("status", next)), 409, "invalid_transition");
        }
        JsonNode history = ok(call(server, "GET", "/organisations/" + rejected, applicantToken, null)).path("transitions");
        assertThat(history).extracting(t -> t.path("from").asText(null) + ">" + t.path("to").asText())
                .containsExactly("null>APPLIED", "APPLIED>REJECTED");
        assertThat(history.get(1).path("actor").asText()).isEqualTo(reviewer.id());
        assertThat(history.get(1).path("reason").asText()).isEqualTo("Keine Bestellungsurkunde");
        assertThat(Instant.parse(history.get(1).path("time").asText())).isBefore(Instant.now().plusSeconds(5));
        assertThat(activeAuthorities(server, applicantToken)).doesNotContain(rejected);

        String reinstated = Json.parse(created(call(server, "POST", "/authorities", applicantToken,
                authority("Amt mit Pause " + suffix())))).path("id").asText();
        for (String status : List.of("VERIFIED", "ACTIVE", "SUSPENDED")) {
            ok(call(server, "POST", "/operator/authorities/" + reinstated + "/transitions", reviewerToken, Map.of("status", status)));
        }
        assertThat(activeAuthorities(server, applicantToken)).doesNotContain(reinstated);
        assertThat(ok(call(server, "POST", "/operator/authorities/" + reinstated + "/transitions", reviewerToken,
                Map.of("status", "ACTIVE", "reason", "Zuständigkeit geklärt"))).path("mayAct").asBoolean()).isTrue();
        assertThat(activeAuthorities(server, applicantToken)).contains(reinstated);
    }

    @Test
    void givenLoginForAnOrganisationThenTokenAndAssertionCarryItAndAForgedChoiceIsRefused(ServicekontoServer server) {
        String username = user(server);
        String bearer = token(server, username);
        String orgName = "Handelnde GmbH " + suffix();
        String orgId = Json.parse(created(call(server, "POST", "/organisations", bearer, organisation(orgName)))).path("id").asText();
        // The person's authority is still under review: not offered, not acceptable.
        String pendingAuthority = Json.parse(created(call(server, "POST", "/authorities", bearer,
                authority("Amt in Prüfung " + suffix())))).path("id").asText();
        String foreignOrg = Json.parse(created(call(server, "POST", "/organisations", token(server, user(server)),
                organisation("Fremde GmbH " + suffix())))).path("id").asText();

        // OIDC with scope sk-organisation: the choice page lists exactly the organisation that may act.
        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> choice = toChoice(flow.browser(),
                flow.login(flow.authorize(Map.of("scope", "openid sk-organisation")), username, PASSWORD));
        assertThat(choice.statusCode()).as(choice.body()).isEqualTo(200);
        Document page = Jsoup.parse(choice.body(), choice.uri().toString());
        assertThat(page.select("form#sk-organisation-choice input[name=actingFor]")).extracting(e -> e.val())
                .containsExactly("personal", orgId);
        assertThat(page.select("legend").text()).contains("für sich selbst oder für eine Organisation");

        for (String forged : List.of(foreignOrg, pendingAuthority, "not-an-id")) {
            choice = choose(flow.browser(), choice, forged);
            assertThat(choice.statusCode()).as(forged).isEqualTo(400);
            assertThat(choice.body()).contains("Für diese Organisation können Sie nicht handeln");
        }
        JsonNode tokens = flow.exchange(flow.callback(choose(flow.browser(), choice, orgId)).get("code"));
        for (String jwt : List.of(tokens.path("id_token").asText(), tokens.path("access_token").asText())) {
            JsonNode organisation = Json.jwtClaims(jwt).path("organisation");
            assertThat(organisation.path("id").asText()).isEqualTo(orgId);
            assertThat(organisation.path("name").asText()).isEqualTo(orgName);
            assertThat(organisation.path("role").asText()).isEqualTo("admin");
            assertThat(organisation.path("kind").asText()).isEqualTo("organisation");
        }
        assertThat(tokens.path("scope").asText().split(" ")).contains("sk-organisation");

        // Acting as oneself: no organisation. Without the scope: no page and no organisation.
        OidcFlow personal = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> personalChoice = toChoice(personal.browser(),
                personal.login(personal.authorize(Map.of("scope", "openid sk-organisation")), username, PASSWORD));
        JsonNode personalTokens = personal.exchange(personal.callback(choose(personal.browser(), personalChoice, "personal")).get("code"));
        assertThat(Json.jwtClaims(personalTokens.path("id_token").asText()).has("organisation")).isFalse();
        OidcFlow plain = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        JsonNode plainTokens = plain.exchange(plain.callback(plain.login(plain.authorize(Map.of()), username, PASSWORD)).get("code"));
        assertThat(Json.jwtClaims(plainTokens.path("id_token").asText()).has("organisation")).isFalse();

        // SAML: a portal asking for the choice by client attribute receives the organisation as attributes.
        String entityId = "urn:test:organisation:" + UUID.randomUUID();
        SamlFlow.SpCredentials credentials = SamlFlow.newCredentials("org-" + suffix());
        SamlFlow.registerPortal(server.admin(), entityId, credentials, SAML_ACS, Map.of("sk.organisation.choice", "true"),
                Map.of("sk-saml-organisation-mapper", Map.of()), true);
        SamlFlow saml = new SamlFlow(server.realmUri(), entityId, SAML_ACS, credentials);
        HttpResponse<String> samlChoice = toChoice(saml.browser(), saml.login(saml.authnRequest(null, List.of()), username, PASSWORD));
        HttpResponse<String> refused = saml.submitForm(samlChoice, "form#sk-organisation-choice", Map.of("actingFor", foreignOrg));
        assertThat(refused.statusCode()).isEqualTo(400);
        SamlFlow.SamlResponse response = saml.response(saml.submitForm(refused, "form#sk-organisation-choice",
                Map.of("actingFor", orgId)));
        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(response.attributeValues("sk-organisation-id")).containsExactly(orgId);
        assertThat(response.attributeValues("sk-organisation-name")).containsExactly(orgName);
        assertThat(response.attributeValues("sk-organisation-role")).containsExactly("admin");
        assertThat(response.attributeValues("sk-organisation-kind")).containsExactly("organisation");
    }

    @Test
    void givenAChoiceInOneLoginThenLaterLoginsAndOtherPortalsOfTheSameSessionStartAsThePersonAgain(ServicekontoServer server) {
        String username = user(server);
        String orgId = Json.parse(created(call(server, "POST", "/organisations", token(server, username),
                organisation("Sitzung GmbH " + suffix())))).path("id").asText();
        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> choice = toChoice(flow.browser(),
                flow.login(flow.authorize(Map.of("scope", "openid sk-organisation")), username, PASSWORD));
        JsonNode tokens = flow.exchange(flow.callback(choose(flow.browser(), choice, orgId)).get("code"));
        assertThat(Json.jwtClaims(tokens.path("id_token").asText()).path("organisation").path("id").asText()).isEqualTo(orgId);

        // The completed form posted again yields no second code.
        HttpResponse<String> replay = choose(flow.browser(), choice, orgId);
        assertThat(replay.headers().firstValue("Location").orElse("")).as(replay.body()).doesNotContain("code=");

        // The same portal again in the same browser: asked again; as oneself there is no organisation.
        OidcFlow again = flow.again();
        HttpResponse<String> page = again.follow(again.authorize(Map.of("scope", "openid sk-organisation")));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode personal = again.exchange(again.callback(choose(again.browser(), page, "personal")).get("code"));
        assertThat(Json.jwtClaims(personal.path("id_token").asText()).has("organisation")).isFalse();
        assertThat(Json.jwtClaims(personal.path("access_token").asText()).has("organisation")).isFalse();

        // Another portal of the same session that carries the scope by default (no scope parameter) is asked too.
        String defaultScoped = "org-default-" + suffix();
        created(server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", defaultScoped, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + defaultScoped,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "defaultClientScopes", List.of("basic", "sk-organisation"))));
        OidcFlow other = flow.forClient(defaultScoped, "secret-" + defaultScoped, DEMO_OIDC_REDIRECT);
        HttpResponse<String> otherPage = other.follow(other.authorize(Map.of()));
        assertThat(otherPage.statusCode()).as(otherPage.body()).isEqualTo(200);
        assertThat(Jsoup.parse(otherPage.body()).select("form#sk-organisation-choice")).isNotEmpty();
        JsonNode otherTokens = other.exchange(other.callback(choose(other.browser(), otherPage, "personal")).get("code"));
        assertThat(Json.jwtClaims(otherTokens.path("access_token").asText()).has("organisation")).isFalse();

        // An OIDC portal asking by client attribute (no scope parameter) receives the organisation chosen.
        String byAttribute = "org-attribute-" + suffix();
        created(server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", byAttribute, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + byAttribute,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("sk.organisation.choice", "true"))));
        OidcFlow attributeFlow = new OidcFlow(server.realmUri(), byAttribute, "secret-" + byAttribute, DEMO_OIDC_REDIRECT);
        HttpResponse<String> attributeChoice = toChoice(attributeFlow.browser(),
                attributeFlow.login(attributeFlow.authorize(Map.of()), username, PASSWORD));
        JsonNode attributeTokens = attributeFlow.exchange(attributeFlow.callback(choose(attributeFlow.browser(), attributeChoice, orgId))
                .get("code"));
        assertThat(Json.jwtClaims(attributeTokens.path("id_token").asText()).path("organisation").path("id").asText()).isEqualTo(orgId);
    }

    @Test
    void givenMemberRemovedAfterLoginThenTheRefreshedTokenNoLongerCarriesTheOrganisation(ServicekontoServer server) {
        String owner = token(server, user(server));
        String orgName = "Wechselnde OHG " + suffix();
        String orgId = Json.parse(created(call(server, "POST", "/organisations", owner, organisation(orgName)))).path("id").asText();
        // Membership is Keycloak's: a member added in the admin console is a member here too (role user).
        String member = user(server);
        String memberId = userId(server, member);
        HttpResponse<String> added = server.admin().post("/realms/servicekonto/organizations/" + orgId + "/members", memberId);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> choice = toChoice(flow.browser(),
                flow.login(flow.authorize(Map.of("scope", "openid sk-organisation")), member, PASSWORD));
        JsonNode tokens = flow.exchange(flow.callback(choose(flow.browser(), choice, orgId)).get("code"));
        JsonNode organisation = Json.jwtClaims(tokens.path("access_token").asText()).path("organisation");
        assertThat(organisation.path("id").asText()).isEqualTo(orgId);
        assertThat(organisation.path("role").asText()).isEqualTo("user");
        assertThat(Json.jwtClaims(flow.refresh(tokens.path("refresh_token").asText()).path("access_token").asText())
                .path("organisation").path("id").asText()).isEqualTo(orgId);

        assertThat(call(server, "DELETE", "/organisations/" + orgId + "/members/" + memberId, owner, null).statusCode()).isEqualTo(204);
        JsonNode refreshed = flow.refresh(tokens.path("refresh_token").asText());
        assertThat(refreshed.path("access_token").asText()).isNotEmpty();
        assertThat(Json.jwtClaims(refreshed.path("access_token").asText()).has("organisation")).isFalse();
        assertThat(Json.jwtClaims(refreshed.path("id_token").asText()).has("organisation")).isFalse();
    }

    // --- helpers ---

    /** Runs the calls at the same moment, each on its own thread, and returns their answers in order. */
    @SafeVarargs
    private static List<HttpResponse<String>> parallel(java.util.concurrent.Callable<HttpResponse<String>>... calls) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls.length);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (var call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (var future : futures) {
                answers.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void withdraw(ServicekontoServer server, String bearer, String orgId, String email) {
        String invitation = null;
        for (JsonNode i : ok(call(server, "GET", "/organisations/" + orgId + "/invitations", bearer, null)).path("invitations")) {
            if (i.path("email").asText().equals(email)) {
                invitation = i.path("id").asText();
            }
        }
        assertThat(invitation).as(email).isNotNull();
        assertThat(call(server, "DELETE", "/organisations/" + orgId + "/invitations/" + invitation, bearer, null).statusCode())
                .isEqualTo(204);
    }

    /** Sets (or, with an empty value, removes) realm attributes; Keycloak drops attributes missing from an update. */
    private static void setRealmAttributes(ServicekontoServer server, Map<String, String> attributes) {
        Map<String, String> merged = new LinkedHashMap<>();
        server.admin().get("/realms/servicekonto").path("attributes").fields()
                .forEachRemaining(e -> merged.put(e.getKey(), e.getValue().asText()));
        attributes.forEach((key, value) -> {
            if (value.isEmpty()) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        HttpResponse<String> updated = server.admin().put("/realms/servicekonto", Map.of("attributes", merged));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    /** Keycloak answers the finished login form with a redirect to the required action, which shows the page. */
    private static HttpResponse<String> toChoice(BrowserlessClient browser, HttpResponse<String> afterLogin) {
        assertThat(afterLogin.statusCode()).as(afterLogin.body()).isEqualTo(302);
        URI location = afterLogin.uri().resolve(afterLogin.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPath()).endsWith("/login-actions/required-action");
        return browser.get(location);
    }

    private static HttpResponse<String> choose(BrowserlessClient browser, HttpResponse<String> page, String value) {
        Element form = Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form#sk-organisation-choice");
        assertThat(form).as(page.body()).isNotNull();
        return browser.postForm(URI.create(form.absUrl("action")), Map.of("actingFor", value));
    }

    private static List<String> activeAuthorities(ServicekontoServer server, String bearer) {
        List<String> ids = new ArrayList<>();
        ok(call(server, "GET", "/authorities/active", bearer, null)).path("authorities").forEach(a -> ids.add(a.path("id").asText()));
        return ids;
    }

    private static Map<String, String> roles(ServicekontoServer server, String bearer, String orgId) {
        Map<String, String> roles = new LinkedHashMap<>();
        ok(call(server, "GET", "/organisations/" + orgId + "/members", bearer, null)).path("members")
                .forEach(m -> roles.put(m.path("id").asText(), m.path("role").asText()));
        return roles;
    }

    private static HttpResponse<String> call(ServicekontoServer server, String method, String path, String bearer, Object body) {
        return send(server, method, path, bearer, body == null ? null : Json.write(body));
    }

    private static HttpResponse<String> send(ServicekontoServer server, String method, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/sk-organisations" + path))
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return Http.send(HttpClient.newHttpClient(), request.build());
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        return Json.parse(response.body());
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = Json.parse(response.body());
        assertThat(error.path("error").asText()).as(response.body()).isEqualTo(code);
        assertThat(error.path("error_description").asText()).isNotBlank();
    }

    private static String user(ServicekontoServer server) {
        String username = "org-" + suffix();
        created(server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", "Olga", "lastName", "Organisiert",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1980-01-01")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))));
        return username;
    }

    private static String userId(ServicekontoServer server, String username) {
        return server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0).path("id").asText();
    }

    private static String token(ServicekontoServer server, String username) {
        OidcFlow flow = new OidcFlow(server.realmUri(), app, "secret-" + app, DEMO_OIDC_REDIRECT);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD)).get("code"))
                .path("access_token").asText();
    }

    private static String clientCredentials(ServicekontoServer server, String clientId) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":secret-" + clientId).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.realmUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    private static MimeMessage mailTo(ServicekontoServer server, String address) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (MimeMessage message : server.mail().getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                    return message;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail to " + address);
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(message)
                .replace("=\r\n", "").replace("=3D", "=").replace("&amp;", "&")
                .replace("=C3=A4", "ä").replace("=C3=B6", "ö").replace("=C3=BC", "ü").replace("=E2=80=9E", "„")
                .replace("=E2=80=9C", "“");
    }

    private static String urlEncode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
