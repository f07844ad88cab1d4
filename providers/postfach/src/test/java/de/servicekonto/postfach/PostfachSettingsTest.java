package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostfachSettingsTest {

    @Test
    void givenNoAttributesThenDefaults() {
        assertThat(PostfachSettings.read(name -> null)).isEqualTo(PostfachSettings.defaults());
        assertThat(PostfachSettings.defaults().maxAttachmentBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(PostfachSettings.defaults().maxAttachments()).isEqualTo(5);
        assertThat(PostfachSettings.defaults().countLimit()).isEqualTo(1000);
    }

    @Test
    void givenValidAttributesThenUsed() {
        Map<String, String> attributes = Map.of(PostfachSettings.MAX_ATTACHMENT_BYTES, "1000",
                PostfachSettings.MAX_ATTACHMENTS, "2", PostfachSettings.UNDO_SECONDS, "60",
                PostfachSettings.NOTICE_RULE, "third-day", PostfachSettings.COUNT_LIMIT, "2");
        PostfachSettings settings = PostfachSettings.read(attributes::get);
        assertThat(settings).isEqualTo(new PostfachSettings(1000, 2, Duration.ofSeconds(60), NoticeRule.THIRD_DAY_AFTER_PROVISION,
                2));
    }

    @Test
    void givenOutOfRangeOrGarbageThenDefaultsNotUnlimited() {
        Map<String, String> attributes = Map.of(PostfachSettings.MAX_ATTACHMENT_BYTES, "-1",
                PostfachSettings.MAX_ATTACHMENTS, "1000", PostfachSettings.UNDO_SECONDS, "abc",
                PostfachSettings.NOTICE_RULE, "never", PostfachSettings.COUNT_LIMIT, "0");
        assertThat(PostfachSettings.read(attributes::get)).isEqualTo(PostfachSettings.defaults());
    }

    @Test
    void givenAnAttachmentLimitAboveWhatOneRequestCarriesThenClampedToTheHttpBodyLimit() {
        for (String value : List.of("10485761", String.valueOf(100L * 1024 * 1024), "999999999999999999")) {
            assertThat(PostfachSettings.read(Map.of(PostfachSettings.MAX_ATTACHMENT_BYTES, value)::get).maxAttachmentBytes())
                    .as(value).isEqualTo(10L * 1024 * 1024);
        }
        // More than 18 digits is no number to BoundedSetting, the house's reader of operators' numbers: the default.
        assertThat(PostfachSettings.read(Map.of(PostfachSettings.MAX_ATTACHMENT_BYTES, "9223372036854775807")::get)
                .maxAttachmentBytes()).isEqualTo(PostfachSettings.defaults().maxAttachmentBytes());
        assertThat(PostfachSettings.read(Map.of(PostfachSettings.MAX_ATTACHMENT_BYTES, "10485760")::get)
                .maxAttachmentBytes()).isEqualTo(PostfachSettings.MAX_ATTACHMENT_BYTES_LIMIT);
    }
}
