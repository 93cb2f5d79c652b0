-- wrk script for every benchmark request. Configured from the environment:
--   WRK_METHOD (default GET), WRK_BODY (url-encoded form body), WRK_COOKIE (a Cookie header).
-- It prints one line, "WRK_JSON {...}", with the counts and latency percentiles (microseconds).
-- No response() callback: defining one makes wrk parse every body, which would slow the client.

local method = os.getenv("WRK_METHOD")
if method and method ~= "" then wrk.method = method end
local body = os.getenv("WRK_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local cookie = os.getenv("WRK_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
-- The same User-Agent as the login, so Flask-Login's session protection sees the same client.
wrk.headers["User-Agent"] = "wiki-bench"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
    '"status_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
