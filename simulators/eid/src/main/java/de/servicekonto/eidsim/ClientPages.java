package de.servicekonto.eidsim;

import java.util.List;

import static de.servicekonto.eidsim.Xml.escape;

/** The German pages the simulated eID-Client shows in the browser. */
final class ClientPages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1b1b1b}"
            + "main{max-width:42rem;margin:2rem auto;padding:0 1rem}"
            + "li{margin:.5rem 0}a{color:#0b4f9c}a:focus{outline:3px solid #f2a900;outline-offset:2px}"
            + ".hint{border-left:4px solid #f2a900;padding:.25rem .75rem;background:#fff8e5}";

    private ClientPages() {
    }

    /**
     * Lets a developer pick the identity to present: each link repeats the request with {@code identity=…}, the
     * last one cancels as the citizen would in the AusweisApp.
     */
    static String choice(String clientPath, String tcTokenUrl, List<Identity> identities) {
        String base = clientPath + "?tcTokenURL=" + Urls.encode(tcTokenUrl) + "&identity=";
        StringBuilder items = new StringBuilder();
        String cancelLink = "";
        for (Identity identity : identities) {
            String href = escape(base + Urls.encode(identity.id()));
            if (identity.cancelsLogin()) {
                cancelLink = "<p><a href=\"" + href + "\">Abbrechen</a></p>";
            } else {
                items.append("<li><a href=\"").append(href).append("\">").append(escape(identity.label()))
                        .append("</a></li>");
            }
        }
        return page("Testidentität wählen – eID-Simulator",
                "<h1>Mit welcher Testidentität möchten Sie sich ausweisen?</h1>"
                        + "<p class=\"hint\">Dies ist der eID-Simulator für Entwicklung und Tests. Er ersetzt die "
                        + "AusweisApp und einen echten Personalausweis. Es werden keine echten Daten übermittelt.</p>"
                        + "<h2 id=\"identities\">Testidentitäten</h2>"
                        + "<ul aria-labelledby=\"identities\">" + items + "</ul>"
                        + "<h2>Nicht ausweisen</h2>"
                        + "<p>Der Vorgang wird abgebrochen, als hätten Sie in der AusweisApp auf „Abbrechen“ "
                        + "geklickt.</p>"
                        + cancelLink);
    }

    /** An error page; {@code detail} is the technical reason and helps developers. */
    static String error(String heading, String explanation, String detail) {
        return page(heading + " – eID-Simulator",
                "<h1>" + escape(heading) + "</h1>"
                        + "<p>" + escape(explanation) + "</p>"
                        + (detail == null ? "" : "<h2>Technische Details</h2><p><code>" + escape(detail)
                        + "</code></p>"));
    }

    private static String page(String title, String content) {
        return "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + STYLE + "</style></head>"
                + "<body><main>" + content + "</main></body></html>\n";
    }
}
