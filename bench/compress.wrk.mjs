// The wrk driver shared by bench/compress.mjs and bench/conditional.mjs: start a bench server
// under Deno or Bun, run wrk against two URLs of it alternately (ABBA), and reduce the rounds
// to medians, paired ratios and the server's CPU time per request (from /proc/<pid>/stat).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpuMicros, pairedRatio } from "./report.mjs";

/** Installs wrk with apt-get when it is missing. */
export function ensureWrk() {
  if (spawnSync("wrk", ["--version"]).error === undefined) return;
  console.log("wrk is missing: apt-get update && apt-get install -y wrk");
  execFileSync("sh", ["-c", "apt-get update && apt-get install -y wrk"], { stdio: "inherit" });
}

/** Starts `script` in `mode` under `runtime`; resolves once it prints `listening <port>`. */
export function startServer(runtime, script, mode) {
  const args = runtime === "deno" ? ["run", "-A", script, mode] : [script, mode];
  const child = spawn(`node_modules/.bin/${runtime}`, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("exit", (code) => reject(new Error(`${runtime} ${script} ${mode} exited with ${code}`)));
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

/** One wrk run: requests per second and the server's CPU µs per request. */
export function wrk(url, { seconds, connections, headers = [], pid }) {
  const before = cpuMicros(pid);
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
  const out = execFileSync("wrk", args, { encoding: "utf8" });
  const cpu = cpuMicros(pid) - before;
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]);
  const requests = Number(out.match(/(\d+) requests in/)?.[1]);
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)|Socket errors: .*/)?.[0];
  if (!Number.isFinite(rps) || !(requests > 0) || errors) throw new Error(`wrk against ${url} failed:\n${out}`);
  return { rps, cpu: cpu / requests };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * Baseline and candidate alternately (ABBA) for `rounds` rounds after a warm-up of each: the
 * medians of req/s and CPU µs/request, the paired throughput ratio, and the paired CPU ratio
 * (baseline CPU / candidate CPU, read like the throughput ratio).
 */
export function pairs(base, cand, { rounds, warmup, ...options }) {
  // A warm-up may complete no request on a busy machine (the first 1 MiB compressions are slow):
  // only the measured rounds must succeed.
  for (const url of [base, cand]) {
    try {
      wrk(url, { ...options, seconds: warmup });
    } catch {
      console.log(`warm-up of ${url}: no request completed`);
    }
  }
  const b = [];
  const k = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      b.push(wrk(base, options));
      k.push(wrk(cand, options));
    } else {
      k.push(wrk(cand, options));
      b.push(wrk(base, options));
    }
  }
  const rps = (runs) => runs.map((run) => run.rps);
  const perRequest = (runs) => runs.map((run) => 1 / run.cpu);
  return {
    baseRps: median(rps(b)),
    candRps: median(rps(k)),
    ratio: pairedRatio(rps(b), rps(k)),
    baseCpu: median(b.map((run) => run.cpu)),
    candCpu: median(k.map((run) => run.cpu)),
    cpuRatio: pairedRatio(perRequest(b), perRequest(k)),
  };
}
