/**
 * Before and after: the same benchmark servers (this tree's `bench/serve.ts` and
 * `bench/file_server.ts`) running on the library of an older commit and on this tree's, side by
 * side, driven with wrk in alternation (bench/wrk.mjs), so that "no row got worse" is one paired
 * measurement rather than two tables taken at different hours.
 *
 * The older commit is checked out with `git worktree add` into a temporary directory that shares
 * this tree's node_modules; this tree's bench servers are copied into it. Each row compares the
 * library's response on both: the JSON and text classes on Deno.serve, Bun.serve and Hono on both,
 * and every `bench/file.ts` case of FileResponse (made with the request) on Deno and Bun.
 *
 * Usage: bun bench/before_after.ts <commit>          (about 20 minutes; on a quiet machine)
 *        BENCH_ROUNDS=2 BENCH_SECONDS=1 BENCH_WARMUP=1 bun bench/before_after.ts <commit>   (a quick check)
 *        BENCH_PARTS=serve or BENCH_PARTS=file        (one half only)
 * Writes the "before-after" section of BENCHMARKS.md when both halves ran.
 */

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
// @deno-types="./report.d.mts"
import { markdownTable, stealMeter, writeSection } from "./report.mjs";
// @deno-types="./wrk.d.mts"
import { alternate, ensureWrk, type Server, startServer, summarize, summaryCells, wrkOptions } from "./wrk.mjs";
import { ALL_SCENARIOS, makeFiles } from "./file.ts";

const commit = process.argv[2];
if (!commit) throw new Error("usage: bun bench/before_after.ts <commit>");
const options = wrkOptions({ rounds: 11, warmup: 2, seconds: 2, connections: 32 });
const PARTS = (process.env.BENCH_PARTS ?? "serve,file").split(",");
const SERVERS = ["bench/listen.ts", "bench/serve.ts", "bench/file_server.ts"];

interface Row {
  runtime: string;
  server: string;
  case: string;
  summary: ReturnType<typeof summarize>;
}

/** A worktree of `commit` with this tree's bench servers and node_modules; removed by the returned function. */
function checkout(at: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "allresponses-before-"));
  execFileSync("git", ["worktree", "add", "--detach", "--force", dir, at], { stdio: "ignore" });
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
  for (const file of SERVERS) copyFileSync(file, join(dir, file));
  return {
    dir,
    remove() {
      execFileSync("git", ["worktree", "remove", "--force", dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts `script args` under `runtime` in the old tree and in this one, runs `use`, stops both. */
async function withPair<T>(
  runtime: string,
  old: string,
  script: string,
  args: string[],
  use: (before: Server, after: Server) => T,
): Promise<T> {
  const before = await startServer(runtime, script, args, { cwd: old });
  const after = await startServer(runtime, script, args);
  try {
    return use(before, after);
  } finally {
    await before.stop();
    await after.stop();
  }
}

/** One row: `path` on both servers, in alternation. */
function row(runtime: string, server: string, name: string, pair: [Server, Server], path: string, extra = {}): Row {
  const runs = alternate(pair[0].side(path), pair[1].side(path), { ...options, ...extra });
  const summary = summarize(runs.base, runs.cand);
  console.error(`${server} ${name}: ratio ${summary.ratio.toFixed(2)}, CPU ratio ${summary.cpuRatio.toFixed(2)}`);
  return { runtime, server, case: name, summary };
}

const SERVE_CASES: Record<string, [string, string][]> = {
  native: [["JsonResponseOK", "/json/ours"], ["PlainTextResponse", "/text/ours"]],
  hono: [["JsonResponseOK", "/json/ours"], ["PlainTextResponse", "/text/ours"], [
    "JsonResponseOK + responses()",
    "/mw/json/ours",
  ]],
};

async function serveRows(old: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const runtime of ["deno", "bun"]) {
    for (const mode of ["native", "hono"]) {
      const server = `${runtime === "deno" ? "Deno.serve" : "Bun.serve"}${mode === "hono" ? " + Hono" : ""}`;
      await withPair(runtime, old, "bench/serve.ts", [mode], (before, after) => {
        for (const [name, path] of SERVE_CASES[mode]!) rows.push(row(runtime, server, name, [before, after], path));
      });
    }
  }
  return rows;
}

async function fileRows(old: string): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), "allresponses-bench-file-"));
  const rows: Row[] = [];
  try {
    makeFiles(dir);
    for (const runtime of ["deno", "bun"]) {
      await withPair(runtime, old, "bench/file_server.ts", ["candidate", dir], (before, after) => {
        for (const s of ALL_SCENARIOS) {
          const extra = { connections: s.connections, headers: s.headers };
          rows.push(row(runtime, `FileResponse, ${runtime}`, s.name, [before, after], s.path, extra));
        }
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

ensureWrk();
const old = checkout(commit);
const sha = execFileSync("git", ["rev-parse", "--short", commit], { encoding: "utf8" }).trim();
const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
const steal = stealMeter();
const rows: Row[] = [];
try {
  if (PARTS.includes("serve")) rows.push(...await serveRows(old.dir));
  if (PARTS.includes("file")) rows.push(...await fileRows(old.dir));
} finally {
  old.remove();
}
const load = loadavg().map((n) => n.toFixed(2)).join(", ");
const table = [
  `Before: ${sha}; after: ${head} (and its uncommitted changes, if any). wrk -t1, ${options.rounds} rounds of ` +
  `${options.seconds} s per side, ${options.connections} connections (the file cases: bench/file.ts's own). req/s and ` +
  `the server's CPU time per request (µs) are medians; each ratio is the median of the back-to-back pairs (after / ` +
  `before; for CPU, before's CPU / after's, so above 1 is better in both). CPU steal: ${steal().toFixed(1)} %; load ` +
  `average at the end (1, 5, 15 min): ${load}.`,
  "",
  markdownTable(
    "server | case | before req/s | after req/s | ratio | before µs/req | after µs/req | CPU ratio",
    2,
    rows.map((r) => [r.server, r.case, ...summaryCells(r.summary)]),
  ),
].join("\n");
console.log(table);
if (PARTS.includes("serve") && PARTS.includes("file")) writeSection("before-after", table);
