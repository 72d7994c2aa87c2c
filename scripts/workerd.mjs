#!/usr/bin/env node
// The suite on workerd (Cloudflare Workers' runtime, through miniflare): the portable test files
// (those that need no file system, no child process and no raw socket) each bundled by esbuild
// with tests/workerd/node_test_shim.ts in place of node:test and run inside a worker, their test
// servers served by that worker over workerd's HTTP server (tests/workerd/node_server.ts); then
// the over-the-wire checks (tests/workerd/wire_checks.ts, run here in Node) against
// tests/workerd/worker.ts and examples/worker.ts. Prints one line per test and writes a JUnit
// report for scripts/test.mjs.
// Usage: node scripts/workerd.mjs [--junit report.xml] [test files…]
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { workersSelection } from "./build.mjs";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));

// The newest date the workerd of miniflare 4.20260426 (the last miniflare for Node < 22) accepts.
const compatibilityDate = "2026-05-03";

// The portable test files, and their tests that cannot run or behave differently on workerd
// (see the README's runtime table): `skip` is not run, `todo` runs and is reported, not counted.
// Not here: files that need a file system, a child process or raw sockets (file*, faults, demo,
// hono with its fixtures, media with its generator), and sse.test.ts, whose workerd differences
// are those of stream.test.ts and take 20 s (the wire checks cover SSE and pings).
const generator = "workerd cancels no response stream when the client leaves and drops that request's " +
  "continuations: a generator paused at an await never runs its finally (README: a ReadableStream or an iterator " +
  "with return(), and `request`)";
const failedBody = "workerd ends a body whose stream errors with the last chunk: the client sees a complete body";
const portable = {
  "tests/cookies.test.ts": {},
  "tests/errors.test.ts": {},
  "tests/helpers.test.ts": {},
  "tests/json.test.ts": {},
  "tests/properties.test.ts": {
    "FileResponse with any filename sends a Content-Disposition that decodes back to it": { skip: "a file on disk" },
  },
  "tests/range.test.ts": {},
  "tests/redirect.test.ts": {},
  "tests/response.test.ts": {},
  "tests/stream.test.ts": {
    "StreamingResponse pulls with backpressure: a client that doesn't read stops the source (node)": {
      todo: generator,
    },
    "a client abort runs the generator's finally within a second (node, without request)": { todo: generator },
    "a client abort runs the generator's finally within a second (node, with request)": { todo: generator },
    "a throwing source ends the response and the server keeps serving (node)": { todo: failedBody },
  },
  "tests/status.test.ts": {},
};

const args = process.argv.slice(2);
const junit = args[0] === "--junit" ? args.splice(0, 2)[1] : undefined;
const files = args.length ? args : [...Object.keys(portable), "tests/workerd/wire_checks.ts"];
const out = join("build", "workerd");

// node:test and @hono/node-server replaced by the shims of tests/workerd/.
const shims = {
  name: "workerd-shims",
  setup(b) {
    const to = { "node:test": "tests/workerd/node_test_shim.ts", "@hono/node-server": "tests/workerd/node_server.ts" };
    b.onResolve({ filter: /^(node:test|@hono\/node-server)$/ }, (args) => ({ path: resolve(to[args.path]) }));
  },
};

/** Bundles `source` (module text resolved from the project root) for `platform`; returns the code. */
async function bundle(source, platform) {
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    target: "es2022",
    platform: platform === "workerd" ? "browser" : "node",
    conditions: platform === "workerd" ? ["workerd", "worker", "browser"] : [],
    external: platform === "workerd" ? ["node:*", "cloudflare:*"] : ["node:*", "miniflare"],
    // In workerd, the file runtime of the package's Workers build.
    plugins: platform === "workerd" ? [shims, workersSelection] : [shims],
    // package.json says "sideEffects": false, which would drop the test file's bare import.
    ignoreAnnotations: true,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

// enable_request_signal: request.signal aborts when the client leaves, the one way a worker
// learns it (workerd cancels no response stream); the library's `request` option listens to it.
const FLAGS = ["nodejs_compat", "enable_request_signal"];

/** A workerd with `code` as its one worker, listening on a free port of 127.0.0.1. */
async function startWorker(code, compatibilityFlags = FLAGS) {
  const mf = new Miniflare({
    modules: true,
    script: code,
    compatibilityDate,
    compatibilityFlags,
    host: "127.0.0.1",
    port: 0,
  });
  return { mf, url: await mf.ready };
}

const failedLoad = (
  file,
  error,
) => [{ name: `${file}: load`, outcome: "failed", message: String(error?.stack ?? error), ms: 0, children: [] }];

// A mark whose test is gone (renamed, removed) fails, so that no mark outlives its reason.
function withStaleMarks(file, results) {
  const names = new Set(results.map((r) => r.name));
  const stale = Object.keys(portable[file] ?? {}).filter((name) => !names.has(name));
  const failure = (name) => ({
    name: `mark of a test that no longer exists: ${name}`,
    outcome: "failed",
    ms: 0,
    children: [],
  });
  return [...results, ...stale.map(failure)];
}

/** Runs one portable test file inside workerd and returns its results. */
async function runInside(file) {
  const code = await bundle(`import "./${file}";\nexport { default } from "./tests/workerd/entry.ts";`, "workerd");
  const { mf, url } = await startWorker(code);
  try {
    const marks = JSON.stringify(portable[file] ?? {});
    const response = await fetch(url, { method: "POST", headers: { "x-workerd-runner": "run" }, body: marks });
    if (!response.ok) return failedLoad(file, `${response.status} ${await response.text()}`);
    return withStaleMarks(file, await response.json());
  } finally {
    await mf.dispose();
  }
}

/**
 * Runs the over-the-wire checks here, in Node, against tests/workerd/worker.ts, examples/worker.ts
 * and tests/workerd/no_fs_worker.ts in workerd.
 */
async function runWire(file) {
  const worker = await bundle(`export { default } from "./tests/workerd/worker.ts";`, "workerd");
  const checks = await bundle(
    `import "./${file}";\nexport { runRegistered } from "./tests/workerd/node_test_shim.ts";`,
    "node",
  );
  mkdirSync(out, { recursive: true });
  const module = join(out, "wire_checks.mjs");
  writeFileSync(module, checks);
  const served = await startWorker(worker);
  const example = await startWorker(await bundle(`export { default } from "./examples/worker.ts";`, "workerd"));
  // Without nodejs_compat: no node:fs, no node:zlib.
  const noFs = await startWorker(
    await bundle(`export { default } from "./tests/workerd/no_fs_worker.ts";`, "workerd"),
    ["enable_request_signal"],
  );
  try {
    process.env.ALLRESPONSES_WORKERD_URL = served.url.origin;
    process.env.ALLRESPONSES_WORKERD_EXAMPLE_URL = example.url.origin;
    process.env.ALLRESPONSES_WORKERD_NO_FS_URL = noFs.url.origin;
    const { runRegistered } = await import(pathToFileURL(resolve(module)).href);
    return await runRegistered();
  } finally {
    await Promise.all([served.mf.dispose(), example.mf.dispose(), noFs.mf.dispose()]);
  }
}

// A test with subtests counts through them, and once more itself when its own body failed.
function flatten(results, prefix = "") {
  return results.flatMap((r) => {
    const name = prefix + r.name;
    const own = { ...r, name };
    if (!r.children.length) return [own];
    const children = flatten(r.children, `${name} > `);
    const ownFailure = r.outcome === "failed" && !/subtest\(s\) failed$/.test(r.message ?? "");
    return ownFailure ? [...children, own] : children;
  });
}

const escape = (text) =>
  String(text).replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]);

function report(byFile) {
  const all = byFile.flatMap(([, cases]) => cases);
  const failures = all.filter((c) => c.outcome === "failed").length;
  const skipped = all.filter((c) => c.outcome === "skipped" || c.outcome === "todo").length;
  const suites = byFile.map(([file, cases]) => {
    const testcases = cases.map((c) => {
      const inner = c.outcome === "failed"
        ? `<failure message="${escape(c.message?.split("\n")[0] ?? "")}">${escape(c.message ?? "")}</failure>`
        : c.outcome === "passed"
        ? ""
        : `<skipped message="${escape(c.message ?? c.outcome)}"/>`;
      return `    <testcase name="${escape(c.name)}" classname="${escape(file)}" time="${
        (c.ms / 1000).toFixed(3)
      }">${inner}</testcase>`;
    });
    return `  <testsuite name="${escape(file)}" tests="${cases.length}">\n${testcases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="workerd" tests="${all.length}" failures="${failures}" skipped="${skipped}">\n${
    suites.join("\n")
  }\n</testsuites>\n`;
}

const mark = { passed: "✔", failed: "✖", skipped: "﹣ skipped", todo: "﹣ todo" };
const byFile = [];
for (const file of files) {
  const started = Date.now();
  const results = await (file.endsWith("wire_checks.ts") ? runWire(file) : runInside(file)).catch((e) =>
    failedLoad(file, e)
  );
  const cases = flatten(results);
  byFile.push([file, cases]);
  console.log(`${file} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  for (const c of cases) {
    console.log(`  ${mark[c.outcome]} ${c.name}${c.outcome === "passed" ? "" : c.message ? `: ${c.message}` : ""}`);
  }
}
rmSync(out, { recursive: true, force: true });
const xml = report(byFile);
if (junit) writeFileSync(junit, xml);
const all = byFile.flatMap(([, cases]) => cases);
const failed = all.filter((c) => c.outcome === "failed").length;
console.log(`\nworkerd: ${all.length - failed} run, ${failed} failed`);
process.exit(failed ? 1 : 0);
