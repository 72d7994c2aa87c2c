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
 * bench/static.ts uses its runner (`startServer`, `wrk`, `compare`).
 */

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
// @deno-types="./report.d.mts"
import { cpuMicros, pairedRatio, stealMeter, writeSection } from "./report.mjs";
import { FileResponse, parseRange } from "../mod.ts";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 3);
const RSS_SECONDS = Number(process.env.RSS_SECONDS ?? 6);
const ALL_RUNTIMES = ["deno", "bun"];
const RUNTIMES = (process.env.RUNTIMES ?? ALL_RUNTIMES.join(",")).split(",").map((r) => r.trim());
for (const r of RUNTIMES) if (!ALL_RUNTIMES.includes(r)) throw new Error(`RUNTIMES: unknown runtime ${r}`);
const MiB = 1024 * 1024;
const RANGE = `bytes=${MiB}-${2 * MiB - 1}`;

export type Mode = "baseline" | "candidate";
export interface Scenario {
  name: string;
  path: string;
  bytes: number;
  connections: number;
  headers: string[];
}

const ALL_SCENARIOS: Scenario[] = [
  { name: "GET 4 KiB", path: "/4k", bytes: 4096, connections: 16, headers: [] },
  { name: "GET 64 KiB", path: "/64k", bytes: 64 * 1024, connections: 16, headers: [] },
  { name: "GET 1 MiB", path: "/1m", bytes: MiB, connections: 16, headers: [] },
  { name: "GET 64 MiB", path: "/64m", bytes: 64 * MiB, connections: 4, headers: [] },
  {
    name: "Range GET 1 MiB of 64 MiB",
    path: "/range",
    bytes: MiB,
    connections: 16,
    headers: ["-H", `Range: ${RANGE}`],
  },
  {
    name: "closed Range bytes=1000-65535 of 1 MiB",
    path: "/crange",
    bytes: 64536,
    connections: 16,
    headers: ["-H", "Range: bytes=1000-65535"],
  },
  { name: "GET 1 MiB, FileResponse without the request", path: "/norequest", bytes: MiB, connections: 16, headers: [] },
];
const CASES = process.env.CASES?.split(",").map((c) => `/${c.trim()}`);
const SCENARIOS = CASES === undefined ? ALL_SCENARIOS : ALL_SCENARIOS.filter((s) => CASES.includes(s.path));

export function ensureWrk(): void {
  if (spawnSync("wrk", ["--version"]).error === undefined) return;
  console.error("wrk is missing: apt-get install -y wrk");
  for (const args of [["update"], ["install", "-y", "wrk"]]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
  }
}

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

function makeFiles(dir: string): void {
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

export interface Server {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function binary(runtime: string, script: string): string[] {
  return runtime === "deno" ? ["node_modules/.bin/deno", "run", "-A", script] : ["node_modules/.bin/bun", script];
}

/** Starts `script <mode> <dir>` under `runtime`; the script prints its port on the first line. */
export async function startServer(
  runtime: string,
  mode: string,
  dir: string,
  script = "bench/file_server.ts",
): Promise<Server> {
  const [cmd, ...args] = binary(runtime, script);
  const child = spawn(cmd!, [...args, mode, dir], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (data: Uint8Array) => {
      out += new TextDecoder().decode(data);
      const line = out.split("\n")[0]!;
      if (out.includes("\n")) resolve(line.trim());
    });
    child.once("exit", (code) => reject(new Error(`${runtime} ${mode} server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A wrk run: requests per second, and the server's CPU time per request in microseconds. */
export interface Run {
  rps: number;
  cpu: number;
}

/** Runs wrk against `server`. */
export async function wrk(
  server: Server,
  scenario: Scenario,
  seconds: number,
  connections = scenario.connections,
): Promise<Run> {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, ...scenario.headers, server.url + scenario.path];
  const before = cpuMicros(server.process.pid!);
  const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (data: Uint8Array) => (out += new TextDecoder().decode(data)));
  await new Promise((resolve) => child.once("exit", resolve));
  const cpu = cpuMicros(server.process.pid!) - before;
  const rps = Number(/Requests\/sec:\s*([\d.]+)/.exec(out)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  if (!Number.isFinite(rps)) throw new Error(`wrk ${args.join(" ")}: ${out}`);
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (errors) throw new Error(`wrk ${args.join(" ")}: ${errors[1]} responses were not 2xx`);
  // A run too short for one whole download (the memory run) has no CPU time per request.
  return { rps, cpu: requests > 0 ? cpu / requests : NaN };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
export async function compare(
  runtime: string,
  scenario: Scenario,
  servers: Record<Mode, Server>,
  rounds = ROUNDS,
  seconds = SECONDS,
): Promise<Throughput> {
  for (const mode of ["baseline", "candidate"] as const) await wrk(servers[mode], scenario, 1);
  const results: Record<Mode, Run[]> = { baseline: [], candidate: [] };
  for (let round = 0; round < rounds; round++) {
    const order: Mode[] = round % 2 ? ["candidate", "baseline"] : ["baseline", "candidate"];
    for (const mode of order) results[mode].push(await wrk(servers[mode], scenario, seconds));
  }
  const rps = (mode: Mode) => results[mode].map((run) => run.rps);
  // Throughput is inversely proportional to CPU time per request: baseline CPU over candidate
  // CPU reads like the throughput ratio.
  const perCpu = (mode: Mode) => results[mode].map((run) => 1 / run.cpu);
  const cpu = (mode: Mode) => median(results[mode].map((run) => run.cpu));
  const row = {
    runtime,
    scenario: scenario.name,
    baseline: median(rps("baseline")) * scenario.bytes / MiB,
    candidate: median(rps("candidate")) * scenario.bytes / MiB,
    ratio: pairedRatio(rps("baseline"), rps("candidate")),
    baseCpu: cpu("baseline"),
    candCpu: cpu("candidate"),
    cpuRatio: pairedRatio(perCpu("baseline"), perCpu("candidate")),
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
    baseline: await startServer(runtime, "baseline", dir),
    candidate: await startServer(runtime, "candidate", dir),
  };
  const rows: Throughput[] = [];
  try {
    for (const scenario of SCENARIOS) rows.push(await compare(runtime, scenario, servers));
  } finally {
    await servers.baseline.stop();
    await servers.candidate.stop();
  }
  return rows;
}

async function memory(runtime: string, dir: string): Promise<Memory> {
  const peaks: Record<Mode, number> = { baseline: 0, candidate: 0 };
  for (const mode of ["baseline", "candidate"] as const) {
    const server = await startServer(runtime, mode, dir);
    try {
      await wrk(server, { name: "1 GiB", path: "/1g", bytes: 1024 * MiB, connections: 32, headers: [] }, RSS_SECONDS);
      peaks[mode] = peakRss(server.process.pid!);
    } finally {
      await server.stop();
    }
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
  const [cmd, ...args] = runtime === "deno"
    ? ["node_modules/.bin/deno", "run", "-A", "bench/file.ts"]
    : ["node_modules/.bin/bun", "bench/file.ts"];
  const child = spawnSync(cmd!, [...args, "--range-cost", runtime, path], { encoding: "utf8" });
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
      "| runtime | case | plain (MiB/s) | FileResponse (MiB/s) | ratio | plain µs/req | FileResponse µs/req | CPU ratio |",
      "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows.map((r) =>
        `| ${r.runtime} | ${r.scenario} | ${r.baseline.toFixed(0)} | ${r.candidate.toFixed(0)} | ${
          r.ratio.toFixed(3)
        } | ` +
        `${r.baseCpu.toFixed(0)} | ${r.candCpu.toFixed(0)} | ${r.cpuRatio.toFixed(3)} |`
      ),
      "",
      `Peak RSS of the server process (VmHWM) while 32 wrk connections download a 1 GiB file for ${RSS_SECONDS} s:`,
      "",
      "| runtime | plain (MiB) | FileResponse (MiB) | difference (MiB) |",
      "| --- | ---: | ---: | ---: |",
      ...mem.map((m) =>
        `| ${m.runtime} | ${m.baseline.toFixed(0)} | ${m.candidate.toFixed(0)} | ${
          (m.candidate - m.baseline).toFixed(0)
        } |`
      ),
      "",
      "Long Range headers (100 000 characters each; a linear parser): the median of 21 runs, in milliseconds, of " +
      "`parseRange(header, 1 000 000)` and of `new FileResponse(path, { request })` for a request carrying the header:",
      "",
      "| runtime | Range header | parseRange (ms) | FileResponse (ms) |",
      "| --- | --- | ---: | ---: |",
      ...costs.map((c) => `| ${c.runtime} | ${c.header} | ${c.parse.toFixed(3)} | ${c.construct.toFixed(3)} |`),
    ].join("\n");
    console.log(table);
    if (ALL_RUNTIMES.every((r) => RUNTIMES.includes(r)) && CASES === undefined) writeSection("file", table);
    else console.error("RUNTIMES or CASES is a subset: BENCHMARKS.md left as it is");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
