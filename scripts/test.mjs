#!/usr/bin/env node
// npm test: deno lint and deno fmt --check over the project (config in deno.json), the strict
// type checks and the JSR checks (docs lint, publish dry run), then the one node:test suite
// under Deno, under Bun and under Node (compiled, against the built dist/), then the packed
// tarball in a fresh project (scripts/pack-smoke.mjs); a closing line "N passed, N failed"
// sums the runs. Exits non-zero on any failure.
// Usage: node scripts/test.mjs [--only deno|bun|node|pack] [test files…]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const bin = (name) => join("node_modules", ".bin", name);
const args = process.argv.slice(2);
const only = args[0] === "--only" ? args.splice(0, 2)[1] : undefined;
const files = args.length ? args : ["tests/"];
const tmp = mkdtempSync(join(tmpdir(), "allresponses-test-"));
let passed = 0;
let failed = 0;
const skipped = [];

function run(label, cmd, cmdArgs) {
  console.log(`\n== ${label}: ${cmd} ${cmdArgs.join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, NO_COLOR: "1" } });
  console.log(`== ${label}: exit ${r.status ?? r.signal} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return r.status === 0;
}

// A check that is not a test suite: it adds to the failures when it fails, to nothing else.
function step(label, cmd, cmdArgs) {
  const ok = run(label, cmd, cmdArgs);
  if (!ok) failed++;
  return ok;
}

// Counts from a JUnit report: the root element's attributes (Deno, Bun, the pack smoke test;
// Deno marks skipped tests as "disabled" on each file's testsuite), or the closing comments
// Node's reporter writes (`<!-- tests N -->`).
function counts(xml) {
  const num = (text, re) => Number(text.match(re)?.[1] ?? 0);
  const root = xml.match(/<testsuites\b[^>]*>/)?.[0] ?? "";
  if (/\btests="/.test(root)) {
    const disabled = [...xml.matchAll(/<testsuite\b[^>]*\bdisabled="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
    return {
      tests: num(root, /\btests="(\d+)"/),
      failures: num(root, /\bfailures="(\d+)"/) + num(root, /\berrors="(\d+)"/),
      skips: /\bskipped="/.test(root) ? num(root, /\bskipped="(\d+)"/) : disabled,
    };
  }
  const comment = (name) => num(xml, new RegExp(`<!-- ${name} (\\d+) -->`));
  return {
    tests: comment("tests"),
    failures: comment("fail") + comment("cancelled"),
    skips: comment("skipped") + comment("todo"),
  };
}

// A test run with a JUnit report; a run that failed without reporting a failure counts once.
function suite(label, cmd, cmdArgs, report) {
  const ok = run(label, cmd, cmdArgs);
  let { tests, failures, skips } = { tests: 0, failures: 0, skips: 0 };
  try {
    ({ tests, failures, skips } = counts(readFileSync(report, "utf8")));
  } catch {
    // no report: counted below
  }
  if (!ok && failures === 0) failures = 1;
  if (tests === 0 && ok) {
    console.log(`== ${label}: ran no test`);
    failures += 1;
  }
  const good = Math.max(tests - failures - skips, 0);
  console.log(`${label}: ${good} passed, ${failures} failed${skips ? `, ${skips} skipped` : ""}`);
  passed += good;
  failed += failures;
  if (skips) skipped.push(`${skips} on ${label}`);
}

// Every file under `dir`, as paths that start with `dir`.
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => join(e.parentPath, e.name));
}

// build/node/: mod.ts, src/ and tests/ compiled by tsc, with the entries npm publishes — mod.js,
// src/hono.js, src/redis.js — linked to dist/'s bundles (so Node tests what npm installs, and
// the tests that import ../src/hono.ts or ../src/redis.ts get the classes of the bundle); the
// other src/ modules some tests import for internals (status tables, fileError, range and media
// helpers) stay compiled. Every other file of the project is linked at its own path, so that a
// test that reads a fixture or a project file next to it finds it there too.
function nodeBuild(out) {
  for (const entry of ["mod.js", "src/hono.js", "src/redis.js"]) {
    rmSync(join(out, entry), { force: true });
    symlinkSync(relative(dirname(join(out, entry)), join("dist", entry)), join(out, entry));
  }
  const skip = new Set(["node_modules", "dist", "build", "src"]);
  const project = readdirSync(".", { withFileTypes: true }).filter((e) => !e.name.startsWith(".") && !skip.has(e.name));
  for (const file of project.flatMap((e) => e.isDirectory() ? walk(e.name) : [e.name])) {
    const target = join(out, file);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(relative(dirname(target), file), target);
  }
}

// The compiled test files for the given sources: a .ts file's .js, or a directory's test files.
function nodeTestFiles(out, sources) {
  const isTest = (f) => /[._]test\.js$/.test(f);
  return sources.flatMap((source) => {
    const compiled = join(out, source.replace(/\.ts$/, ".js"));
    return source.endsWith(".ts") ? [compiled] : walk(compiled).filter(isTest).sort();
  });
}

if (!only) {
  step("lint (deno lint)", bin("deno"), ["lint", "--quiet"]);
  step("format (deno fmt --check)", bin("deno"), ["fmt", "--check", "--quiet"]);
  step("types (tsc)", bin("tsc"), ["-p", "."]);
  step("types (deno check)", bin("deno"), ["check", "--quiet", "mod.ts", ...files]);
  const entries = Object.values(JSON.parse(readFileSync("deno.json", "utf8")).exports);
  const absent = entries.filter((entry) => !existsSync(entry));
  step("docs (deno doc --lint)", bin("deno"), [
    "doc",
    "--lint",
    "--quiet",
    ...entries.filter((entry) => existsSync(entry)),
  ]);
  if (absent.length) {
    console.log(
      `\n== jsr (deno publish --dry-run): skipped, deno.json exports ${absent.join(", ")}, which does not exist`,
    );
    skipped.push("the JSR publish dry run");
  } else {
    step("jsr (deno publish --dry-run)", bin("deno"), ["publish", "--dry-run", "--allow-dirty", "--quiet"]);
  }
}
if (!only || only === "deno") {
  const report = join(tmp, "deno.xml");
  suite("deno", bin("deno"), ["test", "-A", "--quiet", "--reporter=dot", `--junit-path=${report}`, ...files], report);
}
if (!only || only === "bun") {
  const report = join(tmp, "bun.xml");
  suite("bun", bin("bun"), [
    "test",
    "--reporter=junit",
    `--reporter-outfile=${report}`,
    ...files.map((f) => f.startsWith(".") || f.startsWith("/") ? f : `./${f}`),
  ], report);
}
if (!only || only === "node") {
  const out = join("build", "node");
  rmSync(out, { recursive: true, force: true });
  if (
    step("build (.d.ts by tsc, bundles by esbuild → dist/)", process.execPath, ["scripts/build.mjs"]) &&
    step("node tests (tsc → build/node/)", bin("tsc"), ["-p", "tsconfig.node-tests.json"])
  ) {
    nodeBuild(out);
    const report = join(tmp, "node.xml");
    const reporters = [
      "--test-reporter=spec",
      "--test-reporter-destination=stdout",
      "--test-reporter=junit",
      `--test-reporter-destination=${report}`,
    ];
    suite("node", process.execPath, ["--test", ...reporters, ...nodeTestFiles(out, files)], report);
  }
}
// The portable test files and the over-the-wire checks inside workerd (scripts/workerd.mjs picks
// them; test files given on the command line are passed on with --only workerd).
if (!only || only === "workerd") {
  const report = join(tmp, "workerd.xml");
  const picked = only === "workerd" ? args : [];
  suite("workerd", process.execPath, ["scripts/workerd.mjs", "--junit", report, ...picked], report);
}
if (!only || only === "pack") {
  const report = join(tmp, "pack.xml");
  suite("pack", process.execPath, ["scripts/pack-smoke.mjs", "--junit", report], report);
}
rmSync(tmp, { recursive: true, force: true });
if (skipped.length) console.log(`\nskipped: ${skipped.join("; ")}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
