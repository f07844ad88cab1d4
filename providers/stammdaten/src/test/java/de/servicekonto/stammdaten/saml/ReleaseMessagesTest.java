package de.servicekonto.stammdaten.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages of {@code sk-bundid-release} find every text they name, in German and in English. */
class ReleaseMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void givenEveryReleasableAttributeThenItsLabelIsInTheBundle(String locale) throws IOException {
        Properties messages = load("/theme-resources/messages/messages_" + locale + ".properties");
        for (String name : BundIdAttributes.names()) {
            String key = "skReleaseAttr." + BundIdAttributes.source(name).orElseThrow();
            assertThat(messages.getProperty(key)).as(key + " in " + locale).isNotBlank();
        }
        for (ReleasePlan.Origin origin : ReleasePlan.Origin.values()) {
            assertThat(messages.getProperty("skReleaseOrigin." + origin.name())).as(origin + " in " + locale).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void givenTheTemplateThenEveryFixedKeyItNamesIsInTheBundle(String locale) throws IOException {
        Properties messages = load("/theme-resources/messages/messages_" + locale + ".properties");
        String template;
        try (InputStream in = getClass().getResourceAsStream("/theme-resources/templates/" + ReleaseAction.TEMPLATE)) {
            assertThat(in).isNotNull();
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> keys = new TreeSet<>();
        Matcher literal = Pattern.compile("msg\\(\"(skRelease[A-Za-z.]+)\"").matcher(template);
        while (literal.find()) {
            // A prefix ("skReleaseTitle." + step) is completed below.
            if (!literal.group(1).endsWith(".")) {
                keys.add(literal.group(1));
            }
        }
        assertThat(keys).contains("skReleaseAccept", "skReleaseDecline", "skReleaseCardButton");
        for (String step : new String[] {"consent", "data", "card"}) {
            keys.add("skReleaseTitle." + step);
        }
        for (String key : keys) {
            assertThat(messages.getProperty(key)).as(key + " in " + locale).isNotBlank();
        }
    }

    private Properties load(String resource) throws IOException {
        Properties messages = new Properties();
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return messages;
    }
}
