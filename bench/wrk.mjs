// The wrk driver of the server benchmarks (serve, compress, conditional, sse, file, static): run a
// bench script under Deno or Bun, start a bench server and read its port, run wrk against it and
// parse what wrk prints, alternate baseline and candidate (ABBA), and reduce the rounds to
// medians, paired ratios and the server's CPU time per request (from /proc/<pid>/stat), in the
// columns of a Markdown table.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { get } from "node:http";
import { cpuMicros, markdownTable, median, pairedRatio } from "./report.mjs";

/**
 * The settings of a run: `defaults` (rounds, warm-up and round seconds, connections), each
 * overridden by its environment variable (BENCH_ROUNDS, BENCH_WARMUP, BENCH_SECONDS,
 * BENCH_CONNECTIONS).
 */
export function wrkOptions(defaults) {
  const env = (name, fallback) => Number(process.env[name] ?? fallback);
  return {
    rounds: env("BENCH_ROUNDS", defaults.rounds),
    warmup: env("BENCH_WARMUP", defaults.warmup),
    seconds: env("BENCH_SECONDS", defaults.seconds),
    connections: env("BENCH_CONNECTIONS", defaults.connections),
  };
}

/**
 * The servers a bench of the response classes runs on: Deno.serve, Bun.serve and Hono on each,
 * less those that BENCH_TARGETS (a list of `deno-native`, `bun-native`, `deno-hono`, `bun-hono`)
 * leaves out.
 */
export function serverTargets() {
  const only = process.env.BENCH_TARGETS?.split(",");
  return [
    { runtime: "deno", mode: "native", server: "Deno.serve" },
    { runtime: "bun", mode: "native", server: "Bun.serve" },
    { runtime: "deno", mode: "hono", server: "Hono on Deno" },
    { runtime: "bun", mode: "hono", server: "Hono on Bun" },
  ].filter((t) => !only || only.includes(`${t.runtime}-${t.mode}`));
}

/** Installs wrk with apt-get when it is missing. */
export function ensureWrk() {
  if (spawnSync("wrk", ["--version"]).error === undefined) return;
  console.log("wrk is missing: apt-get update && apt-get install -y wrk");
  execFileSync("sh", ["-c", "apt-get update && apt-get install -y wrk"], { stdio: "inherit" });
}

/** The command line that runs `script` with `args` under `runtime` (Deno with `denoFlags` too). */
export function runtimeCommand(runtime, script, args, denoFlags = []) {
  const argv = runtime === "deno" ? ["run", "-A", ...denoFlags, script, ...args] : [script, ...args];
  return [`node_modules/.bin/${runtime}`, argv];
}

/**
 * Starts `script` with `args` under `runtime` (Deno with `denoFlags` too); resolves once it
 * prints `listening <port>` (run in `cwd`, the current directory by default), with its URL, port and pid, a function that makes a side of
 * `alternate` of one of its paths, and a function that stops it with `signal`.
 */
export function startServer(runtime, script, args, { denoFlags = [], signal = "SIGTERM", cwd } = {}) {
  const child = spawn(...runtimeCommand(runtime, script, args, denoFlags), {
    cwd,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("exit", (code) => reject(new Error(`${runtime} ${script} ${args.join(" ")} exited with ${code}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const port = out.match(/listening (\d+)/)?.[1];
      if (!port) return;
      child.removeAllListeners("exit");
      resolve({
        url: `http://127.0.0.1:${port}`,
        port: Number(port),
        pid: child.pid,
        side: (path) => ({ url: `http://127.0.0.1:${port}${path}`, pid: child.pid }),
        stop: () => new Promise((done) => (child.once("exit", done), child.kill(signal))),
      });
    });
  });
}

/**
 * Starts a server as `startServer` does, resolves with what `use(server)` resolves with, and
 * stops the server whether `use` succeeds or throws.
 */
export async function withServer(runtime, script, args, use, options) {
  const server = await startServer(runtime, script, args, options);
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/**
 * GETs `url` with `headers` on a connection of its own (no keep-alive pool to go stale between
 * runs): the status, the response headers and the body's bytes.
 */
export function fetchOnce(url, headers = {}) {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, headers }, (res) => {
      const parts = [];
      res.on("data", (chunk) => parts.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    }).on("error", reject);
  });
}

/** Runs wrk against `url` (one thread) and returns what it prints. */
export function wrkOutput(url, { seconds, connections, headers = [] }) {
  // A long timeout: a 1 MiB compression on a busy machine can take more than wrk's default 2 s.
  const args = [
    "-t1",
    `-c${connections}`,
    `-d${seconds}s`,
    "--timeout",
    "30s",
    ...headers.flatMap((h) => ["-H", h]),
    url,
  ];
  return execFileSync("wrk", args, { encoding: "utf8" });
}

/**
 * One wrk run against `url`: requests per second, and the CPU time per request of the server
 * process `pid` in microseconds (which the machine's other tenants move less than they move
 * throughput). Throws unless every request succeeded.
 */
export function wrk(url, { pid, ...options }) {
  const before = cpuMicros(pid);
  const out = wrkOutput(url, options);
  const cpu = cpuMicros(pid) - before;
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]);
  const requests = Number(out.match(/(\d+) requests in/)?.[1]);
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)|Socket errors: .*/)?.[0];
  if (!Number.isFinite(rps) || !(requests > 0) || errors) throw new Error(`wrk against ${url} failed:\n${out}`);
  return { rps, cpu: cpu / requests };
}

/**
 * Baseline and candidate alternately (ABBA, so that neither always runs first) for `rounds`
 * rounds, after a warm-up of `warmup` seconds each: the runs of each side. A side is a URL and
 * the pid of the server process behind it (one server for both, or one each).
 */
export function alternate(base, cand, { rounds, warmup, ...options }) {
  const run = (side, seconds = options.seconds) => wrk(side.url, { ...options, seconds, pid: side.pid });
  // A warm-up may complete no request on a busy machine (the first 1 MiB compressions are slow):
  // only the measured rounds must succeed.
  for (const side of [base, cand]) {
    try {
      run(side, warmup);
    } catch {
      console.log(`warm-up of ${side.url}: no request completed`);
    }
  }
  const runs = { base: [], cand: [] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ["base", "cand"] : ["cand", "base"];
    for (const side of order) runs[side].push(run(side === "base" ? base : cand));
  }
  return runs;
}

/**
 * Runs of baseline and candidate measured in pairs: the medians of req/s and of CPU µs/request,
 * the paired throughput ratio, and the paired CPU ratio (baseline CPU / candidate CPU: throughput
 * is inversely proportional to the CPU time per request, so it reads like the throughput ratio).
 */
export function summarize(base, cand) {
  const rps = (runs) => runs.map((run) => run.rps);
  const perRequest = (runs) => runs.map((run) => 1 / run.cpu);
  return {
    baseRps: median(rps(base)),
    candRps: median(rps(cand)),
    ratio: pairedRatio(rps(base), rps(cand)),
    baseCpu: median(base.map((run) => run.cpu)),
    candCpu: median(cand.map((run) => run.cpu)),
    cpuRatio: pairedRatio(perRequest(base), perRequest(cand)),
  };
}

/** `alternate`, then `summarize`: one row of a baseline/candidate table. */
export function pairs(base, cand, options) {
  const runs = alternate(base, cand, options);
  return summarize(runs.base, runs.cand);
}

/**
 * The cells of a `Summary` in a table: req/s with `rps` decimals, µs/request with `cpu`
 * decimals, the two ratios with `ratio` decimals.
 */
export function summaryCells(summary, { rps = 0, cpu = 1, ratio = 2 } = {}) {
  const { baseRps, candRps, baseCpu, candCpu } = summary;
  return [
    baseRps.toFixed(rps),
    candRps.toFixed(rps),
    summary.ratio.toFixed(ratio),
    baseCpu.toFixed(cpu),
    candCpu.toFixed(cpu),
    summary.cpuRatio.toFixed(ratio),
  ];
}

/**
 * A Markdown table of rows that each hold a `Summary`: the columns `labels` (their cells
 * `labelsOf(row)`; the first `textColumns` of them left-aligned, all by default), then the
 * summary's six (its cells `summaryCells(row, digits)`).
 */
export function summaryTable(labels, rows, labelsOf, { textColumns = labels.length, ...digits } = {}) {
  const head = [...labels, "baseline req/s | candidate req/s | ratio | baseline µs/req | candidate µs/req | CPU ratio"];
  return markdownTable(head.join(" | "), textColumns, rows.map((r) => [...labelsOf(r), ...summaryCells(r, digits)]));
}
