-- wrk script: POST /webhooks/standard, each request a new message signed per Standard Webhooks. Signing needs
-- HMAC-SHA256, which wrk's LuaJIT lacks, so scripts/load signs them beforehand (fresh timestamps, within the
-- five minutes the endpoint accepts) into one file per thread: id, timestamp, signature and body, tab-separated.
local threads = {}

function setup(thread)
  thread:set("file", os.getenv("PORTER_SIGNED") .. "." .. #threads)
  table.insert(threads, thread)
end

function init(args)
  signed = {}
  for line in io.lines(file) do
    table.insert(signed, line)
  end
  next_request = 0
end

function request()
  next_request = next_request + 1
  local line = signed[(next_request - 1) % #signed + 1]
  local id, timestamp, signature, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
  return wrk.format("POST", "/webhooks/standard", {
    ["Content-Type"] = "application/json",
    ["webhook-id"] = id,
    ["webhook-timestamp"] = timestamp,
    ["webhook-signature"] = signature,
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, socket errors %d\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
