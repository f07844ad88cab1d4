package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Operators;
import de.servicekonto.it.support.Script;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.Tenants;
import de.servicekonto.it.support.TestPaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A municipality's tenant made by the shipped command {@code bin/sk-tenant.sh} of the assembled server, against the
 * shared server with its bootstrap administrator: the realm from the template with its name and logo on the login
 * page, the first tenant administrator who sets the password through the mailed link and then administers users of
 * that realm only, and the help desk, which finds, locks, unlocks and re-confirms citizens' accounts without seeing
 * their Stammdaten. Refusals of the command (bad id, existing realm, missing vault secrets) change nothing.
 */
@ServicekontoServerTest
class TenantIT {

    private static final String NAME = "Stadt Musterstadt & Umland";
    private static final String SITE = "https://www.musterstadt.example";
    private static final String LOGO = "https://www.musterstadt.example/logo.svg";
    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String tenant;
    private static String adminUser;
    private static String adminEmail;
    private static Script.Result created;

    @BeforeAll
    static void createTenant(ServicekontoServer server) throws IOException {
        tenant = "t-" + suffix();
        adminUser = "admin-" + suffix();
        adminEmail = adminUser + "@musterstadt.example";
        Tenants.writeSecrets(server, tenant);
        created = tenantCommand(server, "--realm", tenant, "--name", NAME, "--url", SITE, "--logo-url", LOGO,
                "--admin-user", adminUser, "--admin-email", adminEmail);
        assertThat(created.exitCode()).as(created.output()).isZero();
        // Before any test class method sets the password through the mailed link.
        assertThat(server.admin().get("/realms/" + tenant + "/users?username=" + adminUser + "&exact=true").get(0)
                .path("requiredActions").toString()).contains("UPDATE_PASSWORD");
    }

    @Test
    void givenTheCommand_thenTheRealmHasTheTemplatesSettingsTheTenantsNameAndItsAdministratorInTheGroup(
            ServicekontoServer server) {
        assertThat(created.output()).contains("created realm " + tenant).contains("created tenant administrator " + adminUser)
                .contains("sent " + adminEmail);
        JsonNode realm = server.admin().get("/realms/" + tenant);
        assertThat(realm.path("displayName").asText()).isEqualTo(NAME);
        assertThat(realm.path("browserFlow").asText()).isEqualTo("servicekonto-browser");
        assertThat(realm.path("attributes").path("sk.branding.logoUrl").asText()).isEqualTo(LOGO);
        assertThat(realm.path("attributes").path("sk.branding.url").asText()).isEqualTo(SITE);
        assertThat(realm.path("smtpServer").path("fromDisplayName").asText()).isEqualTo(NAME);
        assertThat(realm.path("smtpServer").path("port").asText()).isEqualTo(String.valueOf(server.mail().getSmtp().getPort()));
        assertThat(server.admin().get("/realms/" + tenant + "/roles/sk-helpdesk").path("name").asText()).isEqualTo("sk-helpdesk");

        JsonNode group = server.admin().get("/realms/" + tenant + "/groups?search=Mandantenadministration&exact=true").get(0);
        JsonNode roles = server.admin().get("/realms/" + tenant + "/groups/" + group.path("id").asText() + "/role-mappings");
        List<String> granted = new ArrayList<>();
        roles.path("clientMappings").path("realm-management").path("mappings").forEach(r -> granted.add(r.path("name").asText()));
        assertThat(granted).contains("manage-users", "view-users", "view-clients", "view-events")
                .doesNotContain("realm-admin", "manage-realm", "impersonation", "manage-identity-providers", "manage-clients");
        JsonNode members = server.admin().get("/realms/" + tenant + "/groups/" + group.path("id").asText() + "/members");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).path("username").asText()).isEqualTo(adminUser);
    }

    @Test
    void givenTheAdministratorsMail_thenItComesFromTheTenantsNameAndShowsItsLogoAndName(ServicekontoServer server)
            throws Exception {
        jakarta.mail.internet.MimeMessage mail = Mails.await(server, adminEmail, 1).get(0);
        assertThat(((jakarta.mail.internet.InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo(NAME);
        // Keycloak's own execute-actions e-mail, in the e-mail theme's frame with the tenant's branding.
        Document html = Jsoup.parse(Mails.html(mail));
        Element logo = html.selectFirst("img[src=\"" + LOGO + "\"]");
        assertThat(logo).as(html.outerHtml()).isNotNull();
        assertThat(logo.attr("alt")).isEqualTo("Logo: " + NAME);
        assertThat(html.selectFirst("table[role=presentation]").text()).isEqualTo(NAME);
        // Nothing else loaded from elsewhere, and no script.
        assertThat(html.select("script, link, iframe, object")).isEmpty();
        assertThat(html.select("img")).hasSize(1);
    }

    @Test
    void givenABadIdAnExistingRealmOrMissingVaultSecrets_thenTheCommandRefusesAndCreatesNothing(ServicekontoServer server)
            throws IOException {
        Script.Result badId = tenantCommand(server, "--realm", "Bad_Id", "--name", NAME, "--url", SITE,
                "--admin-user", "someone", "--admin-email", "someone@example.org");
        assertThat(badId.exitCode()).as(badId.output()).isEqualTo(64);
        assertThat(badId.output()).contains("--realm must be 2 to 40 characters");

        Script.Result again = tenantCommand(server, "--realm", tenant, "--name", "Another", "--url", SITE,
                "--admin-user", "someone", "--admin-email", "someone@example.org");
        assertThat(again.exitCode()).as(again.output()).isEqualTo(73);
        assertThat(again.output()).contains("the realm " + tenant + " exists already");
        assertThat(server.admin().get("/realms/" + tenant).path("displayName").asText()).isEqualTo(NAME);
        assertThat(server.admin().get("/realms/" + tenant + "/users?username=someone&exact=true")).isEmpty();

        String withoutSecrets = "t-" + suffix();
        Script.Result noVault = tenantCommand(server, "--realm", withoutSecrets, "--name", NAME, "--url", SITE,
                "--admin-user", "someone", "--admin-email", "someone@example.org");
        assertThat(noVault.exitCode()).as(noVault.output()).isEqualTo(78);
        assertThat(noVault.output()).contains("nothing created").contains(withoutSecrets + "_sk-postfach-kek")
                .contains(withoutSecrets + "_sk-eid-pseudonym-key");
        assertThat(server.admin().getResponse("/realms/" + withoutSecrets).statusCode()).isEqualTo(404);

        // A template that names a setting other than mail and eID (here the master administrator's password, which
        // the command holds in its environment) is refused before anything is created.
        String greedy = "t-" + suffix();
        Tenants.writeSecrets(server, greedy);
        Path template = Files.createTempFile(TestPaths.workDir(),
                "greedy-template", ".json");
        String shipped = Files.readString(TestPaths.serverDir()
                .resolve("data/import/servicekonto-realm.json"));
        Files.writeString(template, shipped.replaceFirst("\"attributes\": \\{",
                "\"attributes\": { \"leak\": \"\\${SK_ADMIN_PASSWORD}\","));
        assertThat(Files.readString(template)).contains("${SK_ADMIN_PASSWORD}");
        Script.Result leak = tenantCommand(server, "--realm", greedy, "--name", NAME, "--url", SITE,
                "--admin-user", "someone", "--admin-email", "someone@example.org", "--template", template.toString());
        assertThat(leak.exitCode()).as(leak.output()).isEqualTo(64);
        assertThat(leak.output()).contains("only SK_SMTP_*, SK_EID_* and SK_CERTIFICATE_*").doesNotContain(server.adminPassword());
        assertThat(server.admin().getResponse("/realms/" + greedy).statusCode()).isEqualTo(404);
    }

    @Test
    void givenTheTenantsLoginPage_thenItShowsTheTenantsNameAndLogoLinkedToItsSite(ServicekontoServer server) {
        HttpResponse<String> page = accountConsole(server).authorize(Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        Element link = html.selectFirst("#kc-header-wrapper a[href=\"" + SITE + "\"]");
        assertThat(link).as(page.body()).isNotNull();
        assertThat(link.text()).isEqualTo(NAME);
        assertThat(link.selectFirst("img").attr("src")).isEqualTo(LOGO);
    }

    @Test
    void givenTheMailedLink_thenTheTenantAdministratorSetsThePasswordAndManagesUsersOfThisRealmOnly(
            ServicekontoServer server) throws Exception {
        URI link = Mails.confirmationLink(server, adminEmail);
        assertThat(link.toString()).contains("/realms/" + tenant + "/");
        setPassword(new BrowserlessClient(), link, PASSWORD);

        String token = adminConsoleToken(server, adminUser, PASSWORD);
        HttpResponse<String> users = call(server, "GET", "/admin/realms/" + tenant + "/users?max=5", token, null);
        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        HttpResponse<String> made = call(server, "POST", "/admin/realms/" + tenant + "/users", token,
                Map.of("username", "clerk-" + suffix(), "enabled", true));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);

        // No administration role beyond its own to give away: realm-admin of the tenant is refused.
        String clerk = made.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        JsonNode management = Json.parse(call(server, "GET", "/admin/realms/" + tenant + "/clients?clientId=realm-management",
                token, null).body()).get(0);
        HttpResponse<String> realmAdmin = call(server, "GET", "/admin/realms/" + tenant + "/clients/"
                + management.path("id").asText() + "/roles/realm-admin", token, null);
        assertThat(realmAdmin.statusCode()).as(realmAdmin.body()).isEqualTo(200);
        HttpResponse<String> escalation = call(server, "POST", "/admin/realms/" + tenant + "/users/" + clerk
                + "/role-mappings/clients/" + management.path("id").asText(), token, List.of(Json.parse(realmAdmin.body())));
        assertThat(escalation.statusCode()).as(escalation.body()).isEqualTo(403);

        // Not the realm's settings (no manage-realm), and nothing of another realm.
        HttpResponse<String> settings = call(server, "PUT", "/admin/realms/" + tenant, token, Map.of("displayName", "Taken over"));
        assertThat(settings.statusCode()).isEqualTo(403);
        for (String foreign : List.of("/admin/realms/servicekonto/users?max=5", "/admin/realms/master/users?max=5")) {
            HttpResponse<String> answer = call(server, "GET", foreign, token, null);
            assertThat(answer.statusCode()).as(foreign).isIn(401, 403);
        }
    }

    @Test
    void givenTheHelpdesk_thenItFindsLocksUnlocksAndReconfirmsACitizenWithoutSeeingStammdaten(ServicekontoServer server)
            throws Exception {
        String citizen = citizen(server, true);
        String token = helpdeskToken(server);

        HttpResponse<String> found = helpdesk(server, tenant, "GET", "accounts?search=" + citizen + "@example.org", token);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode account = Json.parse(found.body()).path("accounts").get(0);
        assertThat(account.path("username").asText()).isEqualTo(citizen);
        assertThat(account.path("email").asText()).isEqualTo(citizen + "@example.org");
        assertThat(account.path("enabled").asBoolean()).isTrue();
        assertThat(account.path("locked").asBoolean()).isFalse();
        assertThat(account.path("created").asLong()).isPositive();
        // What the help desk may see, and nothing of the Stammdaten stored in the same account.
        List<String> members = new ArrayList<>();
        account.fieldNames().forEachRemaining(members::add);
        // (Members without a value, lockedAt and lastLogin here, are left out of the JSON.)
        assertThat(members).contains("id", "username", "email", "emailVerified", "enabled", "locked", "temporarilyLocked",
                "created").isSubsetOf("id", "username", "email", "emailVerified", "enabled", "locked", "lockedAt",
                "lockedBy", "temporarilyLocked", "created", "lastLogin");
        assertThat(found.body()).doesNotContain("1964-08-12", "Erika", "Mustermann", "Musterstraße");
        String id = account.path("id").asText();

        assertThat(citizenLogin(server, citizen).statusCode()).as("login before the lock").isEqualTo(302);
        assertThat(Json.parse(helpdesk(server, tenant, "GET", "accounts/" + id, token).body()).path("lastLogin").asLong())
                .isPositive();

        HttpResponse<String> locked = helpdesk(server, tenant, "POST", "accounts/" + id + "/lock", token);
        assertThat(locked.statusCode()).as(locked.body()).isEqualTo(200);
        assertThat(Json.parse(locked.body()).path("locked").asBoolean()).isTrue();
        HttpResponse<String> refused = citizenLogin(server, citizen);
        assertThat(refused.statusCode()).as("login while locked").isEqualTo(200);
        assertThat(refused.body()).contains("Ihr Benutzerkonto ist gesperrt");
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + id + "/lock", token))).isEqualTo("409 already_locked");

        HttpResponse<String> unlocked = helpdesk(server, tenant, "POST", "accounts/" + id + "/unlock", token);
        assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(200);
        assertThat(Json.parse(unlocked.body()).path("enabled").asBoolean()).isTrue();
        assertThat(citizenLogin(server, citizen).statusCode()).as("login after the unlock").isEqualTo(302);
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + id + "/unlock", token))).isEqualTo("409 not_locked");
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + id + "/resend-confirmation", token)))
                .isEqualTo("409 already_confirmed");

        // The owner's activity log has both, in the tenant's realm.
        assertThat(server.count("select count(*) from SK_ACTIVITY where USER_ID = ? and TYPE in "
                + "('HELPDESK_LOCKED', 'HELPDESK_UNLOCKED')", id)).isEqualTo(2);

        String unconfirmed = citizen(server, false);
        String otherId = Json.parse(helpdesk(server, tenant, "GET", "accounts?search=" + unconfirmed, token).body())
                .path("accounts").get(0).path("id").asText();
        HttpResponse<String> resent = helpdesk(server, tenant, "POST", "accounts/" + otherId + "/resend-confirmation", token);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
        URI confirmation = Mails.confirmationLink(server, unconfirmed + "@example.org");
        assertThat(confirmation.toString()).contains("/realms/" + tenant + "/");
        // Opened in another browser than the registration's, so Keycloak asks to confirm with one more click.
        BrowserlessClient browser = new BrowserlessClient();
        HttpResponse<String> confirmed = proceed(browser, followAll(browser, confirmation));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(server.admin().get("/realms/" + tenant + "/users/" + otherId).path("emailVerified").asBoolean()).isTrue();
        assertThat(server.count("select count(*) from SK_ACTIVITY where USER_ID = ? and TYPE = 'HELPDESK_CONFIRMATION_RESENT'",
                otherId)).isEqualTo(1);
    }

    @Test
    void givenAnAdministratorKeepsAHelpdeskLockedAccountDisabled_thenTheHelpdeskCannotUnlockIt(ServicekontoServer server) {
        String citizen = citizen(server, true);
        String token = helpdeskToken(server);
        String id = Json.parse(helpdesk(server, tenant, "GET", "accounts?search=" + citizen, token).body())
                .path("accounts").get(0).path("id").asText();
        HttpResponse<String> locked = helpdesk(server, tenant, "POST", "accounts/" + id + "/lock", token);
        assertThat(locked.statusCode()).as(locked.body()).isEqualTo(200);
        assertThat(Json.parse(locked.body()).path("lockedBy").asText()).isEqualTo("helpdesk");

        // The administrator sees the account disabled and saves it so (admin console, kcadm: PUT users/{id}).
        HttpResponse<String> kept = saveAsAdministrator(server, id, false);
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(204);
        JsonNode view = Json.parse(helpdesk(server, tenant, "GET", "accounts/" + id, token).body());
        assertThat(view.path("locked").asBoolean()).isFalse();
        assertThat(view.path("lockedBy").asText()).isEqualTo("administrator");
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + id + "/unlock", token))).isEqualTo("409 account_disabled");
        assertThat(server.admin().get("/realms/" + tenant + "/users/" + id).path("enabled").asBoolean()).isFalse();
        assertThat(citizenLogin(server, citizen).body()).contains("Ihr Benutzerkonto ist gesperrt");

        // Enabled again by the administrator: no lock is left for anyone, and the help desk may lock it anew.
        assertThat(saveAsAdministrator(server, id, true).statusCode()).isEqualTo(204);
        JsonNode open = Json.parse(helpdesk(server, tenant, "GET", "accounts/" + id, token).body());
        assertThat(open.has("lockedBy")).as(open.toString()).isFalse();
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + id + "/unlock", token))).isEqualTo("409 not_locked");
        assertThat(helpdesk(server, tenant, "POST", "accounts/" + id + "/lock", token).statusCode()).isEqualTo(200);
    }

    @Test
    void givenNoTokenACitizenAnotherRealmsHelpdeskOrAnAdministratorsAccount_thenTheHelpdeskApiRefuses(
            ServicekontoServer server) {
        String citizen = citizen(server, true);
        String helpdeskToken = helpdeskToken(server);
        String id = Json.parse(helpdesk(server, tenant, "GET", "accounts?search=" + citizen, helpdeskToken).body())
                .path("accounts").get(0).path("id").asText();

        assertThat(error(helpdesk(server, tenant, "GET", "accounts?search=" + citizen, null))).isEqualTo("401 unauthorized");
        String citizenToken = accountConsoleToken(server, citizen);
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + id + "/lock", citizenToken))).isEqualTo("403 forbidden");

        // A help-desk member of the main realm: the token is no token of the tenant's realm.
        Operators mainRealm = new Operators(server.realmUri(), server.admin());
        String foreign = mainRealm.withCard(Operators.REVIEWER_CARD, "sk-helpdesk").token();
        assertThat(error(helpdesk(server, ServicekontoServer.REALM, "GET", "accounts?search=zzz", foreign)))
                .as("the same member in their own realm").isEqualTo("200 ");
        assertThat(error(helpdesk(server, tenant, "GET", "accounts?search=" + citizen, foreign))).isEqualTo("401 unauthorized");
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + id + "/lock", foreign))).isEqualTo("401 unauthorized");

        // A member of the help desk who logged in with a password: a stronger login is asked for (RFC 9470).
        String member = citizen(server, true);
        String memberId = server.admin().get("/realms/" + tenant + "/users?username=" + member + "&exact=true").get(0)
                .path("id").asText();
        HttpResponse<String> granted = server.admin().post("/realms/" + tenant + "/users/" + memberId
                + "/role-mappings/realm", List.of(server.admin().get("/realms/" + tenant + "/roles/sk-helpdesk")));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
        OidcFlow console = operatorConsole(server);
        String weak = console.exchange(console.callback(console.follow(console.login(console.authorize(Map.of()), member,
                PASSWORD))).get("code")).path("access_token").asText();
        HttpResponse<String> stepUp = helpdesk(server, tenant, "GET", "accounts/" + id, weak);
        assertThat(error(stepUp)).isEqualTo("401 step_up_required");
        assertThat(Json.parse(stepUp.body()).path("acr").asText()).isEqualTo(HIGH);

        String adminId = server.admin().get("/realms/" + tenant + "/users?username=" + adminUser + "&exact=true")
                .get(0).path("id").asText();
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + adminId + "/lock", helpdeskToken)))
                .isEqualTo("403 privileged_account");
        // Staff of the tenant (here an authority reviewer) are no help-desk case either: no lock, no unlock.
        String reviewer = citizen(server, true);
        String reviewerId = server.admin().get("/realms/" + tenant + "/users?username=" + reviewer + "&exact=true").get(0)
                .path("id").asText();
        assertThat(server.admin().post("/realms/" + tenant + "/users/" + reviewerId + "/role-mappings/realm",
                List.of(server.admin().get("/realms/" + tenant + "/roles/sk-authority-reviewer"))).statusCode()).isEqualTo(204);
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + reviewerId + "/lock", helpdeskToken)))
                .isEqualTo("403 privileged_account");
        assertThat(error(helpdesk(server, tenant, "POST", "accounts/" + reviewerId + "/unlock", helpdeskToken)))
                .isEqualTo("403 privileged_account");
        assertThat(error(helpdesk(server, tenant, "GET", "accounts?search=a", helpdeskToken))).isEqualTo("400 invalid_request");
        assertThat(error(helpdesk(server, tenant, "GET", "accounts?search=ab", helpdeskToken))).isEqualTo("400 invalid_request");
        // Keycloak's wildcard would list every account three characters at a time: refused before the search.
        assertThat(error(helpdesk(server, tenant, "GET", "accounts?search=***", helpdeskToken))).isEqualTo("400 invalid_request");
        assertThat(error(helpdesk(server, tenant, "GET", "accounts?search=a**&first=200", helpdeskToken)))
                .isEqualTo("400 invalid_request");
        assertThat(error(helpdesk(server, tenant, "GET", "accounts/no-such-account", helpdeskToken))).isEqualTo("404 not_found");
        assertThat(server.admin().get("/realms/" + tenant + "/users/" + id).path("enabled").asBoolean()).isTrue();
    }

    /** The account as the admin console saves it: the representation it read, with {@code enabled} set. */
    private static HttpResponse<String> saveAsAdministrator(ServicekontoServer server, String id, boolean enabled) {
        ObjectNode user = (ObjectNode) server.admin().get("/realms/" + tenant + "/users/" + id);
        user.put("enabled", enabled);
        return server.admin().put("/realms/" + tenant + "/users/" + id, user);
    }

    // --- the command ---

    private static Script.Result tenantCommand(ServicekontoServer server, String... parameters) {
        return Tenants.command(server, parameters);
    }

    // --- people of the tenant ---

    /** A citizen of the tenant with a password and Stammdaten; returns the user name. */
    private static String citizen(ServicekontoServer server, boolean confirmed) {
        String username = "buerger-" + suffix();
        HttpResponse<String> made = server.admin().post("/realms/" + tenant + "/users", Map.of(
                "username", username, "enabled", true, "firstName", "Erika", "lastName", "Mustermann",
                "email", username + "@example.org", "emailVerified", confirmed,
                "attributes", Map.of("birthdate", List.of("1964-08-12"), "street", List.of("Musterstraße")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return username;
    }

    private static OidcFlow accountConsole(ServicekontoServer server) {
        return new OidcFlow(URI.create(server.baseUri() + "/realms/" + tenant), "account-console", null,
                server.baseUri() + "/realms/" + tenant + "/account/");
    }

    /** The citizen's password login through the account console: 302 back to it, or the page that refused. */
    private static HttpResponse<String> citizenLogin(ServicekontoServer server, String username) {
        OidcFlow flow = accountConsole(server);
        return flow.follow(flow.login(flow.authorize(Map.of()), username, PASSWORD));
    }

    private static String accountConsoleToken(ServicekontoServer server, String username) {
        OidcFlow flow = accountConsole(server);
        HttpResponse<String> back = flow.follow(flow.login(flow.authorize(Map.of()), username, PASSWORD));
        return flow.exchange(flow.callback(back).get("code")).path("access_token").asText();
    }

    /** The tenant's operator client, whose redirect URI {@link #helpdeskToken} registers. */
    private static OidcFlow operatorConsole(ServicekontoServer server) {
        return new OidcFlow(URI.create(server.baseUri() + "/realms/" + tenant), Operators.CONSOLE, null,
                ServicekontoServer.DEMO_OIDC_REDIRECT);
    }

    /** A help-desk member of the tenant: an account made by an ID-card login through the operator client, at hoch. */
    private static String helpdeskToken(ServicekontoServer server) {
        JsonNode client = server.admin().get("/realms/" + tenant + "/clients?clientId=" + Operators.CONSOLE).get(0);
        HttpResponse<String> updated = server.admin().put("/realms/" + tenant + "/clients/" + client.path("id").asText(),
                Map.of("clientId", Operators.CONSOLE, "redirectUris", List.of(ServicekontoServer.DEMO_OIDC_REDIRECT)));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
        OidcFlow flow = operatorConsole(server);
        HttpResponse<String> answer = EidLogin.readCardAndConfirm(flow.browser(),
                flow.authorize(Map.of("acr_values", HIGH)), Operators.VERIFIER_CARD);
        String token = flow.exchange(flow.callback(answer).get("code")).path("access_token").asText();
        assertThat(Json.jwtClaims(token).path("acr").asText()).isEqualTo(HIGH);
        String id = Json.jwtClaims(token).path("sub").asText();
        JsonNode role = server.admin().get("/realms/" + tenant + "/roles/sk-helpdesk");
        HttpResponse<String> granted = server.admin().post("/realms/" + tenant + "/users/" + id + "/role-mappings/realm",
                List.of(role));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
        return token;
    }

    /** The admin console's code flow in the tenant's realm; the realm's profile asks the new administrator's names. */
    private static String adminConsoleToken(ServicekontoServer server, String username, String password) {
        OidcFlow flow = new OidcFlow(URI.create(server.baseUri() + "/realms/" + tenant), "security-admin-console", null,
                server.baseUri() + "/admin/" + tenant + "/console/");
        HttpResponse<String> answer = flow.follow(flow.login(flow.authorize(Map.of()), username, password));
        if (answer.statusCode() == 200) {
            answer = flow.follow(submit(flow.browser(), answer, Map.of("firstName", "Anna", "lastName", "Admin",
                    "birthdate", "1980-01-01")));
        }
        return flow.exchange(flow.callback(answer).get("code")).path("access_token").asText();
    }

    /** Keycloak's execute-actions link: the page that names the action, then the new-password form. */
    private static void setPassword(BrowserlessClient browser, URI link, String password) {
        HttpResponse<String> page = followAll(browser, link);
        if (!page.body().contains("password-new")) {
            page = proceed(browser, page);
        }
        assertThat(page.body()).as("the new-password form").contains("password-new");
        HttpResponse<String> done = followAll(browser, URI.create(
                Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form").absUrl("action")), page,
                Map.of("password-new", password, "password-confirm", password));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).doesNotContain("password-new");
    }

    /** Keycloak's info page before an action token's effect ("Klicken Sie hier, um fortzufahren"), if shown. */
    private static HttpResponse<String> proceed(BrowserlessClient browser, HttpResponse<String> page) {
        Element proceed = Jsoup.parse(page.body(), page.uri().toString()).selectFirst("a[href*=login-actions]");
        return proceed == null ? page : followAll(browser, URI.create(proceed.absUrl("href")));
    }

    private static HttpResponse<String> followAll(BrowserlessClient browser, URI uri) {
        return redirects(browser, browser.get(uri));
    }

    private static HttpResponse<String> followAll(BrowserlessClient browser, URI action, HttpResponse<String> page,
                                                  Map<String, String> values) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : Jsoup.parse(page.body()).select("form input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.putAll(values);
        return redirects(browser, browser.postForm(action, fields));
    }

    private static HttpResponse<String> submit(BrowserlessClient browser, HttpResponse<String> page, Map<String, String> values) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element form = document.selectFirst("form");
        assertThat(form).as(page.body()).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.putAll(values);
        return browser.postForm(URI.create(form.absUrl("action")), fields);
    }

    private static HttpResponse<String> redirects(BrowserlessClient browser, HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int i = 0; i < 8 && current.statusCode() / 100 == 3; i++) {
            current = browser.get(current.uri().resolve(current.headers().firstValue("Location").orElseThrow()));
        }
        return current;
    }

    // --- HTTP ---

    private static HttpResponse<String> helpdesk(ServicekontoServer server, String realm, String method, String path,
                                                 String token) {
        return call(server, method, "/realms/" + realm + "/sk-helpdesk/" + path, token, null);
    }

    private static HttpResponse<String> call(ServicekontoServer server, String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(HTTP, request.build());
    }

    /** "status error" of a refusal; "200 " for a success. */
    private static String error(HttpResponse<String> response) {
        if (response.statusCode() / 100 == 2) {
            return response.statusCode() + " ";
        }
        return response.statusCode() + " " + Json.parse(response.body()).path("error").asText();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
