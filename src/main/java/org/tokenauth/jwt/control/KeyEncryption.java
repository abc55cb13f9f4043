package org.tokenauth.jwt.control;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.logging.Logger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.tokenauth.platform.ClusterMode;
import org.tokenauth.platform.DataFolder;

/**
 * Encrypts the private halves of the signing keys where they are stored: AES-256-GCM as a compact JWE
 * ({@code dir}, {@code A256GCM}, Nimbus), with the key id in the protected header so that a ciphertext
 * cannot be passed off as another key's. The key-encryption key is {@code tokenauth.jwt.key-encryption-key}
 * (32 random bytes, base64), the same on every node of a cluster; a single node without it makes one
 * in its data folder, readable by its owner only.
 */
@ApplicationScoped
public class KeyEncryption {

    private static final Logger LOG = Logger.getLogger(KeyEncryption.class.getName());
    static final String FILE = "key-encryption-key";
    static final int BYTES = 32;

    @Inject
    JwtSettings settings;

    @Inject
    DataFolder dataFolder;

    @Inject
    ClusterMode cluster;

    private SecretKey key;
    private boolean configured;

    @PostConstruct
    void init() {
        configured = settings.keyEncryptionKey().isPresent();
        if (!configured && cluster.clustered()) {
            // each node would make a key of its own, and none could read the others' signing keys
            throw new IllegalStateException("this node is one of a cluster: set " + JwtSettings.KEY_ENCRYPTION_KEY.key() + " ("
                    + JwtSettings.KEY_ENCRYPTION_KEY.environmentVariable() + ") to the same 32 random bytes, in base64, on every node");
        }
        byte[] bytes = configured ? decode(settings.keyEncryptionKey().get()) : fromDataFolder();
        key = new SecretKeySpec(bytes, "AES");
    }

    /** Whether the key comes from configuration (as several nodes need), not from this node's data folder. */
    public boolean configured() {
        return configured;
    }

    public String encrypt(String kid, String privateJwk) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(kid).build(),
                    new Payload(privateJwk));
            jwe.encrypt(new DirectEncrypter(key));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt signing key " + kid, e);
        }
    }

    public String decrypt(String kid, String encrypted) {
        try {
            JWEObject jwe = JWEObject.parse(encrypted);
            if (!kid.equals(jwe.getHeader().getKeyID())) {
                throw new IllegalStateException("the stored private half of signing key " + kid + " belongs to another key");
            }
            jwe.decrypt(new DirectDecrypter(key));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("cannot decrypt signing key " + kid + ": every node must have the same "
                    + JwtSettings.KEY_ENCRYPTION_KEY.key() + " (" + JwtSettings.KEY_ENCRYPTION_KEY.environmentVariable() + ")", e);
        }
    }

    private static byte[] decode(String configured) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException notStandard) {
            bytes = Base64.getUrlDecoder().decode(configured.strip());
        }
        if (bytes.length != BYTES) {
            throw new IllegalStateException(JwtSettings.KEY_ENCRYPTION_KEY.key() + " must be " + BYTES
                    + " random bytes in base64 (e.g. openssl rand -base64 32), not " + bytes.length + " bytes");
        }
        return bytes;
    }

    private byte[] fromDataFolder() {
        Path file = dataFolder.path().resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[BYTES];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.getParent());
                try {
                    Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                            Base64.getEncoder().encodeToString(fresh));
                    LOG.info("made a key-encryption key in " + file + "; several nodes need the same one in "
                            + JwtSettings.KEY_ENCRYPTION_KEY.environmentVariable());
                } catch (FileAlreadyExistsException anotherWasFirst) {
                    // read it below
                } catch (UnsupportedOperationException notPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                }
            }
            return decode(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the key-encryption key " + file, e);
        }
    }
}
