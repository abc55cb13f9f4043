-- The signing keys, in the database so that every server of one database signs with the same key and
-- verifies every key (org.tokenauth.jwt.entity.SigningKey). slot is 'current' (signs), 'next' (published,
-- signs after the next rotation) or null (retired: still published until what it signed has expired);
-- unique, so that two servers cannot both make or promote a key. The private half is a JWE (dir,
-- A256GCM) under the key-encryption key, and null once the key is retired. Times in epoch milliseconds.
CREATE TABLE signing_keys (kid VARCHAR(64) NOT NULL, slot VARCHAR(8) UNIQUE, public_jwk VARCHAR(2000) NOT NULL, private_jwk VARCHAR(8000), created_at BIGINT NOT NULL, activated_at BIGINT, retired_at BIGINT, PRIMARY KEY (kid));
