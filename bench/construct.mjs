#!/usr/bin/env node
// Runs bench/construct.ts under Deno and Bun and writes the table into BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { markdownTable, stealMeter, writeSection } from "./report.mjs";
import { runtimeCommand } from "./wrk.mjs";

const rows = [];
const steal = stealMeter();
for (const runtime of ["deno", "bun"]) {
  const out = execFileSync(...runtimeCommand(runtime, "bench/construct.ts", []), { encoding: "utf8" });
  for (const line of out.trim().split("\n")) rows.push(JSON.parse(line));
}
console.table(rows);
const table = [
  `Times are medians of 31 rounds; the ratio is the median of the 31 back-to-back pairs. CPU steal during the run: ${
    steal().toFixed(1)
  } %.`,
  "",
  markdownTable(
    "runtime | case | plain Response (ns) | allresponses (ns) | ratio",
    2,
    rows.map((r) => [r.runtime, r.case, r.baselineNs, r.candidateNs, r.ratio.toFixed(2)]),
  ),
].join("\n");
writeSection("construct", table);
