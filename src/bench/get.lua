-- GET of the URL's path, with the Authorization header in BENCH_AUTH when it is set
-- (baseline: none; me_bearer: "Bearer <jwt>"; me_token: "Token tka_...").
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then
   wrk.headers["Authorization"] = auth
end
