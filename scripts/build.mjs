#!/usr/bin/env node
// npm run build: what npm ships, into an empty dist/.
// - The .d.ts files: tsc -p tsconfig.build.json --emitDeclarationOnly (dist/mod.d.ts, dist/src/…).
// - The JavaScript that Deno, Bun and Node load (package.json's default exports): mod.ts,
//   src/hono.ts and src/redis.ts bundled by esbuild (ESM, not minified, /* @__PURE__ */
//   annotations kept), mod.ts and src/hono.ts with code splitting, so that they share one copy
//   of every class in dist/chunks/ (`instanceof` holds across `allresponses` and
//   `allresponses/hono`); `node:*`, `hono` and `redis` stay imports. A process that imports the
//   package loads two modules instead of the source's several dozen: most of its cold start.
// - The Workers build (the `workerd` and `worker` export conditions: wrangler, esbuild's workerd
//   platform), dist/workerd/: one JavaScript file per source module that a Worker can reach, with
//   `src/runtime/select_workerd.ts` in place of `src/runtime/select.ts`, so that no Deno or Bun
//   file adapter is in it. A Worker is always bundled, so what counts there is what its bundler
//   can drop, and with `"sideEffects": false` it drops every module the Worker does not use —
//   more than it can cut out of one shared chunk.
// Then checks that every exported class and function of both builds kept its name (esbuild
// renames a binding whose name collides with another module's; errors and withDefaults use it).
// Exits non-zero when tsc, esbuild or the check fails.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const entries = { mod: "mod.ts", "src/hono": "src/hono.ts", "src/redis": "src/redis.ts" };
const external = ["node:*", "hono", "hono/*", "redis"];
const select = resolve(root, "src/runtime/select.ts");
const workersSelect = resolve(root, "src/runtime/select_workerd.ts");

/**
 * An esbuild plugin: the Workers selection of the file runtime (`src/runtime/select_workerd.ts`)
 * wherever the source imports `src/runtime/select.ts`. scripts/workerd.mjs bundles the tests with
 * it, so that they run against what the Workers build holds.
 */
export const workersSelection = {
  name: "workers-selection",
  setup(b) {
    b.onResolve({ filter: /\/select\.ts$/ }, (args) => {
      return resolve(args.resolveDir, args.path) === select ? { path: workersSelect } : undefined;
    });
  },
};

function declarations() {
  const tsc = resolve(root, "node_modules/.bin/tsc");
  const r = spawnSync(tsc, ["-p", "tsconfig.build.json", "--emitDeclarationOnly"], { cwd: root, stdio: "inherit" });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const common = { absWorkingDir: root, bundle: true, format: "esm", platform: "neutral", target: "es2022", external };

/**
 * The default build: mod.ts and src/hono.ts bundled into dist/, sharing dist/chunks/; src/redis.ts
 * on its own, with its own copy of the error helpers of src/invalid.ts, the one module it shares
 * with the others (no class; shared, it would be one more chunk for every import of the package).
 */
async function bundles() {
  const { "src/redis": redis, ...shared } = entries;
  await build({
    ...common,
    entryPoints: shared,
    outdir: "dist",
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
    logLevel: "warning",
  });
  await build({ ...common, entryPoints: { "src/redis": redis }, outdir: "dist", logLevel: "warning" });
}

/** The source modules the entries reach with the Workers selection, relative to the root. */
async function workersModules() {
  const result = await build({
    ...common,
    entryPoints: Object.values(entries),
    outdir: "dist/workerd",
    write: false,
    plugins: [workersSelection],
    metafile: true,
    logLevel: "warning",
  });
  return Object.keys(result.metafile.inputs).filter((path) => !path.startsWith("node_modules/"));
}

/**
 * An esbuild plugin that keeps every relative import of a module an import of that module's
 * own output file (`./x.ts` → `./x.js`, `select.ts` → `select_workerd.js`): one file per module.
 */
const ownFiles = {
  name: "own-files",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const resolved = resolve(args.resolveDir, args.path);
      const path = relative(args.resolveDir, resolved === select ? workersSelect : resolved).replace(/\.ts$/, ".js");
      return { path: path.startsWith(".") ? path : `./${path}`, external: true };
    });
  },
};

/** The Workers build: each module a Worker can reach, as its own file under dist/workerd/. */
async function workersBuild() {
  await build({
    ...common,
    entryPoints: await workersModules(),
    outbase: ".",
    outdir: "dist/workerd",
    plugins: [ownFiles],
    logLevel: "warning",
  });
}

/** The exports of the module at `file` (relative to dist/) whose `name` is no export's name. */
async function renamed(file) {
  const exports = await import(pathToFileURL(resolve(root, "dist", file)).href);
  return Object.entries(exports)
    .filter(([, value]) => typeof value === "function" && !(value.name in exports))
    .map(([key, value]) => `${file}: ${key} is named ${JSON.stringify(value.name)}`);
}

async function main() {
  rmSync(resolve(root, "dist"), { recursive: true, force: true });
  declarations();
  await bundles();
  await workersBuild();
  const files = Object.keys(entries).flatMap((name) => [`${name}.js`, `workerd/${name}.js`]);
  const problems = (await Promise.all(files.map(renamed))).flat();
  if (problems.length) {
    console.error(`build: esbuild renamed exports:\n${problems.join("\n")}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
