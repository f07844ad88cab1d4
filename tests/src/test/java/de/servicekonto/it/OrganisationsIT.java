package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
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
    private static String reviewer;
    private static String verifier;

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
        reviewer = user(server);
        grantRealmRole(server, reviewer, "sk-authority-reviewer");
        verifier = user(server);
        grantRealmRole(server, verifier, "sk-organisation-verifier");
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

        HttpResponse<String> invited = call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", bob + "@example.org"));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", bob + "@example.org")), 409, "invitation_pending");
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", aliceToken,
                Map.of("email", "nobody-" + suffix() + "@example.org")), 404, "no_personal_account");
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/invitations", aliceToken, null)).path("invitations"))
                .extracting(i -> i.path("email").asText()).containsExactly(bob + "@example.org");

        // The German mail with Keycloak's invitation link; Bob opens it, confirms, and is a member.
        MimeMessage mail = mailTo(server, bob + "@example.org");
        assertThat(mail.getSubject()).isEqualTo("Einladung in das Organisationskonto „" + name + "“");
        String body = body(mail);
        assertThat(body).contains("im Namen dieser Organisation");
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
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/invitations", aliceToken, null)).path("invitations")).isEmpty();
        String aliceId = userId(server, alice);
        String bobId = userId(server, bob);
        assertThat(roles(server, aliceToken, id)).containsEntry(aliceId, "ADMIN").containsEntry(bobId, "USER");

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
        assertError(call(server, "GET", "/organisations/" + id, aliceToken, null), 404, "not_found");

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
            assertError(answer, 404, "not_found");
        }
        // Nor is any operator endpoint open to a member.
        assertError(call(server, "POST", "/operator/organisations/" + b + "/verify", memberOfA, null), 403, "forbidden");
        assertError(call(server, "GET", "/operator/authorities", memberOfA, null), 403, "forbidden");
        assertThat(roles(server, token(server, ownerOfB), b)).containsExactly(Map.entry(ownerId, "ADMIN"));
    }

    @Test
    void givenOperatorVerifiesOrganisationThenWhoAndWhenAreRecorded(ServicekontoServer server) {
        String owner = token(server, user(server));
        String id = Json.parse(created(call(server, "POST", "/organisations", owner, organisation("Geprueft AG " + suffix()))))
                .path("id").asText();
        assertError(call(server, "POST", "/operator/organisations/" + id + "/verify", owner, null), 403, "forbidden");
        // The authority reviewer's role is not the verifier's.
        assertError(call(server, "POST", "/operator/organisations/" + id + "/verify", token(server, reviewer), null), 403, "forbidden");

        String verifierToken = token(server, verifier);
        JsonNode toCheck = ok(call(server, "GET", "/operator/organisations/" + id, verifierToken, null));
        assertThat(toCheck.path("registerNumber").asText()).isEqualTo("HRB 12345");
        assertThat(toCheck.path("verified").asBoolean()).isFalse();
        assertError(call(server, "GET", "/operator/organisations/" + id, owner, null), 403, "forbidden");

        Instant before = Instant.now().minusSeconds(5);
        JsonNode verified = ok(call(server, "POST", "/operator/organisations/" + id + "/verify", token(server, verifier), null));
        assertThat(verified.path("verified").asBoolean()).isTrue();
        assertThat(verified.path("verifiedBy").asText()).isEqualTo(userId(server, verifier));
        assertThat(Instant.parse(verified.path("verifiedAt").asText())).isAfter(before).isBefore(Instant.now().plusSeconds(5));
        assertThat(ok(call(server, "GET", "/organisations/" + id, owner, null)).path("verified").asBoolean()).isTrue();
        assertError(call(server, "POST", "/operator/organisations/" + UUID.randomUUID() + "/verify", token(server, verifier), null),
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

        String reviewerToken = token(server, reviewer);
        assertThat(ok(call(server, "GET", "/operator/authorities", reviewerToken, null)).path("authorities"))
                .extracting(a -> a.path("id").asText()).contains(id);
        assertThat(activeAuthorities(server, applicantToken)).doesNotContain(id);

        // The applicant (no operator) cannot move it on, neither can the organisation verifier.
        assertError(call(server, "POST", "/operator/authorities/" + id + "/transitions", applicantToken,
                Map.of("status", "ACTIVE")), 403, "forbidden");
        assertError(call(server, "POST", "/operator/authorities/" + id + "/transitions", token(server, verifier),
                Map.of("status", "VERIFIED")), 403, "forbidden");
        assertError(call(server, "PUT", "/operator/authorities/" + id + "/clients/" + fachverfahren, applicantToken, null),
                403, "forbidden");

        // Its Fachverfahren is bound, but cannot act for it yet; an unbound client acts for no authority.
        assertThat(call(server, "PUT", "/operator/authorities/" + id + "/clients/" + fachverfahren, reviewerToken, null)
                .statusCode()).isEqualTo(204);
        assertError(call(server, "PUT", "/operator/authorities/" + id + "/clients/" + DEMO_OIDC_CLIENT, reviewerToken, null),
                400, "no_service_account");
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
        String reviewerId = userId(server, reviewer);
        String applicantId = userId(server, applicant);
        JsonNode history = ok(call(server, "GET", "/organisations/" + id, applicantToken, null)).path("transitions");
        assertThat(history).extracting(t -> t.path("from").asText(null) + ">" + t.path("to").asText())
                .containsExactly("null>APPLIED", "APPLIED>VERIFIED", "VERIFIED>ACTIVE", "ACTIVE>SUSPENDED");
        assertThat(history).extracting(t -> t.path("actor").asText())
                .containsExactly(applicantId, reviewerId, reviewerId, reviewerId);
        assertThat(history.get(1).path("actorName").asText()).isEqualTo(reviewer);
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

    private static Map<String, Object> organisation(String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("legalForm", "GmbH");
        data.put("registerType", "HRB");
        data.put("registerNumber", "HRB 12345");
        data.put("registerCourt", "Amtsgericht München");
        data.put("street", "Musterstraße 1");
        data.put("postalCode", "80331");
        data.put("city", "München");
        data.put("contactEmail", "kontakt@example.org");
        return data;
    }

    private static Map<String, Object> authority(String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("street", "Rathausplatz 1");
        data.put("postalCode", "80331");
        data.put("city", "München");
        data.put("responsiblePerson", "Dr. Maria Muster");
        data.put("agencyKey", "09162000");
        data.put("contactEmail", "poststelle@example.org");
        return data;
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

    private static void grantRealmRole(ServicekontoServer server, String username, String role) {
        JsonNode model = server.admin().get("/realms/servicekonto/roles/" + role);
        HttpResponse<String> granted = server.admin().post("/realms/servicekonto/users/" + userId(server, username)
                + "/role-mappings/realm", List.of(model));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
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
