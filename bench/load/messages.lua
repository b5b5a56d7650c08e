-- wrk script: POST /api/v1/messages with a new externalId every request (each thread has its own prefix),
-- so every request is decided and stored, none is a repeat. The API key comes from PORTER_KEY.
local threads = {}

function setup(thread)
  thread:set("prefix", "load-" .. os.time() .. "-" .. #threads .. "-")
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  key = os.getenv("PORTER_KEY")
end

function request()
  counter = counter + 1
  local body = '{"channel":"chat","from":"jordan.lee","body":"Could you check item ' .. counter ..
    '?","externalId":"' .. prefix .. counter .. '"}'
  return wrk.format("POST", "/api/v1/messages", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, socket errors %d\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
