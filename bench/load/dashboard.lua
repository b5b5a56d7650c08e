-- wrk script: the signed-in dashboard's queue page, GET /dashboard, with a sign-in cookie made beforehand.
function init(args)
  cookie = os.getenv("PORTER_COOKIE")
end

function request()
  return wrk.format("GET", "/dashboard", { ["Cookie"] = cookie })
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, socket errors %d\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
