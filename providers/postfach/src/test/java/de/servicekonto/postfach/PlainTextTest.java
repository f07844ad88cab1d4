package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void givenPlainTextThenUnchanged() {
        String text = "Sehr geehrte Damen und Herren,\n3 < 4 und Müller & Söhne > alles.";
        assertThat(PlainText.of(text)).isSameAs(text);
        assertThat(PlainText.of(null)).isNull();
    }

    @Test
    void givenHtmlThenOnlyItsTextRemainsWithoutScriptsOrAttributes() {
        String html = "<p>Guten Tag,</p><p>bitte <b onclick=\"steal()\">hier</b> <a href=\"javascript:x()\">klicken</a>"
                + "<script>alert('x')</script><style>p{}</style><img src=x onerror=alert(1)>.<br>M&uuml;ller &amp; Co</p>";

        String text = PlainText.of(html);

        assertThat(text).isEqualTo("Guten Tag,\nbitte hier klicken.\nMüller & Co");
        assertThat(text).doesNotContain("<", "alert", "javascript", "onclick", "steal");
    }
}
