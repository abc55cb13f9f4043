package org.tokenauth.accounts.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes in the PHC string form, {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, which
 * other tools (libsodium, argon2-cffi, Spring Security) verify too. Hashes imported from Django
 * ({@code pbkdf2_sha256$iterations$salt$hash}, at least 600,000 iterations) are verified as well,
 * and reported as needing a re-hash, so they become Argon2id at the next login.
 */
public final class PasswordHashes {

    /** Argon2id's cost. OWASP's first choice is m=19 MiB, t=2, p=1. */
    public record Argon2Cost(int memoryKib, int iterations, int parallelism) {
        public Argon2Cost {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2 parameters m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism);
            }
        }
    }

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int MIN_PBKDF2_ITERATIONS = 600_000;

    private static final Pattern ARGON2ID = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,6}),p=(\\d{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Pattern DJANGO_PBKDF2 = Pattern.compile(
            "pbkdf2_sha256\\$(\\d{1,9})\\$([^$]+)\\$([A-Za-z0-9+/]+=*)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    /**
     * @param memory where Argon2's blocks come from and go back to (zeroed), or null for fresh ones:
     *               see {@link #memoryOf(Argon2Cost, int)}
     */
    public static String hash(String password, Argon2Cost cost, BlockPool memory) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password.getBytes(StandardCharsets.UTF_8), salt, cost, HASH_BYTES, memory);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether the password matches; false for a hash in a form this class does not know. Argon2's
     * blocks come from {@code memory} (null: fresh ones).
     */
    public static boolean verify(String password, String stored, BlockPool memory) {
        if (password == null || stored == null) {
            return false;
        }
        try {
            return verifyKnownForm(password.getBytes(StandardCharsets.UTF_8), stored, memory);
        } catch (IllegalArgumentException | IllegalStateException damaged) {
            // a stored hash that looks right but is not (bad base64, impossible parameters): no match
            return false;
        }
    }

    /**
     * Memory that Argon2 hashes borrow their blocks from and give back to, zeroed, for as many hashes
     * at once as {@code concurrent}, each of this cost; kept for the life of the pool. Without it, each
     * hash allocates its whole memory cost afresh (19 MiB by default), and at a few dozen logins a
     * second the garbage collector copies the blocks of the hashes in progress again and again.
     */
    public static BlockPool memoryOf(Argon2Cost cost, int concurrent) {
        return new Argon2BytesGenerator.FixedBlockPool(Argon2BytesGenerator.getBlockCount(cost.memoryKib(), cost.parallelism()) * concurrent);
    }

    private static boolean verifyKnownForm(byte[] bytes, String stored, BlockPool memory) {
        Matcher argon = ARGON2ID.matcher(stored);
        if (argon.matches()) {
            Argon2Cost cost = new Argon2Cost(Integer.parseInt(argon.group(1)), Integer.parseInt(argon.group(2)),
                    Integer.parseInt(argon.group(3)));
            byte[] salt = B64_DECODER.decode(argon.group(4));
            byte[] expected = B64_DECODER.decode(argon.group(5));
            if (salt.length < 8 || expected.length < 16) {
                return false;
            }
            return MessageDigest.isEqual(expected, argon2(bytes, salt, cost, expected.length, memory));
        }
        Matcher django = DJANGO_PBKDF2.matcher(stored);
        if (django.matches()) {
            int iterations = Integer.parseInt(django.group(1));
            if (iterations < MIN_PBKDF2_ITERATIONS) {
                return false;
            }
            byte[] expected = B64_DECODER.decode(django.group(3));
            if (expected.length != 32) {
                return false;
            }
            byte[] actual = pbkdf2Sha256(bytes, django.group(2).getBytes(StandardCharsets.UTF_8), iterations, expected.length);
            return MessageDigest.isEqual(expected, actual);
        }
        return false;
    }

    /** True when the stored hash is weaker than {@code cost} in any parameter, or not Argon2id at all. */
    public static boolean needsRehash(String stored, Argon2Cost cost) {
        Matcher argon = stored == null ? null : ARGON2ID.matcher(stored);
        if (argon == null || !argon.matches()) {
            return true;
        }
        try {
            return Integer.parseInt(argon.group(1)) < cost.memoryKib()
                    || Integer.parseInt(argon.group(2)) < cost.iterations()
                    || Integer.parseInt(argon.group(3)) < cost.parallelism()
                    || B64_DECODER.decode(argon.group(5)).length < HASH_BYTES;
        } catch (IllegalArgumentException damaged) {
            return true;
        }
    }

    static byte[] argon2(byte[] password, byte[] salt, Argon2Cost cost, int length, BlockPool memory) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .withBlockPool(memory)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    static byte[] pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length) {
        // PBKDF2 by hand over HMAC-SHA256: the JDK's PBEKeySpec takes a char[] and so cannot hash
        // the exact UTF-8 bytes that Django hashed.
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
            byte[] out = new byte[length];
            int blocks = (length + 31) / 32;
            for (int block = 1, offset = 0; block <= blocks; block++, offset += 32) {
                mac.update(salt);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                byte[] u = mac.doFinal();
                byte[] t = u.clone();
                for (int i = 1; i < iterations; i++) {
                    u = mac.doFinal(u);
                    for (int j = 0; j < t.length; j++) {
                        t[j] ^= u[j];
                    }
                }
                System.arraycopy(t, 0, out, offset, Math.min(32, length - offset));
            }
            return out;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
