-- POST /api/auth/jwt with the bench user's right password: one Argon2id verification, a new login
-- session and refresh token, and a signed access token per request.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.path = "/api/auth/jwt"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"username":"%s","password":"%s"}', os.getenv("BENCH_USERNAME"), os.getenv("BENCH_PASSWORD"))
