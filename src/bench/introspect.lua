-- POST /api/auth/introspect (RFC 7662) of the bench user's API token (BENCH_TOKEN), form-encoded as the
-- RFC has it, by a service: the administrator's API token that holds tokens:introspect (BENCH_AUTH).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
-- an API token is base64url (A-Z a-z 0-9 - _) after "tka_": nothing in it needs percent-encoding
wrk.body = "token=" .. os.getenv("BENCH_TOKEN")
