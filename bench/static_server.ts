/**
 * The server side of bench/static.ts: serves `<dir>` on 127.0.0.1 (an OS-chosen port, announced
 * as `listening <port>`, see bench/listen.ts) under Deno or Bun, in one of these modes:
 *
 * - `staticFiles`: `staticFiles({ root: dir })` as the whole `Deno.serve` / `Bun.serve` handler;
 * - `serveFiles`: a Hono app with `serveFiles({ root: dir })` alone on its route;
 * - `serveStatic`: a Hono app with Hono's own `serveStatic({ root: dir })` (`hono/deno`,
 *   `hono/bun`) alone on its route.
 *
 * Usage: deno run -A bench/static_server.ts <mode> <dir>
 *        bun bench/static_server.ts <mode> <dir>
 */

import { Hono } from "hono";
import { staticFiles } from "../mod.ts";
import { serveFiles } from "../src/hono.ts";

import { args, type Handler, listen } from "./listen.ts";

type ServeStatic = (options: { root: string }) => Parameters<Hono["use"]>[1];

const isBun = "Bun" in globalThis;
const [mode, dir] = args;
if (!dir) throw new Error("usage: static_server.ts <staticFiles|serveFiles|serveStatic> <dir>");

async function honoServeStatic(): Promise<ServeStatic> {
  const adapter = isBun ? await import("hono/bun") : await import("hono/deno");
  return adapter.serveStatic as unknown as ServeStatic;
}

async function handlerFor(mode: string | undefined): Promise<Handler> {
  const notFound = () => new Response("Not found", { status: 404 });
  if (mode === "staticFiles") {
    const files = staticFiles({ root: dir! });
    return (request) => files(request) ?? notFound();
  }
  const app = new Hono();
  if (mode === "serveFiles") app.use("*", serveFiles({ root: dir! }));
  else if (mode === "serveStatic") app.use("*", (await honoServeStatic())({ root: dir! }));
  else throw new Error(`static_server.ts: unknown mode ${mode}`);
  return (request) => app.fetch(request);
}

listen(await handlerFor(mode), { idleTimeout: 0 });
