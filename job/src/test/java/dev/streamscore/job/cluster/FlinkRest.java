package dev.streamscore.job.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The few calls of Flink's REST API a cluster drill needs: submit a jar ({@code /jars/upload} then
 * {@code /jars/<id>/run}, which runs its {@code main} inside the JobManager), a job's state and
 * its tasks' states, its checkpoint statistics, a job metric, cancel.
 */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FlinkRest(String base) {
        this.base = base;
    }

    /** Whether the REST API answers at all. */
    boolean answers() throws InterruptedException {
        try {
            return http.send(get("/overview", Duration.ofSeconds(5)), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (ConnectException | HttpTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false; // the server is starting and closed the connection
        }
    }

    /** Uploads {@code jar} and runs its {@code main} with {@code args}; returns the job id. */
    String submit(Path jar, List<String> args) throws IOException, InterruptedException {
        String boundary = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(String.format("--%s\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"%s\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n", boundary, jar.getFileName()).getBytes(UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(String.format("\r\n--%s--\r\n", boundary).getBytes(UTF_8));
        JsonNode uploaded = send(HttpRequest.newBuilder(URI.create(base + "/jars/upload"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", String.format("multipart/form-data; boundary=%s", boundary))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        String jarId = Path.of(uploaded.path("filename").asText()).getFileName().toString();
        JsonNode run = send(HttpRequest.newBuilder(URI.create(String.format("%s/jars/%s/run", base, jarId)))
                .timeout(Duration.ofSeconds(180))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("programArgsList", args))))
                .build());
        return run.path("jobid").asText();
    }

    /** {@code /jobs/<id>}: {@code state}, and {@code vertices[].status}. */
    JsonNode job(String jobId) throws IOException, InterruptedException {
        return send(get(String.format("/jobs/%s", jobId), Duration.ofSeconds(10)));
    }

    /** Whether the job and every one of its tasks are RUNNING. */
    boolean allRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = job(jobId);
        if (!job.path("state").asText().equals("RUNNING") || job.path("vertices").isEmpty()) {
            return false;
        }
        for (JsonNode v : job.path("vertices")) {
            if (!v.path("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return true;
    }

    /** {@code /jobs/<id>/checkpoints}: counts, {@code latest.completed}, {@code latest.restored}. */
    JsonNode checkpoints(String jobId) throws IOException, InterruptedException {
        return send(get(String.format("/jobs/%s/checkpoints", jobId), Duration.ofSeconds(10)));
    }

    /** The id of the checkpoint the job last restored from, if any. */
    OptionalLong restoredCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode restored = checkpoints(jobId).path("latest").path("restored");
        return restored.has("id") ? OptionalLong.of(restored.path("id").asLong()) : OptionalLong.empty();
    }

    /** {@code /jobs/<id>/checkpoints/details/<checkpoint>}: e.g. its {@code trigger_timestamp}. */
    JsonNode checkpoint(String jobId, long checkpointId) throws IOException, InterruptedException {
        return send(get(String.format("/jobs/%s/checkpoints/details/%d", jobId, checkpointId), Duration.ofSeconds(10)));
    }

    /** A job metric of the JobManager (e.g. {@code numRestarts}), or empty while it is not reported yet. */
    OptionalLong jobMetric(String jobId, String name) throws IOException, InterruptedException {
        for (JsonNode m : send(get(String.format("/jobs/%s/metrics?get=%s", jobId, name), Duration.ofSeconds(10)))) {
            if (m.path("id").asText().equals(name)) {
                return OptionalLong.of(m.path("value").asLong());
            }
        }
        return OptionalLong.empty();
    }

    /** Cancels the job (its checkpoints are kept, as the cluster's configuration says). */
    void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(String.format("%s/jobs/%s?mode=cancel", base, jobId)))
                .timeout(Duration.ofSeconds(30)).method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest get(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build();
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(String.format("%s %s: HTTP %d %s", request.method(), request.uri(),
                    response.statusCode(), response.body()));
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
