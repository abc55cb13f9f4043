package org.tokenauth.jwt.boundary;

import org.tokenauth.jwt.control.JwtIssuer;
import org.tokenauth.jwt.control.LoginSessions;

/** The body of a login or a refresh: an access token and its refresh token, lifetimes in seconds. */
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {

    static TokenPair of(JwtIssuer.AccessToken access, LoginSessions.Refreshed refreshed) {
        return new TokenPair(access.jwt(), "Bearer", access.expiresIn(), refreshed.refreshToken(), refreshed.refreshExpiresIn());
    }
}
