-- GET /api/me during the flood, taking turns with the JWT (BENCH_BEARER) and the API token
-- (BENCH_TOKEN); counts every status code, so that any answer but 200 shows.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

statuses = {}
local turn = 0
local bearer, token

function init(args)
   -- built here, not at load: wrk sets the Host header just before init()
   bearer = wrk.format("GET", "/api/me", { ["Authorization"] = os.getenv("BENCH_BEARER") })
   token = wrk.format("GET", "/api/me", { ["Authorization"] = os.getenv("BENCH_TOKEN") })
end

function request()
   turn = turn + 1
   return (turn % 2 == 0) and bearer or token
end

function response(status, headers, body)
   count_status(status)
end
