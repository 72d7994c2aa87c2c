/**
 * FileResponse against the runtime's plain file response, with wrk against real servers on
 * 127.0.0.1, under Deno and Bun (see bench/file_server.ts for the two handlers):
 *
 * - throughput: GET of a 4 KiB, a 64 KiB, a 1 MiB and a 64 MiB file, a 1 MiB Range GET of the
 *   64 MiB file, a closed range (`bytes=1000-65535`) of the 1 MiB file, and the 1 MiB file as a
 *   FileResponse made without the request; baseline and candidate alternate, ROUNDS rounds of
 *   SECONDS seconds each; throughput and the server's CPU time per request, each compared pair by
 *   pair;
 * - memory: the peak RSS (VmHWM) of a fresh server process while 32 clients download a 1 GiB
 *   file for RSS_SECONDS seconds;
 * - long Range headers: the time to parse a 100 000-character Range header (`parseRange`) and
 *   to build a FileResponse for a request that carries one, in a child process per runtime
 *   (`bench/file.ts --range-cost`, which prints its rows as JSON).
 *
 * Installs wrk with apt-get when it is missing. Writes its section of BENCHMARKS.md.
 *
 * Usage: bun bench/file.ts (or deno run -A bench/file.ts); npm run bench:file.
 * Environment: ROUNDS (default 5), SECONDS (default 3), RSS_SECONDS (default 6), RUNTIMES (a
 * comma-separated subset of "deno,bun", the default; a run of a subset prints its table and leaves
 * BENCHMARKS.md alone, since the section holds every runtime's rows); CASES (a comma-separated
 * subset of the case names' paths, e.g. "4k,crange", for a quick run that also leaves BENCHMARKS.md
 * alone).
 *
 * bench/static.ts uses its runner (`compare`, over the driver in bench/wrk.mjs).
 */

import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
// @deno-types="./report.d.mts"
import { markdownTable, median, stealMeter, writeSection } from "./report.mjs";
// @deno-types="./wrk.d.mts"
import {
  alternate,
  ensureWrk,
  runtimeCommand,
  type Server,
  startServer,
  summarize,
  summaryCells,
  withServer,
  wrkOutput,
} from "./wrk.mjs";
import { FileResponse, parseRange } from "../mod.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 3);
const RSS_SECONDS = Number(process.env.RSS_SECONDS ?? 6);
const ALL_RUNTIMES = ["deno", "bun"];
const RUNTIMES = (process.env.RUNTIMES ?? ALL_RUNTIMES.join(",")).split(",").map((r) => r.trim());
for (const r of RUNTIMES) if (!ALL_RUNTIMES.includes(r)) throw new Error(`RUNTIMES: unknown runtime ${r}`);
const MiB = 1024 * 1024;
const SERVER = "bench/file_server.ts";
const RANGE = `bytes=${MiB}-${2 * MiB - 1}`;

export type Mode = "baseline" | "candidate";
export interface Scenario {
  name: string;
  path: string;
  bytes: number;
  connections: number;
  headers: string[];
}

/** Every case of the throughput table. */
export const ALL_SCENARIOS: Scenario[] = [
  { name: "GET 4 KiB", path: "/4k", bytes: 4096, connections: 16, headers: [] },
  { name: "GET 64 KiB", path: "/64k", bytes: 64 * 1024, connections: 16, headers: [] },
  { name: "GET 1 MiB", path: "/1m", bytes: MiB, connections: 16, headers: [] },
  { name: "GET 64 MiB", path: "/64m", bytes: 64 * MiB, connections: 4, headers: [] },
  {
    name: "Range GET 1 MiB of 64 MiB",
    path: "/range",
    bytes: MiB,
    connections: 16,
    headers: [`Range: ${RANGE}`],
  },
  {
    name: "closed Range bytes=1000-65535 of 1 MiB",
    path: "/crange",
    bytes: 64536,
    connections: 16,
    headers: ["Range: bytes=1000-65535"],
  },
  { name: "GET 1 MiB, FileResponse without the request", path: "/norequest", bytes: MiB, connections: 16, headers: [] },
];
const CASES = process.env.CASES?.split(",").map((c) => `/${c.trim()}`);
const SCENARIOS = CASES === undefined ? ALL_SCENARIOS : ALL_SCENARIOS.filter((s) => CASES.includes(s.path));

/** Writes `size` bytes of random data (in 64 KiB pieces, as getRandomValues allows) to `path`. */
export function writeRandom(path: string, size: number): void {
  const fd = openSync(path, "w");
  const chunk = new Uint8Array(65536);
  for (let written = 0; written < size; written += chunk.byteLength) {
    crypto.getRandomValues(chunk);
    writeSync(fd, chunk, 0, Math.min(chunk.byteLength, size - written));
  }
  closeSync(fd);
}

/** Writes the benchmark's files into `dir`. */
export function makeFiles(dir: string): void {
  writeRandom(join(dir, "4k.bin"), 4096);
  writeRandom(join(dir, "64k.bin"), 64 * 1024);
  writeRandom(join(dir, "1m.bin"), MiB);
  writeRandom(join(dir, "64m.bin"), 64 * MiB);
  // The Deno baseline's Range case: the range's bytes as a file of their own.
  const fd = openSync(join(dir, "range.bin"), "w");
  writeSync(fd, readFileSync(join(dir, "64m.bin")).subarray(MiB, 2 * MiB));
  closeSync(fd);
  // 1 GiB, sparse: the memory test is about the server's buffering, not the disk.
  closeSync(openSync(join(dir, "1g.bin"), "w"));
  truncateSync(join(dir, "1g.bin"), 1024 * MiB);
}

/** The peak resident set of `pid` so far, in MiB. */
function peakRss(pid: number): number {
  const kb = Number(/VmHWM:\s*(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return kb / 1024;
}

export interface Throughput {
  runtime: string;
  scenario: string;
  baseline: number;
  candidate: number;
  ratio: number;
  baseCpu: number;
  candCpu: number;
  cpuRatio: number;
}
interface Memory {
  runtime: string;
  baseline: number;
  candidate: number;
}

/**
 * `scenario` against two running servers: a warm-up, then ROUNDS rounds of SECONDS seconds each,
 * baseline and candidate alternating (which goes first alternates too); medians and paired ratios.
 */
export function compare(
  runtime: string,
  scenario: Scenario,
  servers: Record<Mode, Server>,
  rounds = ROUNDS,
  seconds = SECONDS,
): Throughput {
  const { connections, headers } = scenario;
  const side = (mode: Mode) => servers[mode].side(scenario.path);
  const runs = alternate(side("baseline"), side("candidate"), { rounds, warmup: 1, seconds, connections, headers });
  const { baseRps, candRps, ...ratios } = summarize(runs.base, runs.cand);
  const row = {
    runtime,
    scenario: scenario.name,
    baseline: baseRps * scenario.bytes / MiB,
    candidate: candRps * scenario.bytes / MiB,
    ...ratios,
  };
  console.error(
    `${runtime} ${scenario.name}: baseline ${row.baseline.toFixed(0)} MiB/s, candidate ${
      row.candidate.toFixed(0)
    } MiB/s, ratio ${row.ratio.toFixed(2)}, CPU ratio ${row.cpuRatio.toFixed(2)}`,
  );
  return row;
}

async function throughput(runtime: string, dir: string): Promise<Throughput[]> {
  const servers = {
    baseline: await startServer(runtime, SERVER, ["baseline", dir]),
    candidate: await startServer(runtime, SERVER, ["candidate", dir]),
  };
  const rows: Throughput[] = [];
  try {
    for (const scenario of SCENARIOS) rows.push(compare(runtime, scenario, servers));
  } finally {
    await servers.baseline.stop();
    await servers.candidate.stop();
  }
  return rows;
}

async function memory(runtime: string, dir: string): Promise<Memory> {
  const peaks: Record<Mode, number> = { baseline: 0, candidate: 0 };
  for (const mode of ["baseline", "candidate"] as const) {
    peaks[mode] = await withServer(runtime, SERVER, [mode, dir], (server) => {
      // Load only: no 1 GiB download completes in a few seconds, so wrk has no figures to give.
      wrkOutput(`${server.url}/1g`, { seconds: RSS_SECONDS, connections: 32 });
      return peakRss(server.pid);
    });
  }
  console.error(
    `${runtime} peak RSS, 32 clients × 1 GiB: baseline ${peaks.baseline.toFixed(0)} MiB, candidate ${
      peaks.candidate.toFixed(0)
    } MiB`,
  );
  return { runtime, ...peaks };
}

/** The Range headers of 100 000 characters that a linear parser must get through in a few milliseconds. */
const LONG_RANGES: [string, string][] = [
  ["25 000 ranges", `bytes=${"0-0,".repeat(25_000)}`],
  ["100 000 commas", `bytes=${",".repeat(100_000)}0-1`],
  ["100 000 blanks", `bytes=${" ".repeat(100_000)}0-1`],
  ["a 100 000-digit start", `bytes=${"1".repeat(100_000)}-`],
  ["a 100 000-digit end", `bytes=0-${"9".repeat(100_000)}`],
  ["a 100 000-digit suffix", `bytes=-${"9".repeat(100_000)}`],
  ["blanks, then garbage", `bytes=0-1${" ".repeat(100_000)}x`],
  ["33 333 reversed ranges", `bytes=${"1-0".repeat(33_333)}`],
  ["a 100 000-character unit", `${"x".repeat(100_000)}=0-1`],
];

interface RangeCost {
  runtime: string;
  header: string;
  parse: number;
  construct: number;
}

/** The median of `runs` timings of `work`, in milliseconds, after one warm-up call. */
function timed(work: () => void, runs = 21): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    work();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** This runtime's rows: parseRange and FileResponse construction for each long Range header. */
function rangeCosts(runtime: string, path: string): RangeCost[] {
  return LONG_RANGES.map(([header, range]) => {
    const request = new Request("http://x/", { headers: { range } });
    return {
      runtime,
      header,
      parse: timed(() => parseRange(range, 1_000_000)),
      construct: timed(() => void new FileResponse(path, { request }).body?.cancel()),
    };
  });
}

/** Runs `bench/file.ts --range-cost` under `runtime` and reads its rows. */
function rangeCostsUnder(runtime: string, path: string): RangeCost[] {
  const child = spawnSync(...runtimeCommand(runtime, "bench/file.ts", ["--range-cost", runtime, path]), {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`${runtime} --range-cost: ${child.stderr}`);
  return JSON.parse(child.stdout) as RangeCost[];
}

if (process.argv[2] === "--range-cost") {
  console.log(JSON.stringify(rangeCosts(process.argv[3]!, process.argv[4]!)));
  process.exit(0);
}

if (import.meta.main) await main();

async function main(): Promise<void> {
  ensureWrk();
  const dir = mkdtempSync(join(tmpdir(), "allresponses-bench-file-"));
  try {
    makeFiles(dir);
    const steal = stealMeter();
    const rows: Throughput[] = [];
    const mem: Memory[] = [];
    const costs: RangeCost[] = [];
    for (const runtime of RUNTIMES) {
      rows.push(...await throughput(runtime, dir));
      mem.push(await memory(runtime, dir));
      costs.push(...rangeCostsUnder(runtime, join(dir, "1m.bin")));
    }
    const load = loadavg().map((n) => n.toFixed(2)).join(", ");
    const table = [
      `${ROUNDS} rounds of ${SECONDS} s per case; wrk -t1, 16 connections (4 for 64 MiB). Throughputs and the ` +
      `server's CPU time per request are medians; each ratio is the median of the back-to-back pairs, the CPU ratio ` +
      `being baseline CPU / candidate CPU (read it like the throughput ratio). CPU steal during the run: ` +
      `${steal().toFixed(1)} %; load average at the end (1, 5, 15 min): ${load}.`,
      "",
      markdownTable(
        "runtime | case | plain (MiB/s) | FileResponse (MiB/s) | ratio | plain µs/req | FileResponse µs/req | CPU ratio",
        2,
        rows.map((r) => [
          r.runtime,
          r.scenario,
          ...summaryCells({ ...r, baseRps: r.baseline, candRps: r.candidate }, { cpu: 0, ratio: 3 }),
        ]),
      ),
      "",
      `Peak RSS of the server process (VmHWM) while 32 wrk connections download a 1 GiB file for ${RSS_SECONDS} s:`,
      "",
      markdownTable(
        "runtime | plain (MiB) | FileResponse (MiB) | difference (MiB)",
        1,
        mem.map((
          m,
        ) => [m.runtime, m.baseline.toFixed(0), m.candidate.toFixed(0), (m.candidate - m.baseline).toFixed(0)]),
      ),
      "",
      "Long Range headers (100 000 characters each; a linear parser): the median of 21 runs, in milliseconds, of " +
      "`parseRange(header, 1 000 000)` and of `new FileResponse(path, { request })` for a request carrying the header:",
      "",
      markdownTable(
        "runtime | Range header | parseRange (ms) | FileResponse (ms)",
        2,
        costs.map((c) => [c.runtime, c.header, c.parse.toFixed(3), c.construct.toFixed(3)]),
      ),
    ].join("\n");
    console.log(table);
    if (ALL_RUNTIMES.every((r) => RUNTIMES.includes(r)) && CASES === undefined) writeSection("file", table);
    else console.error("RUNTIMES or CASES is a subset: BENCHMARKS.md left as it is");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
