-- Seeds the big tables for the *_big scenarios, straight into H2 while the server is stopped
-- (src/bench/run.sh runs it with org.h2.tools.RunScript). Set-based, so that 1.3 million rows
-- take a minute or two rather than hours over HTTP. Ids have the shape of UUIDs; the secrets behind
-- the hashes are made up and never used. Seeded users share the bench user's real Argon2id hash.
-- Each statement commits on its own (RunScript's auto-commit): one huge transaction makes H2's file
-- grow to gigabytes.
SET @NOW_MS = CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT);
SET @D_MS = CAST(86400000 AS BIGINT);
SET @PW_HASH = (SELECT PASSWORD_HASH FROM ACCOUNTS WHERE USERNAME_KEY = 'bench');

-- 100,000 users: one in 500 also an admin, one in 1,000 disabled, one in 10,000 changed its
-- password a minute ago and another one in 10,000 had its groups set by an administrator a minute ago
-- (so that start-up has some revocation state to load: RevocationState reads both)
INSERT INTO ACCOUNTS (ID, USERNAME, USERNAME_KEY, EMAIL, EMAIL_KEY, PASSWORD_HASH, GROUP_NAMES, DISABLED,
                      CREATED_AT, CREDENTIALS_CHANGED_AT, GROUPS_CHANGED_AT)
SELECT 'b0000000-0000-4000-8000-' || LPAD(X, 12, '0'), 'Seed' || X, 'seed' || X, 'Seed' || X || '@example.com',
       'seed' || X || '@example.com', @PW_HASH, CASE WHEN MOD(X, 500) = 0 THEN 'user,admin' ELSE 'user' END,
       MOD(X, 1000) = 0, @NOW_MS - 90 * @D_MS + X * 60000,
       CASE WHEN MOD(X, 10000) = 0 THEN @NOW_MS - 60000 ELSE @NOW_MS - 90 * @D_MS + X * 60000 END,
       CASE WHEN MOD(X, 10000) = 5000 THEN @NOW_MS - 60000 END
FROM SYSTEM_RANGE(1, 100000);

-- 100,000 login sessions, one per user, each with its latest refresh token: nine in ten live,
-- the rest ended days ago, and one in 10,000 ended a minute ago
INSERT INTO LOGIN_SESSIONS (ID, ACCOUNT_ID, CREATED_AT, ENDED_AT, END_REASON)
SELECT 'b2000000-0000-4000-8000-' || LPAD(X, 12, '0'), 'b0000000-0000-4000-8000-' || LPAD(X, 12, '0'),
       @NOW_MS - 3 * @D_MS,
       CASE WHEN MOD(X, 10000) = 0 THEN @NOW_MS - 60000 WHEN MOD(X, 10) = 0 THEN @NOW_MS - 2 * @D_MS END,
       CASE WHEN MOD(X, 10) = 0 THEN 'logout' END
FROM SYSTEM_RANGE(1, 100000);

INSERT INTO REFRESH_TOKENS (ID, SESSION_ID, TOKEN_HASH, CREATED_AT, EXPIRES_AT, USED)
SELECT 'b3000000-0000-4000-8000-' || LPAD(X, 12, '0'), 'b2000000-0000-4000-8000-' || LPAD(X, 12, '0'),
       LOWER(RAWTOHEX(HASH('SHA-256', 'tkr_seed_' || X))), @NOW_MS - @D_MS / 2, @NOW_MS + @D_MS / 2, MOD(X, 10) = 0
FROM SYSTEM_RANGE(1, 100000);
