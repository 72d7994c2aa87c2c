#!/usr/bin/env node
// What conditionalGet costs: a 4 KiB JSON body (JsonResponseOK) with and without it, on
// Deno.serve, Bun.serve and Hono on each (bench/conditional.ts), with wrk on 127.0.0.1, baseline
// and candidate alternating (ABBA) on one warm server. The target: the middleware adds at most
// 10 % to the server's CPU time per request (CPU ratio ≥ 0.91). A native row also compares a
// WebCrypto SHA-1 ETag, the alternative to the hash the library uses. Results go into the
// "conditional" section of BENCHMARKS.md.
//
// Usage: node bench/conditional.mjs         (about 6 minutes)
//        BENCH_ROUNDS=2 BENCH_SECONDS=1 BENCH_WARMUP=1 BENCH_WRITE=0 node bench/conditional.mjs   (a quick check)
//        BENCH_TARGETS=deno-native,bun-hono …
import { stealMeter, writeSection } from "./report.mjs";
import { ensureWrk, fetchOnce, pairs, serverTargets, summaryTable, withServer, wrkOptions } from "./wrk.mjs";

const options = wrkOptions({ rounds: 11, warmup: 3, seconds: 1, connections: 50 });
const WRITE = process.env.BENCH_WRITE !== "0";

const casesFor = (mode) => [
  {
    base: "/plain",
    cand: "/tagged",
    label: mode === "native" ? "conditionalGet(handler)" : "conditionalGet() middleware",
  },
  ...(mode === "native"
    ? [
      { base: "/plain", cand: "/sha1", label: "WebCrypto SHA-1 ETag (for comparison)" },
      { base: "/plain", cand: "/headers", label: "part: reading the request's If-None-Match only", etag: false },
      { base: "/plain", cand: "/rebuilt", label: "part: the body read and sent in a new Response with an ETag" },
    ]
    : []),
];

ensureWrk();
const steal = stealMeter();
const rows = [];
for (const { runtime, mode, server: name } of serverTargets()) {
  await withServer(runtime, "bench/conditional.ts", [mode], async (server) => {
    for (const c of casesFor(mode)) {
      const a = await fetchOnce(server.url + c.base);
      const b = await fetchOnce(server.url + c.cand);
      if (!a.body.equals(b.body) || (c.etag !== false && !b.headers.etag) || a.status !== 200 || b.status !== 200) {
        throw new Error(`${c.base} and ${c.cand} differ, or ${c.cand} has no ETag`);
      }
      const row = {
        server: name,
        candidate: c.label,
        bytes: a.body.length,
        ...pairs(server.side(c.base), server.side(c.cand), options),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  });
}

const table = [
  `wrk -t1 -c${options.connections}, ${options.rounds} rounds of ${options.seconds} s per side after ${options.warmup} s of warm-up; ` +
  `baseline: the same JsonResponseOK without it (Hono: behind a pass-through middleware). Medians; each ratio is the median of the ` +
  `back-to-back pairs, the CPU ratio being baseline CPU / candidate CPU (read it like the throughput ratio; ≥ 0.91 meets the 10 % target). ` +
  `CPU steal during the run: ${steal().toFixed(1)} %.`,
  "",
  summaryTable(["server", "candidate", "body bytes"], rows, (r) => [r.server, r.candidate, r.bytes], {
    textColumns: 2,
  }),
].join("\n");
console.log(table);
if (WRITE) writeSection("conditional", table);
