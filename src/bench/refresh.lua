-- POST /api/auth/jwt/refresh, each request with a refresh token never used before. The tokens are
-- the lines of BENCH_REFRESH_DIR/refresh-<BENCH_PHASE>.txt (run.sh makes them, one login session
-- each, before the server starts; the warm-up and the run have a file each); each wrk thread takes its own contiguous slice of the lines, and its connections take
-- the next one per request. A thread that runs out stops (pool_exhausted in the report): make the
-- pool bigger (BENCH_REFRESH_TOKENS) if that happens.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.path = "/api/auth/jwt/refresh"
wrk.headers["Content-Type"] = "application/json"

local mine = {}
local next_one = 1
exhausted = 0

function init(args)
   local all = {}
   for line in io.lines(os.getenv("BENCH_REFRESH_DIR") .. "/refresh-" .. os.getenv("BENCH_PHASE") .. ".txt") do
      if line ~= "" then
         table.insert(all, line)
      end
   end
   local count = tonumber(os.getenv("BENCH_THREADS"))
   local per = math.floor(#all / count)
   for i = thread_no * per + 1, (thread_no + 1) * per do
      table.insert(mine, all[i])
   end
end

function request()
   local token = mine[next_one]
   if token == nil then
      exhausted = exhausted + 1
      wrk.thread:stop()
      token = "tkr_exhausted"
   end
   next_one = next_one + 1
   return wrk.format(nil, nil, nil, '{"refresh_token":"' .. token .. '"}')
end
