#!/usr/bin/env node
// Requests per second of the response classes against the plain equivalents on real servers:
// Deno.serve, Bun.serve, and Hono on each runtime (bench/serve.ts), measured with wrk on
// 127.0.0.1. Baseline and candidate alternate within one server process (ABBA order), and the
// medians go into the "serve" section of BENCHMARKS.md.
//
// Usage: node bench/serve.mjs            (about 8 minutes; on a quiet machine)
//        BENCH_ROUNDS=2 BENCH_SECONDS=1 BENCH_WARMUP=1 node bench/serve.mjs   (a quick validation run)
//        BENCH_WRITE=0 …                 (print only, leave BENCHMARKS.md alone)
//        BENCH_TARGETS=deno-native,bun-hono …   (some of deno-native, bun-native, deno-hono, bun-hono)
import { stealMeter, writeSection } from "./report.mjs";
import {
  alternate,
  ensureWrk,
  fetchOnce,
  serverTargets,
  summarize,
  summaryTable,
  withServer,
  wrkOptions,
} from "./wrk.mjs";

// Warm-up long enough for the JIT to settle both handlers: with 1 s the first rows of a server
// moved by ±20 % from round to round.
const options = wrkOptions({ rounds: 15, warmup: 3, seconds: 1, connections: 50 });
const WRITE = process.env.BENCH_WRITE !== "0";

/** Checks that baseline and candidate answer alike before timing them. */
async function sameAnswer(base, cand) {
  const a = await fetchOnce(base);
  const b = await fetchOnce(cand);
  if (a.status !== 200 || b.status !== 200 || !a.body.equals(b.body)) {
    const show = (r) => `${r.status} ${JSON.stringify(r.body.toString())}`;
    throw new Error(`${base} and ${cand} differ: ${show(a)} / ${show(b)}`);
  }
}

const casesFor = (mode) =>
  mode === "native"
    ? [
      {
        name: "JSON",
        base: "/json/plain",
        cand: "/json/ours",
        baseLabel: "Response.json()",
        candLabel: "JsonResponseOK",
      },
      {
        name: "text",
        base: "/text/plain",
        cand: "/text/ours",
        baseLabel: "new Response(text, { headers })",
        candLabel: "PlainTextResponse",
      },
      {
        name: "text",
        base: "/text/default",
        cand: "/text/ours",
        baseLabel: "new Response(text), the runtime's own Content-Type",
        candLabel: "PlainTextResponse",
      },
      {
        name: "JSON",
        base: "/json/same",
        cand: "/json/ours",
        baseLabel: "new Response(json) + Content-Length",
        candLabel: "JsonResponseOK",
      },
    ]
    : [
      { name: "JSON", base: "/json/plain", cand: "/json/ours", baseLabel: "c.json()", candLabel: "JsonResponseOK" },
      { name: "text", base: "/text/plain", cand: "/text/ours", baseLabel: "c.text()", candLabel: "PlainTextResponse" },
      {
        name: "JSON",
        base: "/mw/json/plain",
        cand: "/mw/json/ours",
        baseLabel: "c.json() + a pass-through middleware",
        candLabel: "JsonResponseOK + responses()",
      },
    ];

ensureWrk();
const started = Date.now();
const steal = stealMeter();
const rows = [];
for (const { runtime, mode, server: serverName } of serverTargets()) {
  await withServer(runtime, "bench/serve.ts", [mode], async (server) => {
    for (const c of casesFor(mode)) {
      await sameAnswer(server.url + c.base, server.url + c.cand);
      const runs = alternate(server.side(c.base), server.side(c.cand), options);
      const row = {
        server: serverName,
        case: c.name,
        baseline: c.baseLabel,
        candidate: c.candLabel,
        ...summarize(runs.base, runs.cand),
      };
      rows.push(row);
      const rps = (side) => side.map((run) => Math.round(run.rps));
      console.log(JSON.stringify({ ...row, baseRuns: rps(runs.base), candRuns: rps(runs.cand) }));
    }
  });
}
console.log(`done in ${Math.round((Date.now() - started) / 1000)} s`);

const table = [
  `wrk -t1 -c${options.connections}, ${options.rounds} rounds of ${options.seconds} s per side. req/s and the server's CPU time per ` +
  `request (µs) are medians; each ratio is the median of the ${options.rounds} back-to-back pairs, the CPU ratio being ` +
  `baseline CPU / candidate CPU (read it like the throughput ratio). CPU steal during the run: ${
    steal().toFixed(1)
  } %.`,
  "",
  summaryTable(["server", "case", "baseline", "candidate"], rows, (r) => [r.server, r.case, r.baseline, r.candidate]),
].join("\n");
console.log(table);
if (WRITE) writeSection("serve", table);
