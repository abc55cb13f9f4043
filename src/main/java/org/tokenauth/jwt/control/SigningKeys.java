package org.tokenauth.jwt.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenauth.platform.DerivedDefaults;
import org.tokenauth.security.SecurityEvents;

/**
 * The RSA keys that sign access tokens, kept in the data directory ({@code signing-keys.json},
 * readable by its owner only) so that a restart changes nothing.
 *
 * <p>There is always a <em>current</em> key, which signs, and a <em>next</em> key, which is already
 * published in {@code jwks.json} but signs nothing yet. Verifiers cache the JWKS (Payara's MP-JWT for
 * five minutes), so a key must be published before it signs: rotation promotes the next key, which
 * every verifier has seen since the previous rotation, and makes a new next key. A retired key stays
 * published until every token it signed has expired.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    static final String PRIVATE_FILE = "signing-keys.json";
    static final String PUBLIC_FILE = "jwks.json";

    enum State { CURRENT, NEXT, RETIRED }

    record Entry(RSAKey key, State state, Instant createdAt, Instant retiredAt) {
    }

    @Inject
    SecurityEvents events;

    @Inject
    @ConfigProperty(name = "tokenauth.jwt.key-max-age", defaultValue = "2592000")
    long keyMaxAgeSeconds;

    @Inject
    @ConfigProperty(name = "tokenauth.jwt.access-ttl", defaultValue = "300")
    long accessTtlSeconds;

    @Inject
    @ConfigProperty(name = "tokenauth.jwt.clock-skew", defaultValue = "30")
    long clockSkewSeconds;

    private Path dir;
    private List<Entry> entries = List.of();
    private volatile Entry current;
    private volatile String publicJwks;

    @PostConstruct
    void init() {
        dir = DerivedDefaults.dataDir();
        try {
            Files.createDirectories(dir);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the signing keys in " + dir, e);
        }
    }

    /** Makes or loads the keys at start, so that jwks.json exists before the first bearer token arrives. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> "signing with kid " + currentKid());
    }

    /** The key to sign with now; rotates first when the current key is older than the maximum age. */
    public RSAKey signingKey() {
        Entry signing = current;
        if (signing.createdAt().plusSeconds(keyMaxAgeSeconds).isBefore(Instant.now())) {
            signing = rotateIfOlderThan(keyMaxAgeSeconds);
        }
        return signing.key();
    }

    /** The public JWKS: every key that signs, will sign, or signed a token that has not yet expired. */
    public String publicJwks() {
        return publicJwks;
    }

    public String currentKid() {
        return current.key().getKeyID();
    }

    /** Promotes the next key to signing and makes a new next key. */
    public synchronized String rotate() {
        return rotate("requested");
    }

    private String rotate(String reason) {
        Instant now = Instant.now();
        List<Entry> updated = new ArrayList<>();
        for (Entry e : entries) {
            switch (e.state()) {
                case CURRENT -> updated.add(new Entry(e.key(), State.RETIRED, e.createdAt(), now));
                case NEXT -> updated.add(new Entry(e.key(), State.CURRENT, now, null));
                default -> updated.add(e);
            }
        }
        updated.add(new Entry(generate(), State.NEXT, now, null));
        save(prune(updated, now));
        LOG.info("signing key rotated; now signing with kid " + current.key().getKeyID());
        events.keyRotated(current.key().getKeyID(), reason);
        return current.key().getKeyID();
    }

    private synchronized Entry rotateIfOlderThan(long maxAgeSeconds) {
        if (current.createdAt().plusSeconds(maxAgeSeconds).isBefore(Instant.now())) {
            rotate("older than tokenauth.jwt.key-max-age");
        }
        return current;
    }

    private void load() throws IOException {
        Path file = dir.resolve(PRIVATE_FILE);
        List<Entry> loaded = new ArrayList<>();
        if (Files.exists(file)) {
            JsonObject json = Json.createReader(new StringReader(Files.readString(file))).readObject();
            for (JsonValue value : json.getJsonArray("keys")) {
                JsonObject e = value.asJsonObject();
                try {
                    loaded.add(new Entry(RSAKey.parse(e.getJsonObject("jwk").toString()), State.valueOf(e.getString("state")),
                            Instant.ofEpochSecond(e.getJsonNumber("created_at").longValue()),
                            e.isNull("retired_at") ? null : Instant.ofEpochSecond(e.getJsonNumber("retired_at").longValue())));
                } catch (ParseException | RuntimeException ex) {
                    throw new IllegalStateException(file + " is damaged; refusing to make new keys over it", ex);
                }
            }
        }
        Instant now = Instant.now();
        if (loaded.stream().noneMatch(e -> e.state() == State.CURRENT)) {
            loaded.add(new Entry(generate(), State.CURRENT, now, null));
            LOG.info("made the first signing key");
        }
        if (loaded.stream().noneMatch(e -> e.state() == State.NEXT)) {
            loaded.add(new Entry(generate(), State.NEXT, now, null));
        }
        save(prune(loaded, now));
        rotateIfOlderThan(keyMaxAgeSeconds);
    }

    private List<Entry> prune(List<Entry> all, Instant now) {
        long lifetime = accessTtlSeconds + clockSkewSeconds;
        return all.stream()
                .filter(e -> e.state() != State.RETIRED || e.retiredAt().plusSeconds(lifetime).isAfter(now))
                .toList();
    }

    private void save(List<Entry> updated) {
        JsonArrayBuilder all = Json.createArrayBuilder();
        JsonArrayBuilder published = Json.createArrayBuilder();
        for (Entry e : updated) {
            all.add(Json.createObjectBuilder()
                    .add("state", e.state().name())
                    .add("created_at", e.createdAt().getEpochSecond())
                    .add("retired_at", e.retiredAt() == null ? JsonValue.NULL : Json.createValue(e.retiredAt().getEpochSecond()))
                    .add("jwk", Json.createReader(new StringReader(e.key().toJSONString())).readObject()));
            published.add(Json.createReader(new StringReader(e.key().toPublicJWK().toJSONString())).readObject());
        }
        String jwks = Json.createObjectBuilder().add("keys", published).build().toString();
        try {
            // the private keys first: the published set must never name a key we could lose
            writeOwnerOnly(dir.resolve(PRIVATE_FILE), Json.createObjectBuilder().add("keys", all).build().toString());
            writeOwnerOnly(dir.resolve(PUBLIC_FILE), jwks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the signing keys in " + dir, e);
        }
        entries = List.copyOf(updated);
        current = updated.stream().filter(e -> e.state() == State.CURRENT).findFirst().orElseThrow();
        publicJwks = jwks;
    }

    private static void writeOwnerOnly(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static RSAKey generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
            return new RSAKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an RSA key", e);
        }
    }
}
