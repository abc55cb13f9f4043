-- The login throttle's counts (org.tokenauth.accounts.entity.FailureWindow): per username or client
-- address (SHA-256 of the key, hex), the window's start (epoch milliseconds) and the attempts counted
-- in it, in flight included. Shared by every server of one database.
CREATE TABLE login_attempts (key_hash VARCHAR(64) NOT NULL, window_start BIGINT NOT NULL, attempts INTEGER NOT NULL, PRIMARY KEY (key_hash));
CREATE INDEX login_attempts_window_start ON login_attempts (window_start);
