-- Shared by the scenario scripts (loaded with dofile): done() prints one line that run.sh reads,
--   BENCH requests=N duration_us=N non2xx=N p50_us=N p99_us=N max_us=N socket_errors=N [status_NNN=N ...]
-- non2xx is wrk's count of responses with a status above 399 (the API answers no 1xx or 3xx here).
-- A script that counts statuses itself (a global table `statuses` in each thread, see count_status)
-- gets them aggregated over the threads.

local threads = {}

function setup(thread)
   thread:set("thread_no", #threads)
   table.insert(threads, thread)
end

function count_status(status)
   statuses[status] = (statuses[status] or 0) + 1
end

-- BENCH_COUNT_STATUSES=1 (run.sh sets it for warm-ups, which are not measured) counts the status
-- codes of a script that does not itself; it costs wrk time to read every response.
if os.getenv("BENCH_COUNT_STATUSES") == "1" then
   statuses = {}
   function response(status, headers, body)
      count_status(status)
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   local line = string.format(
      "BENCH requests=%d duration_us=%d non2xx=%d p50_us=%d p99_us=%d max_us=%d socket_errors=%d timeouts=%d",
      summary.requests, summary.duration, e.status, latency:percentile(50), latency:percentile(99), latency.max,
      e.connect + e.read + e.write, e.timeout)
   local total = {}
   local exhausted = 0
   for _, thread in ipairs(threads) do
      local counted = thread:get("statuses")
      if counted then
         for status, n in pairs(counted) do
            total[status] = (total[status] or 0) + n
         end
      end
      exhausted = exhausted + (thread:get("exhausted") or 0)
   end
   local codes = {}
   for status in pairs(total) do
      table.insert(codes, status)
   end
   table.sort(codes)
   for _, status in ipairs(codes) do
      line = line .. string.format(" status_%d=%d", status, total[status])
   end
   if exhausted > 0 then
      line = line .. " pool_exhausted=" .. exhausted
   end
   io.write(line .. "\n")
end
