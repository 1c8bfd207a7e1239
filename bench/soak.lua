-- wrk script of bench/soak.py: mixed reads and writes. SOAK_TARGETS names a Lua file that sets
-- reads (paths), kpis (ids the token may write to) and token. One request in ten is a new
-- measurement; the others are reads of the paths at random. Counts the responses by status and
-- prints them ("statuses: 200=… 201=…") when done.
dofile(os.getenv("SOAK_TARGETS"))
local counts = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  statuses = {}
end

request = function()
  if math.random(10) == 1 then
    local kpi = kpis[math.random(#kpis)]
    local day = os.date("!%Y-%m-%d", 946684800 + math.random(0, 36500) * 86400)
    local body = string.format('{"period":"%s","value":%d}', day, math.random(0, 1000))
    return wrk.format("POST", "/api/v1/kpis/" .. kpi .. "/measurements",
                      {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", reads[math.random(#reads)])
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s or {}) do total[k] = (total[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(total) do table.insert(parts, k .. "=" .. v) end
  table.sort(parts)
  io.write("statuses: " .. table.concat(parts, " ") .. "\n")
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%s %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
