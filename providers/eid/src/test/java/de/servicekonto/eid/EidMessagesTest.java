package de.servicekonto.eid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EidMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"de", "en"})
    void givenEveryResultThenBothBundlesHaveItsMessage(String locale) throws IOException {
        Properties messages = new Properties();
        try (var in = getClass().getResourceAsStream("/theme-resources/messages/messages_" + locale + ".properties")) {
            assertThat(in).isNotNull();
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        for (EidResult result : EidResult.values()) {
            assertThat(messages.getProperty(result.messageKey())).as(result + " in " + locale).isNotBlank();
        }
    }

    @org.junit.jupiter.api.Test
    void givenGermanBundleThenEnglishHasExactlyTheSameKeys() throws IOException {
        assertThat(load("en").keySet()).isEqualTo(load("de").keySet());
    }

    private Properties load(String locale) throws IOException {
        Properties messages = new Properties();
        try (var in = getClass().getResourceAsStream("/theme-resources/messages/messages_" + locale + ".properties")) {
            messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return messages;
    }
}
