#!/usr/bin/env node
// npm run build: what npm ships, into an empty dist/.
// - The .d.ts files: tsc -p tsconfig.build.json --emitDeclarationOnly (dist/mod.d.ts, dist/src/…).
// - The JavaScript package.json's exports point at: mod.ts, src/hono.ts and src/redis.ts bundled by
//   esbuild (ESM, not minified, /* @__PURE__ */ annotations kept, so that an app's bundler still
//   drops what the app does not use), with code splitting, so that the three entries share one copy
//   of every class (`instanceof` holds across `allresponses` and `allresponses/hono`) in
//   dist/chunks/; `node:*`, `hono` and `redis` stay imports. A process that imports the package
//   loads a few modules instead of the thirty of the source, which is most of its cold start.
// - The same under dist/workerd/ for the `workerd` and `worker` export conditions (wrangler,
//   esbuild's workerd platform): `src/runtime/select.ts` replaced by `src/runtime/select_workerd.ts`
//   (`workersSelection` below), so that a Worker's bundle carries no Deno or Bun file adapter.
// Then checks that every exported class and function of each build kept its name (esbuild renames
// a binding whose name collides with another module's, and errors and withDefaults use `name`).
// Exits non-zero when tsc, esbuild or the check fails.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const entries = { mod: "mod.ts", "src/hono": "src/hono.ts", "src/redis": "src/redis.ts" };

/**
 * An esbuild plugin: the Workers selection of the file runtime (`src/runtime/select_workerd.ts`)
 * wherever the source imports `src/runtime/select.ts`. scripts/workerd.mjs bundles the tests with
 * it, so that they run against what the Workers build holds.
 */
export const workersSelection = {
  name: "workers-selection",
  setup(b) {
    const select = resolve(root, "src/runtime/select.ts");
    b.onResolve({ filter: /\/select\.ts$/ }, (args) => {
      if (resolve(args.resolveDir, args.path) !== select) return undefined;
      return { path: resolve(root, "src/runtime/select_workerd.ts") };
    });
  },
};

function declarations() {
  const tsc = resolve(root, "node_modules/.bin/tsc");
  const r = spawnSync(tsc, ["-p", "tsconfig.build.json", "--emitDeclarationOnly"], { cwd: root, stdio: "inherit" });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Bundles the entries into `outdir` (relative to dist/) with `plugins`. */
async function bundle(outdir, plugins) {
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: `dist/${outdir}`,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: ["node:*", "hono", "hono/*", "redis"],
    plugins,
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
  await bundle(".", []);
  await bundle("workerd", [workersSelection]);
  const files = Object.keys(entries).flatMap((name) => [`${name}.js`, `workerd/${name}.js`]);
  const problems = (await Promise.all(files.map(renamed))).flat();
  if (problems.length) {
    console.error(`build: esbuild renamed exports:\n${problems.join("\n")}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
