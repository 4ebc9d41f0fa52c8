-- wrk script for the serving benchmark: POSTs one prepared OIP request body over and over.
-- Environment: BODY (file with the JSON body), TOKEN (bearer token, optional), BATCH and
-- CONNECTIONS (only echoed in the RESULT line).
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local batch = tonumber(os.getenv("BATCH") or "1")
  local conns = tonumber(os.getenv("CONNECTIONS") or "0")
  local secs = summary.duration / 1e6
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format(
    "RESULT mode=http-wrk batch=%d concurrency=%d seconds=%.1f requests=%d errors=%d req_per_s=%.1f img_per_s=%.1f p50_ms=%.3f p99_ms=%.3f\n",
    batch, conns, secs, summary.requests, errors, summary.requests / secs, summary.requests * batch / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
