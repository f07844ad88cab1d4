package de.servicekonto.eidsim;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class UrlsTest {

    @Test
    void appendsToQueryOrStartsOne() {
        assertThat(Urls.appendQuery("https://a.example/r", "ResultMajor=ok"))
                .isEqualTo("https://a.example/r?ResultMajor=ok");
        assertThat(Urls.appendQuery("https://a.example/r?x=1", "ResultMajor=ok"))
                .isEqualTo("https://a.example/r?x=1&ResultMajor=ok");
        assertThat(Urls.appendQuery("https://a.example/r?", "ResultMajor=ok"))
                .isEqualTo("https://a.example/r?ResultMajor=ok");
        assertThat(Urls.appendQuery("https://a.example/r?x=1#top", "ResultMajor=ok"))
                .isEqualTo("https://a.example/r?x=1&ResultMajor=ok#top");
    }

    @Test
    void fetchesTcTokensOnlyOverHttpsOrFromThisMachine() {
        assertThat(Urls.isFetchableTcTokenUrl(URI.create("https://portal.example/tc"))).isTrue();
        assertThat(Urls.isFetchableTcTokenUrl(URI.create("http://localhost:8080/tc"))).isTrue();
        assertThat(Urls.isFetchableTcTokenUrl(URI.create("http://127.0.0.1:8080/tc"))).isTrue();
        assertThat(Urls.isFetchableTcTokenUrl(URI.create("http://[::1]:8080/tc"))).isTrue();
        assertThat(Urls.isFetchableTcTokenUrl(URI.create("http://portal.example/tc"))).isFalse();
        assertThat(Urls.isFetchableTcTokenUrl(URI.create("http://127.0.0.2/tc"))).isFalse();
        assertThat(Urls.parseHttpUrl("ftp://127.0.0.1/tc")).isNull();
        assertThat(Urls.parseHttpUrl("/relative")).isNull();
    }
}
