-- The refresh tokens of the refresh scenario, as that many logins of the bench user would have left
-- them: one login session each, live, unused, expiring in a day. src/bench/run.sh writes the CSV
-- (BenchTool refresh-pool, with the server's own OpaqueSecrets) and runs this with RunScript from the
-- project folder while the server is stopped.
SET @NOW_MS = CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT);

INSERT INTO LOGIN_SESSIONS (ID, ACCOUNT_ID, CREATED_AT)
SELECT SESSION_ID, ACCOUNT_ID, @NOW_MS FROM CSVREAD('target/bench/refresh-pool.csv');

INSERT INTO REFRESH_TOKENS (ID, SESSION_ID, TOKEN_HASH, CREATED_AT, EXPIRES_AT, USED)
SELECT TOKEN_ID, SESSION_ID, TOKEN_HASH, @NOW_MS, @NOW_MS + CAST(86400000 AS BIGINT), FALSE
FROM CSVREAD('target/bench/refresh-pool.csv');
