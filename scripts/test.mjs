#!/usr/bin/env node
// npm test: the strict type checks, then the one node:test suite under Deno and under Bun,
// then a closing line "N passed, N failed" summing the runs. Exits non-zero on any failure.
// Usage: node scripts/test.mjs [--only deno|bun] [test files…]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = (name) => join("node_modules", ".bin", name);
const args = process.argv.slice(2);
const only = args[0] === "--only" ? args.splice(0, 2)[1] : undefined;
const files = args.length ? args : ["tests/"];
const tmp = mkdtempSync(join(tmpdir(), "allresponses-test-"));
let passed = 0;
let failed = 0;

function run(label, cmd, cmdArgs) {
  console.log(`\n== ${label}: ${cmd} ${cmdArgs.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, NO_COLOR: "1" } });
  console.log(`== ${label}: exit ${r.status ?? r.signal} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return r.status === 0;
}

// A check that is not a test suite: it adds to the failures when it fails, to nothing else.
function step(label, cmd, cmdArgs) {
  if (!run(label, cmd, cmdArgs)) failed++;
}

// Counts from a JUnit report's root element; a run that failed without reporting counts once.
function suite(label, cmd, cmdArgs, report) {
  const ok = run(label, cmd, cmdArgs);
  let tests = 0;
  let failures = 0;
  try {
    const root = readFileSync(report, "utf8").match(/<testsuites\b[^>]*>/)?.[0] ?? "";
    tests = Number(root.match(/\btests="(\d+)"/)?.[1] ?? 0);
    failures = Number(root.match(/\bfailures="(\d+)"/)?.[1] ?? 0) + Number(root.match(/\berrors="(\d+)"/)?.[1] ?? 0);
  } catch {
    // no report: counted below
  }
  if (!ok && failures === 0) failures = 1;
  if (tests === 0 && ok) {
    console.log(`== ${label}: ran no test`);
    failures += 1;
  }
  console.log(`${label}: ${tests - Math.min(failures, tests)} passed, ${failures} failed`);
  passed += tests - Math.min(failures, tests);
  failed += failures;
}

if (!only) {
  step("types (tsc)", bin("tsc"), ["-p", "."]);
  step("types (deno check)", bin("deno"), ["check", "--quiet", "mod.ts", ...files]);
}
if (!only || only === "deno") {
  const report = join(tmp, "deno.xml");
  suite("deno", bin("deno"), ["test", "-A", "--quiet", "--reporter=dot", `--junit-path=${report}`, ...files], report);
}
if (!only || only === "bun") {
  const report = join(tmp, "bun.xml");
  suite("bun", bin("bun"), ["test", "--reporter=junit", `--reporter-outfile=${report}`, ...files.map((f) => f.startsWith(".") || f.startsWith("/") ? f : `./${f}`)], report);
}
rmSync(tmp, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
