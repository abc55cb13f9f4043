import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.tokenauth.accounts.control.PasswordHashes;
import org.tokenauth.accounts.control.PasswordSettings;
import org.tokenauth.platform.OpaqueSecrets;

/**
 * Helpers for src/bench/run.sh, run as a single-file program ({@code java -cp <WAR classes>:<bcprov>
 * src/bench/BenchTool.java ...}) on the WAR's own classes, so that what it measures and makes is
 * exactly what the server does.
 *
 * <ul>
 * <li>{@code argon2 <memoryKib> <iterations> <parallelism> <count> [threads]}: verifies one password
 * against an Argon2id hash with that cost {@code count} times on each of {@code threads} threads (1
 * if not given) at once, after a few unmeasured ones, and prints {@code seconds_per_hash=...} (the
 * median time of one verification: the work of one login) and {@code hashes_per_second=...} (all
 * threads together).</li>
 * <li>{@code argon2-defaults}: prints the WAR's default Argon2id cost ({@link PasswordSettings}'s
 * constants) as {@code <memoryKib> <iterations> <parallelism>}, for run.sh when no
 * {@code TOKENAUTH_PASSWORD_ARGON2_*} variable sets it.</li>
 * <li>{@code refresh-pool <count> <accountId> <csv> <tokens>}: makes {@code count} refresh tokens
 * with {@link OpaqueSecrets}, each in its own login session of that account, as that many logins
 * would; writes the rows to insert ({@code csv}: session id, token id, SHA-256) and the secrets,
 * one a line ({@code tokens}).</li>
 * </ul>
 */
public class BenchTool {

    public static void main(String[] args) throws IOException {
        switch (args.length == 0 ? "" : args[0]) {
            case "argon2" -> argon2(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args.length > 5 ? Integer.parseInt(args[5]) : 1);
            case "argon2-defaults" -> System.out.println(PasswordSettings.ARGON2_MEMORY_KIB.defaultValue() + " "
                    + PasswordSettings.ARGON2_ITERATIONS.defaultValue() + " " + PasswordSettings.ARGON2_PARALLELISM.defaultValue());
            case "refresh-pool" -> refreshPool(Integer.parseInt(args[1]), args[2], Path.of(args[3]), Path.of(args[4]));
            default -> {
                System.err.println("usage: BenchTool argon2 <m> <t> <p> <count> [threads] | argon2-defaults | refresh-pool <count> <accountId> <csv> <tokens>");
                System.exit(2);
            }
        }
    }

    static void argon2(int memoryKib, int iterations, int parallelism, int count, int threads) {
        PasswordHashes.Argon2Cost cost = new PasswordHashes.Argon2Cost(memoryKib, iterations, parallelism);
        String password = "a long enough password";
        // the server's own arrangement: each hash borrows its blocks from a pool kept for reuse, one
        // hash's worth per thread (PasswordHasher), rather than allocating its whole memory cost afresh
        Argon2BytesGenerator.BlockPool memory = PasswordHashes.memoryOf(cost, threads);
        String stored = PasswordHashes.hash(password, cost, memory);
        for (int i = 0; i < 3; i++) {
            check(PasswordHashes.verify(password, stored, memory));
        }
        long[] nanos = new long[count * threads];
        Thread[] workers = new Thread[threads];
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t * count;
            workers[t] = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    long one = System.nanoTime();
                    check(PasswordHashes.verify(password, stored, memory));
                    nanos[first + i] = System.nanoTime() - one;
                }
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElseThrow() / 1e9;
        // the median is the figure used: other processes on a shared machine only ever add time
        System.out.printf(java.util.Locale.ROOT,
                "seconds_per_hash=%.6f mean=%.6f min=%.6f max=%.6f hashes=%d threads=%d hashes_per_second=%.1f%n",
                sorted[sorted.length / 2] / 1e9, mean, sorted[0] / 1e9, sorted[sorted.length - 1] / 1e9, sorted.length, threads,
                sorted.length / seconds);
    }

    static void refreshPool(int count, String accountId, Path csv, Path tokens) throws IOException {
        try (PrintWriter rows = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8));
             PrintWriter secrets = new PrintWriter(Files.newBufferedWriter(tokens, StandardCharsets.UTF_8))) {
            rows.println("SESSION_ID,TOKEN_ID,TOKEN_HASH,ACCOUNT_ID");
            for (int i = 0; i < count; i++) {
                String secret = OpaqueSecrets.generate(OpaqueSecrets.REFRESH_TOKEN);
                rows.println(UUID.randomUUID() + "," + UUID.randomUUID() + "," + OpaqueSecrets.sha256Hex(secret) + "," + accountId);
                secrets.println(secret);
            }
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("the password did not verify");
        }
    }
}
