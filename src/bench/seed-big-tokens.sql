-- 100,000 of the 1,000,000 seeded API tokens, numbers @FIRST_NO to @LAST_NO (run.sh runs this ten times, so
-- that each chunk commits on its own): ten per user; most never expire and were used some time ago,
-- a tenth expire in the future; a fifth have scopes (SCOPES null: all of the owner's rights, as a token
-- made without scopes)
INSERT INTO API_TOKENS (ID, ACCOUNT_ID, NAME, PREFIX, TOKEN_HASH, CREATED_AT, LAST_USED_AT, EXPIRES_AT, SCOPES)
SELECT 'b1000000-0000-4000-8000-' || LPAD(X, 12, '0'), 'b0000000-0000-4000-8000-' || LPAD(MOD(X - 1, 100000) + 1, 12, '0'),
       'seed ' || X, 'tka_' || SUBSTRING(H, 1, 8), H, @NOW_MS - 30 * @D_MS,
       CASE WHEN MOD(X, 3) = 0 THEN NULL ELSE @NOW_MS - MOD(X, 1000) * 60000 END,
       CASE WHEN MOD(X, 10) = 0 THEN @NOW_MS + 30 * @D_MS END,
       CASE WHEN MOD(X, 5) = 1 THEN 'account:manage,user' END
FROM (SELECT X, LOWER(RAWTOHEX(HASH('SHA-256', 'tka_seed_' || X))) H FROM SYSTEM_RANGE(@FIRST_NO, @LAST_NO));
