#!/usr/bin/env node
// npm run test:pack: what a user gets from npm. Packs the package (npm pack runs the build),
// checks the tarball's file list, installs it into a fresh project in a temporary directory and
// runs scripts/pack-smoke/ there: core.mjs under Node and Bun with allresponses as the only
// dependency; then, with hono and @hono/node-server installed as well, serve.mjs under Node and
// Bun, worker.mjs bundled as wrangler would (the workerd conditions) and run in workerd
// (miniflare), and a strict tsc check of consumer.ts and consumer-hono.ts. The allresponses/hono checks
// are skipped, and say so, while src/hono.ts does not exist.
// Prints one line per check and "N passed, N failed"; exits non-zero on any failure.
// Usage: node scripts/pack-smoke.mjs [--junit <report.xml>]
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const smoke = join(root, "scripts", "pack-smoke");
const bin = (name) => join(root, "node_modules", ".bin", name);
const junit = process.argv[2] === "--junit" ? process.argv[3] : undefined;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const withHono = existsSync(join(root, "src", "hono.ts"));
const noHono = "src/hono.ts does not exist, so the package has no allresponses/hono";
const results = [];

// Runs a command; returns its output, or throws with the output when it fails.
function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status ?? r.signal}\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

async function check(name, body, skip) {
  if (skip) {
    results.push({ name, skipped: skip });
    console.log(`skip ${name}: ${skip}`);
    return;
  }
  try {
    const out = await body();
    results.push({ name });
    console.log(`ok   ${name}${out ? `: ${out.trim()}` : ""}`);
  } catch (error) {
    results.push({ name, failure: error.message });
    console.log(`FAIL ${name}\n${error.message}`);
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"));
}

const tmp = mkdtempSync(join(tmpdir(), "allresponses-pack-"));
const project = join(tmp, "project");
mkdirSync(project);
writeFileSync(join(project, "package.json"), JSON.stringify({ name: "smoke", private: true, type: "module" }, null, 2));
for (const file of readdirSync(smoke)) copyFileSync(join(smoke, file), join(project, file));
const install = (...specs) => sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...specs], project);

let tarball;
// What the tarball must hold: the .d.ts of every source file; the default build, the bundles
// package.json's exports point at and their shared chunks; and the Workers build, one file per
// source module but the file-runtime selection that carries the Deno and Bun adapters.
const entryBundles = ["dist/mod.js", "dist/src/hono.js", "dist/src/redis.js"];
const isChunk = (path) => /^dist\/chunks\/chunk-[A-Z0-9]+\.js$/.test(path);
const notInWorkers = new Set(["src/runtime/select.ts", "src/runtime/deno.ts", "src/runtime/bun.ts"]);

await check("npm pack: the tarball holds the .d.ts files, the bundles, the Workers build, nothing else", () => {
  const [packed] = JSON.parse(sh("npm", ["pack", "--json", "--pack-destination", tmp], root));
  tarball = join(tmp, packed.filename);
  const sources = ["mod.ts", ...filesUnder(join(root, "src")).map((f) => `src/${f}`)].filter((f) => f.endsWith(".ts"));
  const declarations = sources.map((f) => `dist/${f.slice(0, -3)}.d.ts`);
  const workers = sources.filter((f) => !notInWorkers.has(f)).map((f) => `dist/workerd/${f.slice(0, -3)}.js`);
  const expected = ["LICENSE", "README.md", "package.json", ...declarations, ...entryBundles, ...workers].sort();
  const actual = packed.files.map((f) => f.path).sort();
  const missing = expected.filter((f) => !actual.includes(f));
  if (!actual.some(isChunk)) missing.push("dist/chunks/chunk-*.js");
  const extra = actual.filter((f) => !expected.includes(f) && !isChunk(f));
  if (missing.length || extra.length) {
    throw new Error(`missing: ${missing.join(", ") || "none"}; unexpected: ${extra.join(", ") || "none"}`);
  }
  return `${packed.filename}, ${actual.length} files, ${packed.size} bytes`;
});

// worker.mjs bundled as wrangler bundles a Worker: it must take every module of allresponses
// from the Workers build.
async function bundleWorker() {
  const result = await build({
    absWorkingDir: project,
    entryPoints: ["worker.mjs"],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    external: ["node:*", "cloudflare:*"],
    metafile: true,
    logLevel: "silent",
  });
  const library = Object.keys(result.metafile.inputs).filter((path) => path.includes("node_modules/allresponses/"));
  const elsewhere = library.filter((path) => !path.startsWith("node_modules/allresponses/dist/workerd/"));
  if (!library.length || elsewhere.length) {
    throw new Error(`modules of allresponses outside dist/workerd/: ${elsewhere.join(", ") || "no module at all"}`);
  }
  return result.outputFiles[0].text;
}

/** Fetches `path` from `script` running in workerd with `compatibilityFlags`. */
async function fromWorkerd(script, compatibilityFlags, path, headers = {}) {
  const mf = new Miniflare({ modules: true, script, compatibilityDate: "2026-05-03", compatibilityFlags });
  try {
    const res = await mf.dispatchFetch(`http://worker${path}`, { headers });
    return { status: res.status, headers: res.headers, body: await res.text() };
  } finally {
    await mf.dispose();
  }
}

async function workerChecks() {
  const script = await bundleWorker();
  const range = await fromWorkerd(script, ["nodejs_compat"], "/blob", { range: "bytes=0-4" });
  if (range.status !== 206 || range.headers.get("content-range") !== "bytes 0-4/13" || range.body !== "hello") {
    throw new Error(
      `a Blob with Range: bytes=0-4 gave ${range.status} ${range.headers.get("content-range")} ${range.body}`,
    );
  }
  const same = await fromWorkerd(script, ["nodejs_compat"], "/same");
  if (same.body !== "true") throw new Error("allresponses/hono's HttpResponse is another class than allresponses'");
  const disk = await fromWorkerd(script, [], "/disk");
  if (!disk.body.startsWith("TypeError: FileResponse: this runtime has no file system")) {
    throw new Error(`a disk path without nodejs_compat gave ${JSON.stringify(disk.body)}`);
  }
  return "206 from a Blob, one HttpResponse class, the no-file-system TypeError without nodejs_compat";
}

if (tarball) {
  await check("npm install <tarball> into a fresh project", () => void install(tarball));
  for (const [runtime, cmd] of [["node", process.execPath], ["bun", bin("bun")]]) {
    await check(`core.mjs on ${runtime}, hono not installed`, () => sh(cmd, ["core.mjs"], project));
  }
  const peers = ["hono", "@hono/node-server"].map((name) => `${name}@${pkg.devDependencies[name]}`);
  await check(`npm install ${peers.join(" ")}`, () => void install(...peers));
  for (const [runtime, cmd] of [["node", process.execPath], ["bun", bin("bun")]]) {
    await check(`serve.mjs plain on ${runtime}`, () => sh(cmd, ["serve.mjs", "plain"], project));
    await check(`serve.mjs hono on ${runtime}`, () => sh(cmd, ["serve.mjs", "hono"], project), !withHono && noHono);
  }
  await check(
    "worker.mjs bundled with the workerd conditions takes dist/workerd/ and runs in workerd",
    workerChecks,
    !withHono && noHono,
  );
  for (const file of ["consumer.ts", "consumer-hono.ts"]) {
    await check(`tsc: ${file} type-checks against the published .d.ts`, () => {
      const tsconfig = join(project, `tsconfig.${file}.json`);
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            lib: ["ES2022", "DOM", "DOM.Iterable"],
            types: [],
            strict: true,
            noEmit: true,
            skipLibCheck: false,
          },
          files: [file],
        }),
      );
      sh(bin("tsc"), ["-p", tsconfig], project);
    }, file === "consumer-hono.ts" && !withHono && noHono);
  }
}
rmSync(tmp, { recursive: true, force: true });

const failed = results.filter((r) => r.failure).length;
const skipped = results.filter((r) => r.skipped).length;
if (junit) {
  const esc = (s) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const cases = results.map((r) =>
    r.failure
      ? `  <testcase name="${esc(r.name)}"><failure message="${esc(r.failure)}"/></testcase>`
      : r.skipped
      ? `  <testcase name="${esc(r.name)}"><skipped message="${esc(r.skipped)}"/></testcase>`
      : `  <testcase name="${esc(r.name)}"/>`
  );
  writeFileSync(
    junit,
    [
      `<?xml version="1.0" encoding="UTF-8"?>`,
      `<testsuites name="pack" tests="${results.length}" failures="${failed}" skipped="${skipped}">`,
      ...cases,
      `</testsuites>`,
      "",
    ].join("\n"),
  );
}
console.log(`\n${results.length - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 ? 0 : 1);
