-- The wrk side of `npm run soak` (scripts/soak.mjs): a weighted mix of requests against
-- bench/soak_server.ts, and a count of the responses by status, printed as one JSON line
-- ("SOAK {...}") when wrk is done. No HEAD here: wrk waits for the body a HEAD response's
-- Content-Length announces, so scripts/soak.mjs sends the HEADs itself.
-- Usage: wrk -s bench/soak.lua <url> -- <ETag of /file/small.txt>

local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local mix = {}
counts = {}

function init(args)
  local etag = args[1]
  math.randomseed(os.time() * 100 + id)
  local entries = {
    -- weight, method, path, headers
    { 20, "GET", "/file/small.txt", {} },
    { 10, "GET", "/file/medium.bin", {} },
    { 10, "GET", "/file/medium.bin", { ["Range"] = "bytes=0-1023" } },
    { 5, "GET", "/file/medium.bin", { ["Range"] = "bytes=-100" } },
    { 5, "GET", "/file/medium.bin", { ["Range"] = "bytes=0-99,1000-1999,200000-" } },
    { 15, "GET", "/file/small.txt", { ["If-None-Match"] = etag } },
    { 3, "GET", "/file/medium.bin", { ["Range"] = "bytes=999999999-" } },
    { 2, "GET", "/file/missing.txt", {} },
    { 10, "GET", "/sse?n=5", {} },
    { 10, "GET", "/stream?n=16", {} },
  }
  for _, e in ipairs(entries) do
    local request = wrk.format(e[2], e[3], e[4])
    for _ = 1, e[1] do
      table.insert(mix, request)
    end
  end
end

function request()
  return mix[math.random(#mix)]
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    table.insert(parts, string.format('"%s":%d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'SOAK {"requests":%d,"duration_us":%d,"bytes":%d,"statuses":{%s},' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},"latency_p99_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, table.concat(parts, ","),
    e.connect, e.read, e.write, e.timeout, latency:percentile(99)
  ))
end
