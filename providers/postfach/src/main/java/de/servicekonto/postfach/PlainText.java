package de.servicekonto.postfach;

import java.util.regex.Pattern;
import org.owasp.html.Encoding;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Subjects and bodies are plain text. A client that sends HTML gets it reduced to its text: no element survives,
 * the contents of {@code script} and {@code style} are dropped (OWASP HTML sanitizer, which Keycloak ships), line
 * breaks and paragraphs become new lines, entities become characters. Text without markup stays as it is.
 */
public final class PlainText {

    private static final PolicyFactory NO_ELEMENTS = new HtmlPolicyBuilder().toFactory();
    private static final Pattern MARKUP = Pattern.compile("<[a-zA-Z!/?]");
    private static final Pattern LINE_BREAKS = Pattern.compile("(?i)<br\\s*/?>|</p\\s*>|</div\\s*>|</li\\s*>");

    private PlainText() {
    }

    public static String of(String text) {
        if (text == null || !MARKUP.matcher(text).find()) {
            return text;
        }
        String withBreaks = LINE_BREAKS.matcher(text).replaceAll("\n");
        return Encoding.decodeHtml(NO_ELEMENTS.sanitize(withBreaks), false).strip();
    }
}
