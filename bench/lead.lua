-- wrk script: POST a lead (/v1/lead, or a v4 NegotiationCreatedV4 to /v4/webhooks) with a lead ID no
-- other request of the run uses (@ID@ in the body).
-- wrk ... -s bench/lead.lua URL -- BODY_FILE PREFIX BASIC_AUTH_BASE64 [PATH, default /v1/lead]
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  local f = assert(io.open(args[1], "r"))
  template = f:read("*a")
  f:close()
  prefix = args[2] .. "-" .. tid .. "-"
  counter = 0
  wrk.method = "POST"
  wrk.path = args[4] or "/v1/lead"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Basic " .. args[3]
end

function request()
  counter = counter + 1
  local body = template:gsub("@ID@", prefix .. counter)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50":%.2f,"p99":%.2f,"max":%.2f,' ..
    '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
