package dev.orchestrator.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orchestrator.agent.cli.OrchestratorCommand;
import dev.orchestrator.api.Role;
import dev.orchestrator.secret.SecretMasker;
import dev.orchestrator.testsupport.IntegrationTest;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Who may talk to the agent, and what it never says: SPEC 7's security rules, over real HTTP. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ApiSecurityTest {

    private static final String CANARY = "canary-4f1e9b2d77";

    @RegisterExtension
    final LiveAgent agent = new LiveAgent("""
            pipelines:
              - id: leaky
                params: { password: "${CANARY}" }
                tasks:
                  - id: shout
                    connector: shell
                    connector_config: { token: "${CANARY}" }
                    action: run
                    action_kwargs: { command: sh, args: ["-c", "echo the secret is ${CANARY} >&2; echo ${CANARY}; exit 3"] }
                    retry: { times: 0 }
            """, "CANARY=" + CANARY + "\n");

    @Test
    void everyEndpointButHealthRefusesAMissingOrWrongToken() {
        List<Route> routes = agent.agent().routes();
        assertThat(routes).hasSizeGreaterThan(25);
        for (Route route : routes) {
            String path = route.template().replaceAll("\\{[a-z_]+}", "x1");
            for (Optional<String> token : List.of(
                    Optional.<String>empty(), Optional.of("wrong"), Optional.of(agent.token + "x"), Optional.of(""))) {
                Request.Builder request = new Request.Builder().url(agent.url(path));
                token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
                if (!route.method().equals("GET")) {
                    request.method(route.method(), RequestBody.create("{}", LiveAgent.JSON_TYPE));
                }
                LiveAgent.Answer answer = agent.send(request.build());
                if (route.public_()) {
                    assertThat(answer.status()).as(route.toString()).isEqualTo(200);
                } else {
                    assertThat(answer.status())
                            .as(route + " with token " + token)
                            .isEqualTo(401);
                    assertThat(answer.json(agent.json).get("error").asText()).isEqualTo("unauthorized");
                }
            }
        }
    }

    @Test
    void theSchemeAndTheHostAreMatchedWhateverTheirCaseAndA401SaysWhichSchemeToUse() {
        for (String scheme : List.of("bearer", "BEARER", "Bearer")) {
            LiveAgent.Answer answer = agent.send(new Request.Builder()
                    .url(agent.url("/pipelines"))
                    .header("Authorization", scheme + " " + agent.token)
                    .build());
            assertThat(answer.status()).as(scheme).isEqualTo(200);
        }
        assertThat(agent.send(agent.request("/pipelines")
                                .header("Host", "LocalHost:1")
                                .build())
                        .status())
                .isEqualTo(200);

        try (Response refused = agent.http
                .newCall(new Request.Builder().url(agent.url("/pipelines")).build())
                .execute()) {
            assertThat(refused.code()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theTokenFileIsTheOwnersOnlyAndTheDefaultBindIsLoopback() throws Exception {
        Set<PosixFilePermission> permissions =
                Files.getPosixFilePermissions(agent.home().resolve("token"));
        assertThat(permissions)
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(agent.token).hasSizeGreaterThanOrEqualTo(32);

        CommandLine run =
                new CommandLine(new OrchestratorCommand()).getSubcommands().get("run");
        assertThat(run.getCommandSpec().findOption("--bind").defaultValue()).isEqualTo("127.0.0.1");
    }

    @Test
    void aForeignHostHeaderIsRefusedWhileBoundToLoopback() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", agent.agent().port())) {
            socket.getOutputStream()
                    .write(("GET /pipelines HTTP/1.1\r\nHost: attacker.example:8765\r\n" + "Authorization: Bearer "
                                    + agent.token + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("\"error\":\"forbidden\"");
        }
        assertThat(agent.send(agent.request("/pipelines")
                                .header("Host", "localhost:1")
                                .build())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anAuthenticatedJsonBodyIsReadWhateverItsDeclaredTypeAndLimitedToAMegabyte() throws Exception {
        // plain `curl -d` declares a form; the original tool read the JSON anyway. A cross-site form cannot send
        // the bearer token, so the declared type guards nothing here
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain")) {
            LiveAgent.Answer started = agent.send(agent.request("/trigger/leaky")
                    .post(RequestBody.create("{\"params\": {\"region\": \"x\"}}", okhttp3.MediaType.get(type)))
                    .build());
            assertThat(started.status()).as(type + " -> " + started.body()).isEqualTo(200);
            agent.awaitEnd(started.json(agent.json).get("run_id").asText());
        }
        LiveAgent.Answer untyped = agent.send(agent.request("/trigger/leaky")
                .post(RequestBody.create("{}", (okhttp3.MediaType) null))
                .build());
        assertThat(untyped.status()).as(untyped.body()).isEqualTo(200);
        agent.awaitEnd(untyped.json(agent.json).get("run_id").asText());
        // what is not JSON is refused as the wrong kind of body when it does not claim to be JSON, as bad JSON
        // when it does
        LiveAgent.Answer form = agent.send(agent.request("/trigger/leaky")
                .post(RequestBody.create("params=1", okhttp3.MediaType.get("application/x-www-form-urlencoded")))
                .build());
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.json(agent.json).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(form.json(agent.json).get("message").asText()).contains("JSON");
        assertThat(agent.post("/trigger/leaky", "params=1").status()).isEqualTo(400);

        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytes, (byte) ' ');
        LiveAgent.Answer huge = agent.send(agent.request("/api/v1/validate")
                .post(RequestBody.create(tenMegabytes, LiveAgent.JSON_TYPE))
                .build());
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json(agent.json).get("error").asText()).isEqualTo("payload_too_large");
        assertThat(agent.get("/pipelines").status()).isEqualTo(200); // and it goes on answering
    }

    @Test
    void theSecretNeverAppearsInAnyAnswer() throws Exception {
        String runId = agent.post("/trigger/leaky", "{}")
                .json(agent.json)
                .get("run_id")
                .asText();
        agent.awaitEnd(runId);

        Map<String, Integer> paths = Map.ofEntries(
                Map.entry("/pipeline/leaky", 200),
                Map.entry("/pipelines", 200),
                Map.entry("/api/v1/runs/" + runId, 200),
                Map.entry("/api/v1/runs/" + runId + "/logs", 200),
                Map.entry("/api/v1/runs", 200),
                Map.entry("/api/v1/logs", 200),
                Map.entry("/api/v1/logs?q=secret", 200),
                Map.entry("/api/v1/logs/export.csv", 200),
                Map.entry("/api/v1/runs/export.csv", 200),
                Map.entry("/api/v1/pipelines/leaky/source", 200),
                Map.entry("/pipeline/" + CANARY, 404),
                Map.entry("/api/v1/runs/" + CANARY, 404),
                Map.entry("/api/v1/runs?pipeline=" + CANARY, 200));
        paths.forEach((path, status) -> {
            LiveAgent.Answer answer = agent.get(path);
            assertThat(answer.status()).as(path).isEqualTo(status);
            assertThat(answer.body()).as(path).doesNotContain(CANARY);
        });
        assertThat(agent.get("/api/v1/logs?q=secret")
                        .json(agent.json)
                        .get("total")
                        .asLong())
                .isPositive();
        assertThat(agent.get("/api/v1/logs/export.csv").body()).contains("the secret is ***");
        LiveAgent.Answer detail = agent.get("/api/v1/runs/" + runId);
        assertThat(detail.json(agent.json).get("status").asText()).isEqualTo("failed");
        assertThat(agent.get("/api/v1/runs/" + runId + "/logs").body()).contains("the secret is ***");
        assertThat(agent.get("/pipeline/leaky")
                        .json(agent.json)
                        .get("params")
                        .get("password")
                        .asText())
                .isEqualTo("***");
        LiveAgent.Answer error = agent.get("/pipeline/" + CANARY);
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.json(agent.json).get("message").asText()).contains("***");
        LiveAgent.Answer validate = agent.post(
                "/api/v1/validate",
                agent.json.writeValueAsString(Map.of(
                        "text",
                        "pipelines:\n  - id: x\n    tasks: [{ id: " + CANARY + ", connector: nope, action: run }]\n")));
        assertThat(validate.body()).doesNotContain(CANARY);
    }

    @IntegrationTest
    @Test
    void servesHttpsWithAConfiguredKeystore(@TempDir Path directory) throws Exception {
        Path keystore = directory.resolve("agent.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "agent",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        TlsSettings tls = new TlsSettings(keystore, "changeit".toCharArray());
        try (ApiServer server = ApiServer.start(
                "127.0.0.1",
                0,
                Optional.of(tls),
                "t".repeat(40),
                List.of(Route.get("/ping", request -> Map.of("pong", true)).requires(Role.VIEWER)),
                new ObjectMapper(),
                SecretMasker::none)) {
            assertThat(server.url()).startsWith("https://");
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                trusted.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            OkHttpClient client = new OkHttpClient.Builder()
                    .sslSocketFactory(context.getSocketFactory(), (X509TrustManager) trust.getTrustManagers()[0])
                    .build();
            try (Response response = client.newCall(new Request.Builder()
                            .url(server.url() + "/ping")
                            .header("Authorization", "Bearer " + "t".repeat(40))
                            .build())
                    .execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.body().string()).isEqualTo("{\"pong\":true}");
                assertThat(response.handshake()).isNotNull();
            }
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> new TlsSettings(keystore, "wrong".toCharArray()).context()))
                .hasMessageContaining("PKCS12");
    }
}
