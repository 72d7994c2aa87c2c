#!/usr/bin/env node
// npm run bench:bundle: what an app pays in bundle size for what it imports. Each row bundles a
// small entry with esbuild as a worker or browser app would (minified, ESM, the worker/browser
// export conditions, `node:*` left to the runtime, `hono` left out as the app's own dependency)
// and reports the minified and gzip sizes, then the modules that weigh most in it (from esbuild's
// metafile). The row "from the npm package" imports "allresponses" itself, which resolves through
// package.json's exports with those conditions (as wrangler does) to the Workers build in dist/
// (built first). Sizes are of the code alone: no timing, nothing noisy. Writes the table to
// BENCHMARKS.md (section "bundle"), except with --top, which only prints it.
// Usage: node bench/bundle.mjs [--top N]
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { writeSection } from "./report.mjs";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const args = process.argv.slice(2);
const printOnly = args[0] === "--top";
const top = printOnly ? Number(args[1]) : 5;
execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });

const rows = [
  ["one class (`HttpResponseOK`)", `export { HttpResponseOK } from "./mod.ts";`],
  ["`JsonResponse`", `export { JsonResponse } from "./mod.ts";`],
  ["`FileResponse`", `export { FileResponse } from "./mod.ts";`],
  [
    "a worker with `FileResponse`",
    `import { FileResponse } from "./mod.ts";
export default { fetch: (request) => new FileResponse(new URL("file:///srv/index.html"), { request }) };`,
  ],
  [
    "a worker with `FileResponse`, from the npm package",
    `import { FileResponse } from "allresponses";
export default { fetch: (request) => new FileResponse(new URL("file:///srv/index.html"), { request }) };`,
  ],
  ["everything in `mod.ts`", `export * from "./mod.ts";`],
  ["the Hono adapter (`allresponses/hono`)", `export * from "./src/hono.ts";`],
];

async function measure(contents) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts", sourcefile: "entry.ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    external: ["node:*", "hono", "hono/*"],
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  const modules = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => [path, bytesInOutput])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  return { minified: code.length, gzip: gzipSync(code).length, modules };
}

// KB here are KiB (1024 bytes), the unit esbuild prints.
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const lines = ["| bundle | minified | gzip | largest modules (minified) |", "| --- | ---: | ---: | --- |"];
for (const [label, contents] of rows) {
  const { minified, gzip, modules } = await measure(contents);
  const largest = modules.slice(0, top).map(([path, bytes]) => `${path} ${kb(bytes)}`).join(", ");
  lines.push(`| ${label} | ${kb(minified)} (${minified} B) | ${kb(gzip)} | ${largest} |`);
}
console.log(lines.join("\n"));
if (!printOnly) {
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  writeSection("bundle", `At ${commit}.\n\n${lines.join("\n")}`);
}
