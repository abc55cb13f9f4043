package org.tokenauth.jwt.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.tokenauth.audit.SecurityEvents;
import org.tokenauth.jwt.entity.SigningKey;
import org.tokenauth.platform.AnnouncementsMissed;
import org.tokenauth.platform.DataFolder;
import org.tokenauth.platform.JsonP;

/**
 * The RSA keys that sign access tokens, kept in the database ({@link SigningKeyStore}) so that every
 * server of one database signs with the same key and verifies every key, and held here in memory.
 *
 * <p>There is always a <em>current</em> key, which signs, and a <em>next</em> key, which is already
 * published in the JWKS but signs nothing yet. Other services cache the JWKS (MicroProfile JWT
 * verifiers for minutes), so a key must be published before it signs: rotation promotes the next key,
 * which every verifier has seen since the previous rotation, and makes a new next key. A retired key
 * loses its private half at once and never signs again; it stays published until every token it
 * signed has expired, and tokens it claims to have signed after its retirement are refused. This
 * server verifies with the keys held here ({@link #verificationKey}), so a token it has just signed
 * verifies at once, whatever the rotation history.
 *
 * <p>Keys rotate by hand ({@link #rotate()}) and when the current one is older than
 * {@code tokenauth.jwt.key-max-age}; one server rotates, by a conditional update, and the others read
 * the keys again when the change is announced, and in any case before signing with keys read more
 * than {@link #RELOAD_AFTER} ago. A key can also be removed at once ({@link #remove}), ending every
 * token it signed.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    /** Signing reads the keys again when it read them longer ago: a lost announcement costs this much. */
    static final Duration RELOAD_AFTER = Duration.ofSeconds(5);
    /**
     * How long after a key's retirement a token it signed may still be new: another server may sign
     * with it until it hears of the rotation (milliseconds) or reads the keys again.
     */
    public static final Duration SIGNING_GRACE = RELOAD_AFTER.multipliedBy(2);
    /** The file in which version 1.0 kept the keys; imported once into an empty table, then deleted. */
    static final String LEGACY_FILE = "signing-keys.json";

    /**
     * A published key as a verifier needs it.
     *
     * @param retiredAt when it stopped signing, or null while it signs or is yet to sign
     */
    public record VerificationKey(String kid, RSASSAVerifier verifier, Instant retiredAt) {

        /** Whether a token issued at this epoch second can have been signed by this key. */
        public boolean couldHaveSigned(long issuedAt) {
            return retiredAt == null || issuedAt <= retiredAt.plus(SIGNING_GRACE).getEpochSecond();
        }
    }

    /**
     * What is in memory: the key that signs, the keys that verify, the JWKS, when they were read, and
     * until when the JWKS is right (when the first retired key in it stops verifying).
     */
    private record Keys(RSAKey current, String nextKid, Instant currentSince, Map<String, VerificationKey> verifiers,
                        String jwks, Instant loadedAt, Instant jwksUntil) {
    }

    @Inject
    SigningKeyStore store;

    @Inject
    KeyEncryption encryption;

    @Inject
    JwtSettings settings;

    @Inject
    DataFolder dataFolder;

    @Inject
    SecurityEvents events;

    private volatile Keys keys;
    /** The keys in the database changed since {@link #keys} were read: the next use reads them again. */
    private volatile boolean stale;

    /** Reads (or makes, or imports) the keys at start, not at the first request that needs them. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        store.deleteRetiredBefore(retiredKeysEnd(Instant.now()));
        reload();
        LOG.fine(() -> "signing with kid " + currentKid());
    }

    /**
     * Another server, or this one, changed the keys: the next use reads them again. Not here and now:
     * this runs as the change's transaction completes, when a server need not lend a database
     * connection (WildFly does not: "IJ000609: Attempt to return connection twice", and the keys in
     * memory stayed the old ones).
     */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) SigningKeysChanged changed) {
        stale = true;
    }

    void onMissed(@Observes AnnouncementsMissed missed) {
        reload();
    }

    /** The key to sign with now; rotates first when the current key is older than the maximum age. */
    public RSAKey signingKey() {
        Keys held = keys();
        Instant now = Instant.now();
        if (held.loadedAt().plus(RELOAD_AFTER).isBefore(now)) {
            held = reload();
        }
        if (held.currentSince().plusSeconds(settings.keyMaxAgeSeconds()).isBefore(now)) {
            rotate(held, "older than " + JwtSettings.KEY_MAX_AGE.key());
            held = keys();
        }
        return held.current();
    }

    /** The public JWKS: every key that signs, will sign, or signed a token that has not yet expired. */
    public String publicJwks() {
        Keys held = keys();
        // a retired key leaves the JWKS when its last token has expired, rotation or not
        return Instant.now().isBefore(held.jwksUntil()) ? held.jwks() : reload().jwks();
    }

    /** The published key with this id, to verify a token that names it. */
    public Optional<VerificationKey> verificationKey(String kid) {
        Keys held = keys();
        VerificationKey key = kid == null ? null : held.verifiers().get(kid);
        // a retired key stops verifying when its last token expires, whether or not it was deleted yet
        if (key != null && key.retiredAt() != null && !Instant.now().isBefore(publishedUntil(key.retiredAt()))) {
            return Optional.empty();
        }
        return Optional.ofNullable(key);
    }

    public String currentKid() {
        return keys().current().getKeyID();
    }

    /** Promotes the next key to signing and makes a new next key; the id of the key that signs now. */
    public String rotate() {
        rotate(keys(), "requested");
        return currentKid();
    }

    /**
     * Removes a key at once: every token it signed is refused from now on, and it leaves the JWKS. The
     * current key cannot be removed (409); a removed next key is replaced.
     */
    public void remove(String kid) {
        store.remove(kid, newKey(SigningKey.NEXT, Instant.now()));
        events.keyRemoved(kid);
    }

    private void rotate(Keys seen, String reason) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = Instant.now();
            try {
                if (store.rotate(seen.current().getKeyID(), seen.nextKid(), newKey(SigningKey.NEXT, now), now, retiredKeysEnd(now))) {
                    events.keyRotated(seen.nextKid(), reason);
                    LOG.info("signing key rotated; now signing with kid " + seen.nextKid());
                    return;
                }
            } catch (SigningKeyStore.KeysChangedMeanwhile | TransactionalException moved) {
                // read again below and retry
            }
            Keys fresh = reload();
            if (!"requested".equals(reason) && !fresh.currentSince().plusSeconds(settings.keyMaxAgeSeconds()).isBefore(now)) {
                return; // another server rotated the old key already
            }
            seen = fresh;
        }
        throw new IllegalStateException("could not rotate the signing keys: they kept changing");
    }

    private Keys keys() {
        Keys held = keys;
        return held != null && !stale ? held : reload();
    }

    /** Reads the keys from the database, first making, importing or completing them where needed. */
    private synchronized Keys reload() {
        // before reading: a change committed meanwhile marks the keys stale again
        stale = false;
        List<SigningKey> rows = store.all();
        if (rows.isEmpty()) {
            addFirstKeys();
            rows = store.all();
        }
        if (rows.stream().noneMatch(k -> SigningKey.NEXT.equals(k.slot()))) {
            // a removed next key's replacement is made with it; this only repairs a damaged table
            tryAdd(() -> store.addNext(newKey(SigningKey.NEXT, Instant.now())));
            rows = store.all();
        }
        Instant now = Instant.now();
        SigningKey current = rows.stream().filter(k -> SigningKey.CURRENT.equals(k.slot())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no current signing key in the database"));
        String nextKid = rows.stream().filter(k -> SigningKey.NEXT.equals(k.slot())).map(SigningKey::kid).findFirst().orElseThrow();
        Map<String, VerificationKey> verifiers = new HashMap<>();
        JsonArrayBuilder published = JsonP.PROVIDER.createArrayBuilder();
        Instant jwksUntil = Instant.MAX;
        for (SigningKey key : rows) {
            if (key.retiredAt() != null && !now.isBefore(publishedUntil(key.retiredAt()))) {
                continue;
            }
            if (key.retiredAt() != null && publishedUntil(key.retiredAt()).isBefore(jwksUntil)) {
                jwksUntil = publishedUntil(key.retiredAt());
            }
            RSAKey publicKey = parse(key.publicJwk());
            verifiers.put(key.kid(), new VerificationKey(key.kid(), verifier(publicKey), key.retiredAt()));
            published.add(JsonP.PROVIDER.createReader(new StringReader(publicKey.toPublicJWK().toJSONString())).readObject());
        }
        Keys loaded = new Keys(parse(encryption.decrypt(current.kid(), current.encryptedPrivateJwk())), nextKid,
                current.activatedAt() != null ? current.activatedAt() : current.createdAt(), Map.copyOf(verifiers),
                JsonP.PROVIDER.createObjectBuilder().add("keys", published).build().toString(), now, jwksUntil);
        keys = loaded;
        return loaded;
    }

    /** Keys retired before this instant signed nothing that is still accepted. */
    private Instant retiredKeysEnd(Instant now) {
        return now.minusSeconds(settings.acceptanceWindowSeconds()).minus(SIGNING_GRACE);
    }

    private Instant publishedUntil(Instant retiredAt) {
        return retiredAt.plusSeconds(settings.acceptanceWindowSeconds()).plus(SIGNING_GRACE);
    }

    /** The keys of version 1.0's file if there is one, else a new current and next key. */
    private void addFirstKeys() {
        Path legacy = dataFolder.path().resolve(LEGACY_FILE);
        if (Files.exists(legacy)) {
            List<SigningKey> imported = imported(legacy);
            if (tryAdd(() -> store.addFirst(imported))) {
                LOG.info("imported the signing keys of " + legacy + " into the database");
            }
            deleteLegacyFiles(legacy);
            return;
        }
        Instant now = Instant.now();
        List<SigningKey> first = List.of(newKey(SigningKey.CURRENT, now), newKey(SigningKey.NEXT, now));
        if (tryAdd(() -> store.addFirst(first))) {
            LOG.info("made the first signing keys");
        }
    }

    /**
     * False when another server stored its keys first: then its keys are used. The store waits for that
     * server's transaction and then sees its keys; the unique slots stay the last word.
     */
    private static boolean tryAdd(java.util.function.BooleanSupplier add) {
        try {
            return add.getAsBoolean();
        } catch (PersistenceException | TransactionalException anotherWasFirst) {
            return false;
        }
    }

    private List<SigningKey> imported(Path file) {
        List<SigningKey> keys = new ArrayList<>();
        try {
            JsonObject json = JsonP.PROVIDER.createReader(new StringReader(Files.readString(file))).readObject();
            for (JsonValue value : json.getJsonArray("keys")) {
                JsonObject entry = value.asJsonObject();
                RSAKey key = RSAKey.parse(entry.getJsonObject("jwk").toString());
                Instant created = Instant.ofEpochSecond(entry.getJsonNumber("created_at").longValue());
                switch (entry.getString("state")) {
                    // 1.0 set created_at when a key began to sign
                    case "CURRENT" -> keys.add(stored(key, SigningKey.CURRENT, created, created, null));
                    case "NEXT" -> keys.add(stored(key, SigningKey.NEXT, created, null, null));
                    default -> keys.add(stored(key, null, created, null,
                            Instant.ofEpochSecond(entry.getJsonNumber("retired_at").longValue())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalStateException(file + " is damaged; refusing to make new keys over it", e);
        }
        return keys;
    }

    private static void deleteLegacyFiles(Path legacy) {
        try {
            // the private keys were in clear there; they are now encrypted in the database
            Files.deleteIfExists(legacy);
            Files.deleteIfExists(legacy.resolveSibling("jwks.json"));
        } catch (IOException e) {
            LOG.warning("could not delete " + legacy + " after importing it: delete it by hand (" + e + ")");
        }
    }

    private SigningKey newKey(String slot, Instant now) {
        return stored(generate(), slot, now, SigningKey.CURRENT.equals(slot) ? now : null, null);
    }

    /** A key as stored: public half in clear, private half encrypted while it may sign, else dropped. */
    private SigningKey stored(RSAKey key, String slot, Instant created, Instant activated, Instant retired) {
        String encrypted = slot == null ? null : encryption.encrypt(key.getKeyID(), key.toJSONString());
        return new SigningKey(key.getKeyID(), slot, key.toPublicJWK().toJSONString(), encrypted, created, activated, retired);
    }

    private static RSAKey parse(String jwk) {
        try {
            return RSAKey.parse(jwk);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored signing key is damaged", e);
        }
    }

    private static RSASSAVerifier verifier(RSAKey key) {
        try {
            return new RSASSAVerifier(key.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing key " + key.getKeyID() + " cannot verify", e);
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
