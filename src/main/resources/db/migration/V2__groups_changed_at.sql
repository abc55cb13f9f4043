-- When an administrator last set an account's groups: access tokens issued before carry no more than
-- the groups of now (org.tokenauth.jwt.control.RevocationState). Null: never changed.
ALTER TABLE accounts ADD COLUMN groups_changed_at BIGINT;
