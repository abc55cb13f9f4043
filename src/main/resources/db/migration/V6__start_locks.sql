-- Rows that a server locks (SELECT ... FOR UPDATE) while it makes what must exist once and that every server of one
-- database makes at start if it is missing: the first signing keys, the configured administrator
-- (org.tokenauth.platform.StartLocks). Several nodes starting at once are serialised by the lock, and all but the
-- first find what the first one made, instead of failing on a unique key and logging it.
CREATE TABLE start_locks (name VARCHAR(64) NOT NULL, PRIMARY KEY (name));
INSERT INTO start_locks (name) VALUES ('signing-keys');
INSERT INTO start_locks (name) VALUES ('administrator');
