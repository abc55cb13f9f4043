import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slow-header attack of issue 10, bounded, against a server on this machine only:
 * {@code java src/bench/SlowHeaders.java <port> [connections=300] [bytes-per-connection=1900000] [seconds=60]}.
 *
 * <p>Opens {@code connections} connections to 127.0.0.1, and on each sends a request line and then
 * one header that never ends, a kilobyte at a time, up to {@code bytes-per-connection} bytes or until
 * the server closes the connection, for at most {@code seconds}. Meanwhile it asks
 * {@code /health/live} once a second and prints the heap the server reports. At the end: how many
 * connections the server closed, how many bytes it took in, the largest heap it reported, and whether
 * {@code /health/live} answered 200 throughout and afterwards. It reports; it does not judge.
 */
public class SlowHeaders {

    private static final Pattern HEAP_USED = Pattern.compile("\"heap_used_mib\"\\s*:\\s*\"?(\\d+)");
    private static final Pattern HEAP_MAX = Pattern.compile("\"heap_max_mib\"\\s*:\\s*\"?(\\d+)");

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java src/bench/SlowHeaders.java <port> [connections] [bytes-per-connection] [seconds]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int connections = Math.min(args.length > 1 ? Integer.parseInt(args[1]) : 300, 2000);
        long bytesEach = Math.min(args.length > 2 ? Long.parseLong(args[2]) : 1_900_000, 4_000_000);
        long seconds = Math.min(args.length > 3 ? Long.parseLong(args[3]) : 60, 300);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();

        List<Socket> sockets = new ArrayList<>();
        AtomicInteger closedByServer = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long[] sent = new long[1];
        for (int i = 0; i < connections; i++) {
            try {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(loopback, port), 5000);
                socket.setSoTimeout(1);
                socket.getOutputStream().write(("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ").getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            } catch (IOException e) {
                refused.incrementAndGet();
            }
        }
        byte[] chunk = "a".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        long[] written = new long[sockets.size()];
        boolean[] closed = new boolean[sockets.size()];
        int maxHeap = 0;
        int heapLimit = 0;
        int liveFailures = 0;
        long nextProbe = 0;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        boolean anyOpen = true;
        while (System.nanoTime() < deadline && anyOpen) {
            anyOpen = false;
            for (int i = 0; i < sockets.size(); i++) {
                if (closed[i] || written[i] >= bytesEach) {
                    continue;
                }
                Socket socket = sockets.get(i);
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(chunk);
                    written[i] += chunk.length;
                    sent[0] += chunk.length;
                    anyOpen = true;
                    InputStream in = socket.getInputStream();
                    // a read with a timeout per kilobyte would cap the whole attack at about 150 KB a connection
                    // a minute; once every 64 KB still notices a closed connection (write errors do too)
                    if (in.available() > 0 || (written[i] % (64 * 1024) == 0 && peekClosed(in))) {
                        closed[i] = true;
                        closedByServer.incrementAndGet();
                    }
                } catch (IOException e) {
                    closed[i] = true;
                    closedByServer.incrementAndGet();
                }
            }
            if (System.nanoTime() >= nextProbe) {
                nextProbe = System.nanoTime() + 1_000_000_000L;
                int[] heap = probe(client, port);
                if (heap == null) {
                    liveFailures++;
                } else {
                    maxHeap = Math.max(maxHeap, heap[0]);
                    heapLimit = heap[1];
                }
            }
        }
        int[] after = probe(client, port);
        for (Socket socket : sockets) {
            socket.close();
        }
        System.out.printf("connections=%d refused=%d closed_by_server=%d bytes_sent=%d seconds=%d%n",
                sockets.size(), refused.get(), closedByServer.get(), sent[0], seconds);
        System.out.printf("heap_used_max_mib=%d heap_max_mib=%d live_failures_during=%d live_after=%s%n",
                maxHeap, heapLimit, liveFailures, after == null ? "DOWN" : "UP (heap " + after[0] + " MiB)");
    }

    /** A read that ends at once: -1 means the server closed its side. */
    private static boolean peekClosed(InputStream in) {
        try {
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** {heap used, heap max} from /health/live, or null when it does not answer 200. */
    private static int[] probe(HttpClient client, int port) {
        try {
            HttpResponse<String> live = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher used = HEAP_USED.matcher(live.body());
            Matcher max = HEAP_MAX.matcher(live.body());
            if (live.statusCode() != 200 || !used.find() || !max.find()) {
                return null;
            }
            return new int[] {Integer.parseInt(used.group(1)), Integer.parseInt(max.group(1))};
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
