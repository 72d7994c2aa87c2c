#!/usr/bin/env node
// npm run build: an empty dist/, then tsc -p tsconfig.build.json (ESM JavaScript and .d.ts for
// mod.ts and everything in src/). Exits with tsc's status.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const tsc = fileURLToPath(new URL("../node_modules/.bin/tsc", import.meta.url));
const r = spawnSync(tsc, ["-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (r.error) throw r.error;
process.exit(r.status ?? 1);
