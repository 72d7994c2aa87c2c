#!/usr/bin/env node
// npm run bench:media: what contentType() costs with this tree's media table and with a baseline
// commit's: its first call (which decodes src/media_table.ts) and each call after it, on Node,
// Deno and Bun. Both variants of src/media.ts are bundled with esbuild (minified, as a Worker gets
// them), so every runtime runs the same code; each round starts a fresh process per variant, in
// turn. The table gives medians and the median of the per-round ratios. Writes the "media"
// section of BENCHMARKS.md.
// Usage: node bench/media.mjs [--baseline REF] [rounds]  (default: main, 21 rounds)
import { build } from "esbuild";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { markdownTable, median, pairedRatio, stealMeter, writeSection } from "./report.mjs";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const args = process.argv.slice(2);
const baselineRef = args[0] === "--baseline" ? args.splice(0, 2)[1] : "main";
const ROUNDS = Number(args[0] ?? 21);
const LOOKUPS = 200_000;
const RUNTIMES = {
  node: (file) => [process.execPath, [file]],
  deno: (file) => ["node_modules/.bin/deno", ["run", "--allow-read", file]],
  bun: (file) => ["node_modules/.bin/bun", [file]],
};

// The program each process runs: the first call, then LOOKUPS calls over a few paths.
const program = (bundle) =>
  `import { contentType } from ${JSON.stringify(bundle)};
const paths = ["index.html", "/srv/app.js", "photo.JPG", "font.woff2", "report.pdf", "unknown.zzz"];
let start = performance.now();
contentType("style.css");
const firstMs = performance.now() - start;
start = performance.now();
let known = 0;
for (let i = 0; i < ${LOOKUPS}; i++) if (contentType(paths[i % paths.length]) !== undefined) known++;
const lookupNs = ((performance.now() - start) * 1e6) / ${LOOKUPS};
console.log(JSON.stringify({ firstMs, lookupNs, known }));
`;

/** A bundle of `media.ts` in `dir` and the program that times it; returns the program's path. */
async function prepare(dir, name) {
  const bundle = join(dir, `${name}.bundle.mjs`);
  await build({
    entryPoints: [join(dir, "media.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    outfile: bundle,
    logLevel: "silent",
  });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, program(bundle));
  return file;
}

function run(runtime, file) {
  const [cmd, argv] = RUNTIMES[runtime](file);
  const r = spawnSync(cmd, argv, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${runtime} ${file} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const work = mkdtempSync(join(tmpdir(), "bench-media-"));
const baselineDir = join(work, "baseline");
const candidateDir = join(work, "candidate");
const baselineCommit = execFileSync("git", ["rev-parse", "--short", baselineRef], { encoding: "utf8" }).trim();
const candidateCommit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
for (
  const [dir, read] of [
    [baselineDir, (path) => execFileSync("git", ["show", `${baselineRef}:${path}`], { encoding: "utf8" })],
    [candidateDir, (path) => execFileSync("cat", [path], { encoding: "utf8" })],
  ]
) {
  execFileSync("mkdir", ["-p", dir]);
  for (const path of ["src/media.ts", "src/media_table.ts"]) writeFileSync(join(dir, path.slice(4)), read(path));
}
const files = { baseline: await prepare(baselineDir, "baseline"), candidate: await prepare(candidateDir, "candidate") };

const steal = stealMeter();
const rows = [];
try {
  for (const runtime of Object.keys(RUNTIMES)) {
    const times = { baseline: [], candidate: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of round % 2 ? ["candidate", "baseline"] : ["baseline", "candidate"]) {
        times[variant].push(run(runtime, files[variant]));
      }
    }
    const pick = (variant, key) => times[variant].map((t) => t[key]);
    const row = {
      runtime,
      baselineFirstMs: median(pick("baseline", "firstMs")),
      candidateFirstMs: median(pick("candidate", "firstMs")),
      firstRatio: pairedRatio(pick("baseline", "firstMs"), pick("candidate", "firstMs")),
      baselineLookupNs: median(pick("baseline", "lookupNs")),
      candidateLookupNs: median(pick("candidate", "lookupNs")),
      lookupRatio: pairedRatio(pick("baseline", "lookupNs"), pick("candidate", "lookupNs")),
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const ms = (v) => v.toFixed(2);
const table = markdownTable(
  "runtime | first call, baseline (ms) | first call, candidate (ms) | ratio | a call after, baseline (ns) | a call after, candidate (ns) | ratio",
  1,
  rows.map((r) => [
    r.runtime,
    ms(r.baselineFirstMs),
    ms(r.candidateFirstMs),
    r.firstRatio.toFixed(2),
    r.baselineLookupNs.toFixed(0),
    r.candidateLookupNs.toFixed(0),
    r.lookupRatio.toFixed(2),
  ]),
);
writeSection(
  "media",
  `Baseline ${baselineCommit} (\`${baselineRef}\`), candidate ${candidateCommit}${
    execFileSync("git", ["status", "--porcelain", "src/media.ts", "src/media_table.ts"], { encoding: "utf8" })
      ? " + uncommitted changes"
      : ""
  }. ${ROUNDS} rounds per runtime, a fresh process per variant in turn; medians, each ratio the median of the per-round ratios (candidate / baseline). ` +
    `CPU steal during the run: ${steal().toFixed(1)} %.\n\n${table}\n`,
);
