import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;

/**
 * Copies a trust store without its expired certificates: {@code java src/build/CurrentCertificates.java IN OUT}.
 *
 * <p>Payara checks the dates of every certificate in {@code javax.net.ssl.trustStore} at start and logs each expired
 * one as a WARNING with the whole certificate (its own copy holds several, and so do the JDK's on some systems, such
 * as Debian's). An expired root certificate cannot validate anything, so leaving it out changes no TLS outcome; it
 * only keeps the start quiet. The build writes {@code target/cacerts} from the JDK's certificate authorities, and the
 * run command, the tests and the Dockerfile give it to Payara. Both stores use the JDK's default password,
 * {@code changeit}, which Payara assumes too (a trust store holds public certificates only).
 */
public class CurrentCertificates {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java CurrentCertificates.java IN OUT");
            System.exit(2);
        }
        char[] password = "changeit".toCharArray();
        KeyStore in = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream stream = Files.newInputStream(Path.of(args[0]))) {
            in.load(stream, password); // KeyStore.getInstance(default type) reads JKS too (keystore.type.compat)
        }
        KeyStore out = KeyStore.getInstance("PKCS12");
        out.load(null, password);
        Date now = new Date();
        int kept = 0;
        int dropped = 0;
        for (String alias : Collections.list(in.aliases())) {
            Certificate certificate = in.getCertificate(alias);
            if (!in.isCertificateEntry(alias) || certificate == null) {
                continue; // a trust store has certificates only; anything else is not ours to copy
            }
            if (certificate instanceof X509Certificate x509 && x509.getNotAfter().before(now)) {
                dropped++;
                continue;
            }
            out.setCertificateEntry(alias, certificate);
            kept++;
        }
        Path target = Path.of(args[1]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(target)) {
            out.store(stream, password);
        }
        System.out.printf("%s: %d certificate authorities (%d expired ones left out)%n", target, kept, dropped);
    }
}
