-- POST /api/auth/jwt with wrong passwords, for usernames that exist (seed1 ... seed100000) and some
-- that do not, as a credential-stuffing client would; counts every status code.
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")

wrk.method = "POST"
wrk.path = "/api/auth/jwt"
wrk.headers["Content-Type"] = "application/json"

statuses = {}
local n = 0

function init(args)
   n = thread_no * 1000003
end

function request()
   n = n + 1
   local username = (n % 4 == 0) and ("nobody" .. n) or ("seed" .. (n % 100000 + 1))
   return wrk.format(nil, nil, nil, '{"username":"' .. username .. '","password":"wrong password ' .. n .. '"}')
end

function response(status, headers, body)
   count_status(status)
end
