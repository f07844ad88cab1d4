package de.servicekonto.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a citizen does in an eID login, step by step, against the real server and the simulated eID-Client:
 * the button's link, the eID-Client's redirect to the RefreshAddress, the confirmation page.
 */
public final class EidLogin {

    private final ServicekontoServer server;

    public EidLogin(ServicekontoServer server) {
        this.server = server;
    }

    /** The href of the "Mit Online-Ausweis anmelden" button on an eID page. */
    public static URI buttonLink(HttpResponse<String> page) {
        Element button = Jsoup.parse(page.body(), page.uri().toString()).selectFirst("a#sk-eid-start");
        if (button == null) {
            throw new IllegalStateException("no eID button on " + page.uri() + " (" + page.statusCode() + "):\n" + page.body());
        }
        return URI.create(button.attr("href"));
    }

    /** The TC Token URL inside an eID-Client link. */
    public static URI tcTokenUrl(URI buttonLink) {
        return URI.create(BrowserlessClient.query(buttonLink).get("tcTokenURL"));
    }

    /** The browser opens the eID-Client link; the simulated eID-Client reads the card of {@code identity}. */
    public static HttpResponse<String> eidClient(BrowserlessClient browser, URI buttonLink, String identity) {
        HttpResponse<String> answer = browser.get(URI.create(buttonLink + "&identity="
                + URLEncoder.encode(identity, StandardCharsets.UTF_8)));
        if (answer.statusCode() != 303) {
            throw new IllegalStateException("eID-Client answered " + answer.statusCode() + ":\n" + answer.body());
        }
        return answer;
    }

    /** Where the eID-Client sends the browser (the RefreshAddress with the result parameters). */
    public static URI location(HttpResponse<String> redirect) {
        return URI.create(redirect.headers().firstValue("Location").orElseThrow());
    }

    /** Button, eID-Client and return to the RefreshAddress: the page or redirect Keycloak answers with. */
    public static HttpResponse<String> readCard(BrowserlessClient browser, HttpResponse<String> eidPage, String identity) {
        return browser.get(location(eidClient(browser, buttonLink(eidPage), identity)));
    }

    /** Submits a form of the page by the id of its button. */
    public static HttpResponse<String> press(BrowserlessClient browser, HttpResponse<String> page, String buttonId) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element button = document.selectFirst("button#" + buttonId);
        if (button == null) {
            throw new IllegalStateException("no button #" + buttonId + " on " + page.uri() + ":\n" + page.body());
        }
        Element form = button.closest("form");
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.put(button.attr("name"), button.attr("value"));
        return browser.postForm(URI.create(form.absUrl("action")), fields);
    }

    /** Confirms the data shown, typing the account's password where the page asks for it. */
    public static HttpResponse<String> confirm(BrowserlessClient browser, HttpResponse<String> page, String password) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element form = document.selectFirst("form#sk-eid-confirm-form");
        if (form == null) {
            throw new IllegalStateException("no confirmation on " + page.uri() + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        if (form.selectFirst("input[name=password]") != null) {
            fields.put("password", password);
        }
        fields.put("confirm", "confirm");
        return browser.postForm(URI.create(form.absUrl("action")), fields);
    }

    public static boolean asksForPassword(HttpResponse<String> page) {
        return page.body().contains("id=\"sk-eid-confirm-password\"");
    }

    /** Reads the card and confirms the data if the page asks for it. */
    public static HttpResponse<String> readCardAndConfirm(BrowserlessClient browser, HttpResponse<String> eidPage, String identity) {
        HttpResponse<String> answer = readCard(browser, eidPage, identity);
        return isConfirmPage(answer) ? press(browser, answer, "sk-eid-confirm") : answer;
    }

    /**
     * On an eID page of a login that has not identified anyone yet: "Mit Benutzername und Passwort anmelden".
     * Returns the password form page.
     */
    public static HttpResponse<String> choosePassword(BrowserlessClient browser, HttpResponse<String> page) {
        return press(browser, page, "sk-eid-password");
    }

    private static HttpResponse<String> choose(BrowserlessClient browser, HttpResponse<String> page, boolean eid) {
        // "Anderen Weg wählen" (Keycloak's own link), then the entry that is (or is not) the ID card.
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element another = document.selectFirst("form#kc-select-try-another-way-form");
        if (another == null) {
            throw new IllegalStateException("no 'try another way' on " + page.uri() + ":\n" + page.body());
        }
        HttpResponse<String> choice = browser.postForm(URI.create(another.absUrl("action")), Map.of("tryAnotherWay", "on"));
        Document choices = Jsoup.parse(choice.body(), choice.uri().toString());
        for (Element item : choices.select("li")) {
            Element form = item.selectFirst("form");
            if (form != null && item.text().contains("Online-Ausweis") == eid) {
                return browser.postForm(URI.create(form.absUrl("action")),
                        Map.of("authenticationExecution", form.selectFirst("input[name=authenticationExecution]").val()));
            }
        }
        throw new IllegalStateException("no such choice on " + choice.uri() + ":\n" + choice.body());
    }

    /** On the password page: "Anderen Weg wählen", then "Online-Ausweis". Returns the eID page. */
    public static HttpResponse<String> chooseEid(BrowserlessClient browser, HttpResponse<String> page) {
        return choose(browser, page, true);
    }

    public static boolean isEidPage(HttpResponse<String> page) {
        return page.statusCode() == 200 && page.body().contains("id=\"sk-eid-start\"");
    }

    public static boolean isConfirmPage(HttpResponse<String> page) {
        return page.statusCode() == 200 && page.body().contains("id=\"sk-eid-confirm-form\"");
    }

    /** The text of the error box of the eID error page, or empty. */
    public static Optional<String> errorText(HttpResponse<String> page) {
        Element box = Jsoup.parse(page.body()).selectFirst("#sk-eid-error");
        return Optional.ofNullable(box).map(Element::text);
    }

    /** The account the card of a simulator identity is linked to, found as an operator would (admin API). */
    public Optional<JsonNode> account(String identity) {
        String q = EidLogin.PSEUDONYM_ATTRIBUTE + ":" + pseudonym(identity);
        JsonNode users = server.admin().get("/realms/servicekonto/users?briefRepresentation=false&q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8));
        return users.size() == 0 ? Optional.empty() : Optional.of(users.get(0));
    }

    /** Deletes the account a card is linked to, if any, so a test starts from a card nobody uses. */
    public void release(String identity) {
        account(identity).ifPresent(user -> server.admin().delete("/realms/servicekonto/users/" + user.path("id").asText()));
    }

    public static final String PSEUDONYM_ATTRIBUTE = "sk-eid-pseudonym";

    /**
     * The stored hash of a simulator identity's card: HMAC-SHA256 of the RestrictedID under the realm's key,
     * computed here independently of the server code. The simulator's RestrictedID is the SHA-256 of its label.
     */
    public String pseudonym(String identity) {
        try {
            byte[] restrictedId = MessageDigest.getInstance("SHA-256")
                    .digest(("servicekonto-eid-simulator:" + identity).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(server.eidPseudonymKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(restrictedId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
