// What every benchmark reports with: its section of BENCHMARKS.md (between its own markers,
// leaving the other sections as they are), medians and paired ratios, Markdown tables, and what
// /proc says about the CPU (the steal of the machine, the CPU time of a server process).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";

const FILE = "BENCHMARKS.md";

/** Replaces (or appends) the section `name` of BENCHMARKS.md with `markdown`. */
export function writeSection(name, markdown) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const stamp = `_Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}._`;
  const block = `${start}\n${stamp}\n\n${markdown}\n${end}`;
  const text = existsSync(FILE) ? readFileSync(FILE, "utf8") : "# Benchmarks\n";
  const at = text.indexOf(start);
  const next = at === -1
    ? `${text.trimEnd()}\n\n${block}\n`
    : text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length);
  writeFileSync(FILE, next);
  // `npm test` checks the formatting of BENCHMARKS.md; its tables are aligned the way deno fmt aligns them.
  execFileSync("node_modules/.bin/deno", ["fmt", "--quiet", FILE]);
}

/** The median of `values` (the mean of the two middle ones when their number is even). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The ratio of two series measured in pairs (`candidate[i]` right after or before
 * `baseline[i]`): the median of the pair ratios, which a burst of noise that spans one pair
 * moves less than it moves a ratio of medians.
 */
export function pairedRatio(baseline, candidate) {
  return median(baseline.map((b, i) => candidate[i] / b));
}

/**
 * A Markdown table: `head` names the columns, separated by ` | `; the first `textColumns` are
 * left-aligned (labels) and the rest right-aligned (figures); each row is an array of cells.
 */
export function markdownTable(head, textColumns, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  const names = head.split(" | ");
  return [line(names), line(names.map((_, i) => (i < textColumns ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

function cpuTimes() {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
}

/**
 * Starts measuring the CPU time the hypervisor took from this machine (steal); the function it
 * returns gives the share since the start, in per cent. On a shared machine it says how much
 * to trust a run: figures taken while it is above a few per cent move by tens of per cent.
 */
export function stealMeter() {
  if (!existsSync("/proc/stat")) return () => NaN;
  const start = cpuTimes();
  return () => {
    const now = cpuTimes();
    return (100 * (now.steal - start.steal)) / Math.max(1, now.total - start.total);
  };
}

let clockTicks;

/** The CPU time (user + system) that process `pid` has used so far, in microseconds (Linux). */
export function cpuMicros(pid) {
  clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / clockTicks;
}
