package org.tokenauth.jwt.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.tokenauth.accounts.entity.Account;
import org.tokenauth.audit.SecurityEvents;
import org.tokenauth.platform.Times;

/** Signs access tokens that any MP-JWT verifier accepts: RS256, {@code kid}, iss, sub, upn, groups, jti, sid. */
@ApplicationScoped
public class JwtIssuer {

    public record AccessToken(String jwt, long expiresIn, Instant expiresAt) {
    }

    @Inject
    SigningKeys keys;

    @Inject
    SecurityEvents events;

    @Inject
    JwtSettings settings;

    public AccessToken issue(Account account, String sessionId) {
        RSAKey key = keys.signingKey();
        Instant now = Times.now();
        Instant expires = now.plusSeconds(settings.accessTtlSeconds());
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .subject(account.id())
                .claim("upn", account.username())
                .claim("groups", account.groups())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(jti)
                .claim("sid", sessionId);
        settings.audience().ifPresent(claims::audience);
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signerFor(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        events.issued(SecurityEvents.Kind.ACCESS_TOKEN, account.id(), jti, sessionId);
        return new AccessToken(jwt.serialize(), settings.accessTtlSeconds(), expires);
    }

    /** One signer per key: making an RSASSASigner costs about a tenth of a signature. */
    private RSASSASigner signerFor(RSAKey key) throws JOSEException {
        Signer cached = signer;
        if (cached == null || !cached.kid().equals(key.getKeyID())) {
            cached = new Signer(key.getKeyID(), new RSASSASigner(key));
            signer = cached;
        }
        return cached.signer();
    }

    private record Signer(String kid, RSASSASigner signer) {
    }

    private volatile Signer signer;
}
