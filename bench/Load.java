import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for bench/run.sh and bench/faults.sh (run with {@code java bench/Load.java ...}).
 *
 * <pre>
 * open URL USER:PASS BODY_FILE RATE SECONDS PREFIX [OUT_FILE [WARMUP_SECONDS]]
 *     Open model: request i is due at start + i/RATE whatever earlier answers did, and its latency is
 *     measured from that intended time (no coordinated omission). "@ID@" in the body becomes
 *     PREFIX + i. Prints one JSON line; OUT_FILE ("-" for none) gets "id status" per request.
 *     WARMUP_SECONDS first runs the same load unrecorded (IDs PREFIX + "w" + i), so this client's
 *     own JIT warm-up does not show as server latency.
 * each URL USER:PASS BODY_FILE IDS_FILE
 *     Sends the body once per id in IDS_FILE (one a line), one after the other; prints "id status body".
 * </pre>
 * Loopback only: the URL must point at 127.0.0.1 or localhost.
 */
public class Load {

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[1]);
        if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString(args[2].getBytes(StandardCharsets.UTF_8));
        String template = Files.readString(Path.of(args[3]));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newFixedThreadPool(2)).build();
        switch (args[0]) {
            case "open" -> {
                int warmup = args.length > 8 ? Integer.parseInt(args[8]) : 0;
                if (warmup > 0) {
                    open(client, base, auth, template, Integer.parseInt(args[4]), warmup, args[6] + "w", null, false);
                }
                open(client, base, auth, template, Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6],
                        args.length > 7 && !"-".equals(args[7]) ? Path.of(args[7]) : null, true);
            }
            case "each" -> each(client, base, auth, template, Files.readAllLines(Path.of(args[4])));
            default -> throw new IllegalArgumentException("mode: open | each");
        }
        System.exit(0);
    }

    static HttpRequest request(URI url, String auth, String body) {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static void open(HttpClient client, URI url, String auth, String template, int rate, int seconds, String prefix,
            Path out, boolean report) throws Exception {
        int total = rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long[] latency = new long[total];
        int[] status = new int[total];
        List<CompletableFuture<Void>> pending = new ArrayList<>(total);
        long start = System.nanoTime() + 50_000_000L;
        int late = 0;
        for (int i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -periodNanos) {
                late++;
            }
            int n = i;
            pending.add(client.sendAsync(request(url, auth, template.replace("@ID@", prefix + n)),
                            HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        latency[n] = System.nanoTime() - intended;
                        status[n] = failure != null ? -1 : response.statusCode();
                        return null;
                    }));
        }
        long sentAt = System.nanoTime();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(seconds + 30L, TimeUnit.SECONDS);
        if (!report) {
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (int s : status) {
            byStatus.merge(s, 1, Integer::sum);
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        int non2xx = 0;
        for (int s : status) {
            if (s < 200 || s > 299) {
                non2xx++;
            }
        }
        System.out.printf(java.util.Locale.ROOT,
                "{\"requests\":%d,\"rate\":%d,\"seconds\":%.2f,\"sendSeconds\":%.2f,\"lateSends\":%d,"
                        + "\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,\"p999\":%.2f,\"max\":%.2f,\"non2xx\":%d,\"status\":\"%s\"}%n",
                total, rate, elapsed, (sentAt - start) / 1e9, late, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                ms(sorted, 0.999), sorted[total - 1] / 1e6, non2xx, byStatus.toString().replace(" ", ""));
        if (out != null) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < total; i++) {
                lines.append(prefix).append(i).append(' ').append(status[i]).append('\n');
            }
            Files.writeString(out, lines);
        }
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static void each(HttpClient client, URI url, String auth, String template, List<String> ids) throws Exception {
        for (String id : ids) {
            if (id.isBlank()) {
                continue;
            }
            HttpResponse<String> response = client.send(request(url, auth, template.replace("@ID@", id.strip())),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println(id.strip() + " " + response.statusCode() + " " + response.body().replace('\n', ' '));
        }
    }
}
