#!/usr/bin/env node
// Runs bench/hostile.ts under Deno and Bun and writes the table into BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { markdownTable, writeSection } from "./report.mjs";
import { runtimeCommand } from "./wrk.mjs";

const rows = [];
for (const runtime of ["deno", "bun"]) {
  const out = execFileSync(...runtimeCommand(runtime, "bench/hostile.ts", []), { encoding: "utf8" });
  for (const line of out.trim().split("\n")) rows.push(JSON.parse(line));
}
console.table(rows);
const table = [
  "The parsers of what a client sends take time linear in the header's length: the time per character at",
  "10 000 characters (best of five timings of at least 10 ms), and the time per character at 100 000 and",
  "1 000 000 as a multiple of it (linear: about 1×; quadratic: 10× and 100×).",
  "",
  markdownTable(
    "runtime | header | ns per character at 10k | × at 100k | × at 1M",
    2,
    rows.map((r) => [r.runtime, r.shape, r.nsPerChar, r.at100k, r.at1m]),
  ),
].join("\n");
writeSection("hostile", table);
