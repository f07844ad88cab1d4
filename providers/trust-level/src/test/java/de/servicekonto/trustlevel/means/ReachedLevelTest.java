package de.servicekonto.trustlevel.means;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReachedLevelTest {

    @Test
    void givenAPasswordLoginWithoutMeansNoteThenNiedrigByPassword() {
        assertThat(ReachedLevel.of("1", Map.of())).contains(new ReachedLevel(1, "Benutzername"));
    }

    @Test
    void givenTheMeansNoteOfTheReachedLevelThenThatMeansAndNotAnotherLevels() {
        Map<String, String> notes = Map.of("sk-means.3", "eID", "sk-means.1", "Benutzername");
        assertThat(ReachedLevel.of("3", notes)).contains(new ReachedLevel(3, "eID"));
        assertThat(ReachedLevel.of("2", Map.of("sk-means.3", "eID"))).contains(new ReachedLevel(2, null));
    }

    @Test
    void givenNoLevelOrAGarbledNoteThenNothingReached() {
        assertThat(ReachedLevel.of(null, Map.of())).isEmpty();
        assertThat(ReachedLevel.of("0", Map.of())).isEmpty();
        assertThat(ReachedLevel.of("-1", Map.of())).isEmpty();
        assertThat(ReachedLevel.of("drei", Map.of())).isEmpty();
        assertThat(ReachedLevel.of(null, null)).isEmpty();
    }

    @Test
    void givenAnOverlongMeansNoteThenCutToTheBound() {
        assertThat(ReachedLevel.of("3", Map.of("sk-means.3", "x".repeat(500))).orElseThrow().means())
                .hasSize(ReachedLevel.MAX_MEANS);
    }
}
