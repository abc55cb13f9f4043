-- What an API token may do (org.tokenauth.accounts.control.Scopes), comma-separated; null for a token made without
-- scopes, which has all of its owner's groups and both management scopes (every token made by version 1.0).
ALTER TABLE api_tokens ADD COLUMN scopes VARCHAR(2000);
