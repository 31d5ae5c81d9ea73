package io.ttgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ttgateway.support.Fixtures;
import io.ttgateway.support.Packaged;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Starts the packaged application itself (jar, or the native binary where one was built), the way a
 * container does, to see the prod profile's start-up and shutdown from outside. It inherits the
 * environment failsafe sets (pom.xml) and changes it per test.
 */
class ProdStartupIT {

    private static final Duration START = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void startUpStopsWithOneLineNamingExactlyTheMissingSettings() throws Exception {
        Path log = Path.of("target", "prod-startup-missing.log");
        Process app = launch(Map.of("QUARKUS_HTTP_PORT", String.valueOf(freePort())),
                List.of("WEBHOOK_PASSWORD", "TOKEN_ENCRYPTION_KEY"), log);

        assertThat(app.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
        assertThat(app.exitValue()).isNotZero();
        String output = Files.readString(log);
        String line = output.lines().filter(l -> l.contains("Missing required setting(s):")).findFirst().orElseThrow(
                () -> new AssertionError("no line naming the missing settings in:\n" + output));
        assertThat(line).contains("Missing required setting(s): WEBHOOK_PASSWORD, TOKEN_ENCRYPTION_KEY")
                .doesNotContain("PARTNER_API_PASSWORD", "THUMBTACK_CLIENT_ID", "THUMBTACK_CLIENT_SECRET");
        assertThat(output).doesNotContain("Listening on:").doesNotContain("it-client-secret");
    }

    /**
     * The packaged application carries no dev or test credential: under any other profile a NORMAL launch
     * still needs every prod secret, and says which ones are missing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "test", "staging"})
    void anotherProfileGetsNoDevOrTestCredentialsAndRefusesToStartWithoutTheSecrets(String profile) throws Exception {
        Path log = Path.of("target", "prod-startup-profile-" + profile + ".log");
        Process app = launch(Map.of("QUARKUS_HTTP_PORT", String.valueOf(freePort()), "QUARKUS_PROFILE", profile),
                List.of("WEBHOOK_PASSWORD", "PARTNER_API_PASSWORD", "TOKEN_ENCRYPTION_KEY", "THUMBTACK_CLIENT_ID",
                        "THUMBTACK_CLIENT_SECRET", "THUMBTACK_V1_USERNAME", "THUMBTACK_V1_PASSWORD"), log);
        try {
            assertThat(app.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
            assertThat(app.exitValue()).isNotZero();
            String output = Files.readString(log);
            String line = output.lines().filter(l -> l.contains("Missing required setting(s):")).findFirst().orElseThrow(
                    () -> new AssertionError("no line naming the missing settings in:\n" + output));
            assertThat(line).contains("THUMBTACK_CLIENT_ID", "THUMBTACK_CLIENT_SECRET", "WEBHOOK_PASSWORD",
                    "PARTNER_API_PASSWORD", "TOKEN_ENCRYPTION_KEY");
            assertThat(output).doesNotContain("Listening on:");
        } finally {
            app.destroyForcibly();
        }
    }

    /** Placeholders, public dev/test values and short passwords stop the start; the values are never printed. */
    @Test
    void placeholderPublicAndShortSecretsStopTheStartNamingEachOneButNotItsValue() throws Exception {
        Path log = Path.of("target", "prod-startup-unsafe.log");
        Process app = launch(Map.of("QUARKUS_HTTP_PORT", String.valueOf(freePort()),
                "WEBHOOK_PASSWORD", "REPLACE_WITH_LONG_RANDOM_PASSWORD",
                "PARTNER_API_PASSWORD", "Sh0rt-but-r4nd",
                "TOKEN_ENCRYPTION_KEY", "ZGV2LW9ubHktdG9rZW4ta2V5LW5vdC1mb3ItcHJvZCE="), List.of(), log);
        try {
            assertThat(app.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("the process ends by itself").isTrue();
            assertThat(app.exitValue()).isNotZero();
            String output = Files.readString(log);
            String line = output.lines().filter(l -> l.contains("Unsafe setting(s):")).findFirst().orElseThrow(
                    () -> new AssertionError("no line naming the unsafe settings in:\n" + output));
            assertThat(line).contains("WEBHOOK_PASSWORD", "PARTNER_API_PASSWORD", "TOKEN_ENCRYPTION_KEY")
                    .doesNotContain("THUMBTACK_CLIENT_SECRET");
            assertThat(output).doesNotContain("Listening on:").doesNotContain("REPLACE_WITH_LONG_RANDOM_PASSWORD")
                    .doesNotContain("Sh0rt-but-r4nd").doesNotContain("ZGV2LW9ubHktdG9rZW4ta2V5LW5vdC1mb3ItcHJvZCE=");
        } finally {
            app.destroyForcibly();
        }
    }

    @Test
    void sigtermTurnsReadinessDownWhileStillServingThenExits() throws Exception {
        int port = freePort();
        Path log = Path.of("target", "prod-startup-shutdown.log");
        Process app = launch(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port), "QUARKUS_SHUTDOWN_DELAY", "4S"),
                List.of(), log);
        try {
            awaitStatus(port, "/q/health/ready", s -> s == 200, START);
            assertThat(output(log)).contains("\"level\":\"INFO\"").as("prod logs are JSON lines");

            app.destroy(); // SIGTERM, as the kubelet sends it
            awaitStatus(port, "/q/health/ready", s -> s == 503, Duration.ofSeconds(3));
            assertThat(app.isAlive()).as("still in the pre-shutdown delay").isTrue();
            String leadId = Fixtures.newId();
            assertThat(postLead(port, leadId)).as("webhooks are still taken during the delay").isEqualTo(200);
            assertThat(Packaged.count("select count(*) from lead where lead_id = ?", leadId)).isEqualTo(1);

            assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("exits within the grace period").isTrue();
            assertThat(output(log)).contains("stopped in");
        } finally {
            app.destroyForcibly();
        }
    }

    private Process launch(Map<String, String> set, List<String> unset, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(set);
        unset.forEach(builder.environment()::remove);
        return builder.start();
    }

    /** What quarkus-artifact.properties says the build produced: a fast-jar or a native executable. */
    private static List<String> command() throws IOException {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        if ("native".equals(artifact.getProperty("type"))) {
            command.add(path.toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-jar");
            command.add(path.toString());
        }
        return command;
    }

    private void awaitStatus(int port, String path, IntPredicate wanted, Duration within) {
        Duration requestTimeout = Duration.ofMillis(Math.min(5000, within.toMillis()));
        Awaitility.await(path + " reaching the wanted status").atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> statusOf(port, path, requestTimeout), wanted::test);
    }

    /** The answer's status, or -1 while the process is not listening yet or too busy starting to answer. */
    private int statusOf(int port, String path, Duration timeout) throws Exception {
        try {
            return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException | java.net.http.HttpTimeoutException notAnsweringYet) {
            return -1;
        }
    }

    private int postLead(int port, String leadId) throws Exception {
        String credentials = "thumbtack:" + Packaged.setting("it.webhook.password");
        HttpRequest request = HttpRequest.newBuilder(uri(port, "/v1/lead"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.lead(leadId, Fixtures.newId()).toString()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String output(Path log) throws IOException {
        return Files.readString(log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
