/**
 * `staticFiles` and `serveFiles` against Hono's own `serveStatic`, with wrk against real servers
 * on 127.0.0.1, under Deno and Bun (see bench/static_server.ts for the three servers): a GET of
 * a 4 KiB and of a 1 MiB file; Hono's `serveStatic` is the baseline of both candidates
 * (`staticFiles` as the whole `Deno.serve` / `Bun.serve` handler; `serveFiles` alone on its Hono
 * route); they alternate, ROUNDS rounds of SECONDS seconds each (the runner of bench/file.ts):
 * requests per second and the server's CPU time per request, compared pair by pair.
 *
 * Installs wrk with apt-get when it is missing. Writes its section of BENCHMARKS.md.
 *
 * Usage: bun bench/static.ts (or deno run -A bench/static.ts); npm run bench:static.
 * Environment: ROUNDS (default 5), SECONDS (default 3), RUNTIMES (a comma-separated subset of
 * "deno,bun", the default; a subset prints its table and leaves BENCHMARKS.md alone).
 */

import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
// @deno-types="./report.d.mts"
import { markdownTable, stealMeter, writeSection } from "./report.mjs";
// @deno-types="./wrk.d.mts"
import { ensureWrk, type Server, startServer, summaryCells } from "./wrk.mjs";
import { compare, type Scenario, type Throughput, writeRandom } from "./file.ts";

const ALL_RUNTIMES = ["deno", "bun"];
const RUNTIMES = (process.env.RUNTIMES ?? ALL_RUNTIMES.join(",")).split(",").map((r) => r.trim());
for (const r of RUNTIMES) if (!ALL_RUNTIMES.includes(r)) throw new Error(`RUNTIMES: unknown runtime ${r}`);
const MiB = 1024 * 1024;
const SERVER = "bench/static_server.ts";
const CANDIDATES = ["staticFiles", "serveFiles"] as const;

const SCENARIOS: Scenario[] = [
  { name: "GET 4 KiB", path: "/4k.bin", bytes: 4096, connections: 16, headers: [] },
  { name: "GET 1 MiB", path: "/1m.bin", bytes: MiB, connections: 16, headers: [] },
];

interface Row extends Throughput {
  candidateName: string;
}

async function runtimeRows(runtime: string, dir: string): Promise<Row[]> {
  const servers: Record<string, Server> = {};
  const rows: Row[] = [];
  try {
    for (const mode of ["serveStatic", ...CANDIDATES]) servers[mode] = await startServer(runtime, SERVER, [mode, dir]);
    for (const scenario of SCENARIOS) {
      for (const candidateName of CANDIDATES) {
        const pair = { baseline: servers.serveStatic!, candidate: servers[candidateName]! };
        const row = compare(runtime, { ...scenario, name: `${scenario.name}, ${candidateName}` }, pair);
        rows.push({ ...row, scenario: scenario.name, candidateName });
      }
    }
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
  return rows;
}

ensureWrk();
const dir = mkdtempSync(join(tmpdir(), "allresponses-bench-static-"));
try {
  writeRandom(join(dir, "4k.bin"), 4096);
  writeRandom(join(dir, "1m.bin"), MiB);
  const steal = stealMeter();
  const rows: Row[] = [];
  for (const runtime of RUNTIMES) rows.push(...await runtimeRows(runtime, dir));
  const load = loadavg().map((n) => n.toFixed(2)).join(", ");
  const rounds = process.env.ROUNDS ?? "5";
  const seconds = process.env.SECONDS ?? "3";
  const table = [
    `${rounds} rounds of ${seconds} s per case; wrk -t1, 16 connections. Baseline: Hono's \`serveStatic\` ` +
    "(`hono/deno`, `hono/bun`) alone on its route; candidates: `staticFiles` as the whole server handler, " +
    "`serveFiles` alone on its Hono route. Requests/s and the server's CPU time per request are medians; each " +
    "ratio is the median of the back-to-back pairs, the CPU ratio being baseline CPU / candidate CPU (read it like " +
    `the throughput ratio). CPU steal during the run: ${steal().toFixed(1)} %; load average at the end ` +
    `(1, 5, 15 min): ${load}.`,
    "",
    markdownTable(
      "runtime | case | candidate | serveStatic (req/s) | candidate (req/s) | ratio | serveStatic µs/req | candidate µs/req | CPU ratio",
      3,
      rows.map((r) => {
        const perSecond = (mibs: number) => (mibs * MiB) / (r.scenario.includes("4 KiB") ? 4096 : MiB);
        const summary = { ...r, baseRps: perSecond(r.baseline), candRps: perSecond(r.candidate) };
        return [r.runtime, r.scenario, r.candidateName, ...summaryCells(summary, { cpu: 0, ratio: 3 })];
      }),
    ),
  ].join("\n");
  console.log(table);
  if (ALL_RUNTIMES.every((r) => RUNTIMES.includes(r))) writeSection("static", table);
  else console.error("RUNTIMES is a subset: BENCHMARKS.md left as it is");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
