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
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { get } from "node:http";
import { cpuMicros, pairedRatio, stealMeter, writeSection } from "./report.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WRITE = process.env.BENCH_WRITE !== "0";

function ensureWrk() {
  if (spawnSync("wrk", ["--version"]).error === undefined) return;
  console.log("wrk is missing: apt-get update && apt-get install -y wrk");
  execFileSync("sh", ["-c", "apt-get update && apt-get install -y wrk"], { stdio: "inherit" });
}

/** Starts bench/serve.ts in `mode` under `runtime`; resolves with its URL and a stop function. */
function startServer(runtime, mode) {
  const args = runtime === "deno" ? ["run", "-A", "bench/serve.ts", mode] : ["bench/serve.ts", mode];
  const child = spawn(`node_modules/.bin/${runtime}`, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("exit", (code) => reject(new Error(`${runtime} ${mode} server exited with ${code}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const port = out.match(/listening (\d+)/)?.[1];
      if (port) {
        child.removeAllListeners("exit");
        resolve({
          url: `http://127.0.0.1:${port}`,
          pid: child.pid,
          stop: () => new Promise((done) => (child.once("exit", done), child.kill("SIGTERM"))),
        });
      }
    });
  });
}

/**
 * One wrk run against `url`: requests per second, and the server's CPU time per request in
 * microseconds (which the machine's other tenants move less than they move throughput).
 */
function wrk(url, seconds, pid) {
  const before = cpuMicros(pid);
  const out = execFileSync("wrk", ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, url], { encoding: "utf8" });
  const cpu = cpuMicros(pid) - before;
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]);
  const requests = Number(out.match(/(\d+) requests in/)?.[1]);
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)|Socket errors: .*/)?.[0];
  if (!Number.isFinite(rps) || !(requests > 0) || errors) throw new Error(`wrk against ${url} failed:\n${out}`);
  return { rps, cpu: cpu / requests };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** GETs `url` on a connection of its own (no keep-alive pool to go stale between runs). */
function fetchOnce(url) {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    }).on("error", reject);
  });
}

/** Checks that baseline and candidate answer alike before timing them. */
async function sameAnswer(base, cand) {
  const a = await fetchOnce(base);
  const b = await fetchOnce(cand);
  if (a.status !== 200 || b.status !== 200 || a.body !== b.body) {
    throw new Error(
      `${base} and ${cand} differ: ${a.status} ${JSON.stringify(a.body)} / ${b.status} ${JSON.stringify(b.body)}`,
    );
  }
}

const only = process.env.BENCH_TARGETS?.split(",");
const targets = [
  { runtime: "deno", mode: "native", server: "Deno.serve" },
  { runtime: "bun", mode: "native", server: "Bun.serve" },
  { runtime: "deno", mode: "hono", server: "Hono on Deno" },
  { runtime: "bun", mode: "hono", server: "Hono on Bun" },
].filter((t) => !only || only.includes(`${t.runtime}-${t.mode}`));
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
for (const { runtime, mode, server: serverName } of targets) {
  const server = await startServer(runtime, mode);
  try {
    for (const c of casesFor(mode)) {
      const base = server.url + c.base;
      const cand = server.url + c.cand;
      await sameAnswer(base, cand);
      // Warm-up long enough for the JIT to settle both handlers: with 1 s the first rows of a
      // server moved by ±20 % from round to round.
      wrk(base, WARMUP, server.pid);
      wrk(cand, WARMUP, server.pid);
      const b = [];
      const k = [];
      for (let r = 0; r < ROUNDS; r++) {
        // ABBA: neither side always runs first.
        if (r % 2 === 0) {
          b.push(wrk(base, SECONDS, server.pid));
          k.push(wrk(cand, SECONDS, server.pid));
        } else {
          k.push(wrk(cand, SECONDS, server.pid));
          b.push(wrk(base, SECONDS, server.pid));
        }
      }
      const rps = (runs) => runs.map((run) => run.rps);
      // Throughput is inversely proportional to the CPU time per request: the ratio of the
      // baseline's to the candidate's reads like the throughput ratio.
      const perRequest = (runs) => runs.map((run) => 1 / run.cpu);
      const row = {
        server: serverName,
        case: c.name,
        baseline: c.baseLabel,
        candidate: c.candLabel,
        baseRps: median(rps(b)),
        candRps: median(rps(k)),
        ratio: pairedRatio(rps(b), rps(k)),
        baseCpu: median(b.map((run) => run.cpu)),
        candCpu: median(k.map((run) => run.cpu)),
        cpuRatio: pairedRatio(perRequest(b), perRequest(k)),
      };
      rows.push(row);
      console.log(JSON.stringify({ ...row, baseRuns: rps(b).map(Math.round), candRuns: rps(k).map(Math.round) }));
    }
  } finally {
    await server.stop();
  }
}
console.log(`done in ${Math.round((Date.now() - started) / 1000)} s`);

const table = [
  `wrk -t1 -c${CONNECTIONS}, ${ROUNDS} rounds of ${SECONDS} s per side. req/s and the server's CPU time per ` +
  `request (µs) are medians; each ratio is the median of the ${ROUNDS} back-to-back pairs, the CPU ratio being ` +
  `baseline CPU / candidate CPU (read it like the throughput ratio). CPU steal during the run: ${
    steal().toFixed(1)
  } %.`,
  "",
  "| server | case | baseline | candidate | baseline req/s | candidate req/s | ratio | baseline µs/req | candidate µs/req | CPU ratio |",
  "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...rows.map((r) =>
    `| ${r.server} | ${r.case} | ${r.baseline} | ${r.candidate} | ${Math.round(r.baseRps)} | ${
      Math.round(r.candRps)
    } | ` +
    `${r.ratio.toFixed(2)} | ${r.baseCpu.toFixed(1)} | ${r.candCpu.toFixed(1)} | ${r.cpuRatio.toFixed(2)} |`
  ),
].join("\n");
console.log(table);
if (WRITE) writeSection("serve", table);
