#!/usr/bin/env node
// npm run bench:cold: the cost of importing the library in a fresh process, against importing
// Hono (`hono` + `hono/cookie`), on Deno and on Bun. Each round starts four processes in turn
// — one that imports nothing, one that imports Hono, one that imports mod.ts (what Deno users
// get from JSR), one that imports dist/mod.js (what npm installs: the bundle of scripts/build.mjs, built first) — and times each
// from spawn to exit; the table gives medians, the import cost over the empty process, and the
// median of the per-round ratios to Hono. Writes the "cold" section of BENCHMARKS.md.
// Usage: node bench/cold.mjs [rounds]  (default 30)
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { markdownTable, median, pairedRatio, stealMeter, writeSection } from "./report.mjs";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const ROUNDS = Number(process.argv[2] ?? 30);
const PROGRAMS = {
  nothing: "",
  hono: 'import "hono"; import "hono/cookie";',
  mod: 'import "./mod.ts";',
  dist: 'import "./dist/mod.js";',
};
const RUNTIMES = {
  deno: (code) => ["node_modules/.bin/deno", ["eval", code]],
  bun: (code) => ["node_modules/.bin/bun", ["-e", code]],
};

/** Wall time of one process, from spawn to exit, in milliseconds. */
function timeProcess(runtime, code) {
  const [cmd, args] = RUNTIMES[runtime](code);
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${runtime} ${JSON.stringify(code)} failed: ${r.stderr}`);
  return ms;
}

execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
const rows = [];
const steal = stealMeter();
for (const runtime of Object.keys(RUNTIMES)) {
  const times = { nothing: [], hono: [], mod: [], dist: [] };
  for (const code of Object.values(PROGRAMS)) timeProcess(runtime, code); // fills the module caches
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, code] of Object.entries(PROGRAMS)) times[name].push(timeProcess(runtime, code));
  }
  const nothing = median(times.nothing);
  for (const entry of ["mod", "dist"]) {
    const row = {
      runtime,
      entry: entry === "mod" ? "mod.ts" : "dist/mod.js",
      nothingMs: nothing,
      honoMs: median(times.hono),
      libraryMs: median(times[entry]),
      honoCostMs: median(times.hono) - nothing,
      libraryCostMs: median(times[entry]) - nothing,
      ratio: pairedRatio(times.hono, times[entry]),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
}
const ms = (x) => x.toFixed(1);
writeSection(
  "cold",
  [
    `${ROUNDS} rounds per runtime, each starting the four processes in turn; times are medians, the ratio is the median of the per-round ratios. CPU steal during the run: ${
      steal().toFixed(1)
    } %.`,
    "",
    markdownTable(
      "runtime | import | empty process (ms) | hono + hono/cookie (ms) | allresponses (ms) | Hono's import (ms) | allresponses' import (ms) | allresponses / Hono",
      2,
      rows.map((r) => [
        r.runtime,
        r.entry,
        ms(r.nothingMs),
        ms(r.honoMs),
        ms(r.libraryMs),
        ms(r.honoCostMs),
        ms(r.libraryCostMs),
        r.ratio.toFixed(2),
      ]),
    ),
  ].join("\n"),
);
