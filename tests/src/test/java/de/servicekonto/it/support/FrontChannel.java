package de.servicekonto.it.support;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.FormElement;

/**
 * What a browser does between a relying party and the server without a person's help: follow redirects and send
 * the forms that post themselves (SAML's POST binding). The tests of real SP software go through it.
 */
public final class FrontChannel {

    private FrontChannel() {
    }

    public static HttpResponse<String> follow(BrowserlessClient browser, HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int i = 0; i < 10 && current.statusCode() / 100 == 3; i++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            current = browser.navigate(current.uri().resolve(location));
        }
        return current;
    }

    /** Submits the form {@code selector} of the page with its own fields, {@code extra} added or replaced. */
    public static HttpResponse<String> submit(BrowserlessClient browser, HttpResponse<String> page, String selector,
                                              Map<String, String> extra) {
        if (!(Jsoup.parse(page.body(), page.uri().toString()).selectFirst(selector) instanceof FormElement form)) {
            throw new IllegalStateException("no " + selector + " on " + page.uri() + " (" + page.statusCode() + "):\n"
                    + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.formData().forEach(field -> fields.put(field.key(), field.value()));
        fields.putAll(extra);
        return browser.postForm(URI.create(form.absUrl("action")), fields);
    }

    public static boolean isPasswordPage(HttpResponse<String> page) {
        return page.statusCode() == 200 && page.body().contains("kc-form-login");
    }

    /** Types username and password into Keycloak's login form; follows the redirects that come back. */
    public static HttpResponse<String> password(BrowserlessClient browser, HttpResponse<String> loginPage,
                                                String username, String password) {
        return follow(browser, submit(browser, loginPage, "form#kc-form-login",
                Map.of("username", username, "password", password)));
    }

    /** Sends the self-posting SAML form (SAMLResponse or SAMLRequest) of the page; follows the redirects. */
    public static HttpResponse<String> postSaml(BrowserlessClient browser, HttpResponse<String> page) {
        String selector = page.body().contains("SAMLResponse") ? "form:has(input[name=SAMLResponse])"
                : "form:has(input[name=SAMLRequest])";
        return follow(browser, submit(browser, page, selector, Map.of()));
    }

    /**
     * Follows redirects and sends self-posting SAML forms until a page comes that is neither: the site, a login
     * page or an error.
     */
    public static HttpResponse<String> throughSaml(BrowserlessClient browser, HttpResponse<String> response) {
        HttpResponse<String> current = follow(browser, response);
        for (int i = 0; i < 6 && current.statusCode() == 200
                && (current.body().contains("name=\"SAMLResponse\"") || current.body().contains("name=\"SAMLRequest\"")); i++) {
            current = postSaml(browser, current);
        }
        return current;
    }
}
