-- wrk script: the authenticated empty endpoint, GET /api/v1/ping (204), with the same API key.
function init(args)
  key = os.getenv("PORTER_KEY")
end

function request()
  return wrk.format("GET", "/api/v1/ping", { ["Authorization"] = "Bearer " .. key })
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, socket errors %d\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
