-- The schema of token-auth 1.0 exactly as EclipseLink 4.0 (Payara 6.2025.10) generated it with
-- create-or-extend-tables: the same statements in the same order, for H2 (MODE=LEGACY) and PostgreSQL.
-- A database made by 1.0 already has all of this and is baselined at version 1 instead (baselineOnMigrate).
--
-- Names the databases give themselves (no name in the SQL, as EclipseLink wrote it):
--   primary keys  H2: CONSTRAINT_3 (login_sessions), CONSTRAINT_308 (api_tokens), CONSTRAINT_C4 (refresh_tokens),
--                     CONSTRAINT_AF4 (accounts)
--                 PostgreSQL: <table>_pkey
--   unique        H2: CONSTRAINT_30 (api_tokens.token_hash), CONSTRAINT_C (refresh_tokens.token_hash),
--                     CONSTRAINT_A (accounts.email_key), CONSTRAINT_AF (accounts.username_key)
--                 PostgreSQL: <table>_<column>_key
-- H2 derives its names from the table name and the names already taken, so they depend on this order.
-- Instants are epoch milliseconds in BIGINT columns (org.tokenauth.platform.InstantAsEpochMillis).

CREATE TABLE login_sessions (ID VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, end_reason VARCHAR(32), ended_at BIGINT, account_id VARCHAR(36) NOT NULL, PRIMARY KEY (ID));
CREATE INDEX login_sessions_account ON login_sessions (account_id);
CREATE INDEX login_sessions_ended ON login_sessions (ended_at);

CREATE TABLE api_tokens (ID VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT, last_used_at BIGINT, NAME VARCHAR(128), PREFIX VARCHAR(12) NOT NULL, token_hash VARCHAR(64) NOT NULL UNIQUE, account_id VARCHAR(36) NOT NULL, PRIMARY KEY (ID));
CREATE INDEX api_tokens_account ON api_tokens (account_id);

CREATE TABLE refresh_tokens (ID VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, token_hash VARCHAR(64) NOT NULL UNIQUE, USED BOOLEAN NOT NULL, session_id VARCHAR(36) NOT NULL, PRIMARY KEY (ID));
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE accounts (ID VARCHAR(36) NOT NULL, created_at BIGINT NOT NULL, credentials_changed_at BIGINT NOT NULL, DISABLED BOOLEAN NOT NULL, EMAIL VARCHAR(508) NOT NULL, email_key VARCHAR(508) NOT NULL UNIQUE, group_names VARCHAR(1000) NOT NULL, password_hash VARCHAR(255) NOT NULL, USERNAME VARCHAR(300) NOT NULL, username_key VARCHAR(600) NOT NULL UNIQUE, PRIMARY KEY (ID));

ALTER TABLE login_sessions ADD CONSTRAINT FK_login_sessions_account_id FOREIGN KEY (account_id) REFERENCES accounts (ID);
ALTER TABLE api_tokens ADD CONSTRAINT FK_api_tokens_account_id FOREIGN KEY (account_id) REFERENCES accounts (ID);
ALTER TABLE refresh_tokens ADD CONSTRAINT FK_refresh_tokens_session_id FOREIGN KEY (session_id) REFERENCES login_sessions (ID);
