package de.servicekonto.eidsim;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void defaultsToTheAusweisAppPortsAndTheChoicePage() throws Exception {
        EidSimulator.Settings settings = CommandLine.parse(new String[] {"--dir", "sim"}).orElseThrow();

        assertThat(settings.directory()).isEqualTo(Path.of("sim"));
        assertThat(settings.clientPort()).isEqualTo(24727);
        assertThat(settings.serverPort()).isEqualTo(24728);
        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.defaultIdentity()).isNull();
    }

    @Test
    void readsEveryOptionInBothForms() throws Exception {
        EidSimulator.Settings settings = CommandLine.parse(new String[] {
                "--dir=/tmp/sim", "--server-port", "0", "--client-port=1234", "--bind", "0.0.0.0",
                "--identity", "jonas"}).orElseThrow();

        assertThat(settings.directory()).isEqualTo(Path.of("/tmp/sim"));
        assertThat(settings.serverPort()).isZero();
        assertThat(settings.clientPort()).isEqualTo(1234);
        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.defaultIdentity()).isEqualTo("jonas");
        assertThat(CommandLine.parse(new String[] {"--dir", "d", "--identity", "choose"}).orElseThrow()
                .defaultIdentity()).isNull();
    }

    @Test
    void helpWinsOverEverythingElse() throws Exception {
        assertThat(CommandLine.parse(new String[] {"--help"})).isEmpty();
        assertThat(CommandLine.parse(new String[] {"--dir", "d", "--help"})).isEmpty();
        assertThat(CommandLine.USAGE).contains("--dir", "--server-port", "--identity", "erika", "no-address");
    }

    @Test
    void rejectsBadArguments() {
        for (String[] args : new String[][] {
                {},
                {"--server-port", "24728"},
                {"--dir"},
                {"--dir", "d", "--server-port", "70000"},
                {"--dir", "d", "--client-port", "abc"},
                {"--dir", "d", "--identity", "nobody"},
                {"--dir", "d", "--dir", "e"},
                {"--dir", "d", "--verbose"},
                {"--dir", "d", "extra"}}) {
            assertThatThrownBy(() -> CommandLine.parse(args)).as(String.join(" ", args))
                    .isInstanceOf(CommandLine.UsageException.class);
        }
        assertThat(CommandLine.EXIT_USAGE).isEqualTo(2);
    }
}
