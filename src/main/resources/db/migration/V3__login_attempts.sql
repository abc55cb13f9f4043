-- The login throttle's counts (org.tokenauth.accounts.entity.FailureWindow): per username or client address (the
-- SHA-256 of the key, hex), the window's start (epoch milliseconds), the failures counted in it, and the password
-- checks in flight. Shared by every server of one database.
CREATE TABLE login_attempts (key_hash VARCHAR(64) NOT NULL, window_start BIGINT NOT NULL, failures INTEGER NOT NULL, in_flight INTEGER NOT NULL, PRIMARY KEY (key_hash));
CREATE INDEX login_attempts_window_start ON login_attempts (window_start);
