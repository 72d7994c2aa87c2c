/**
 * The server side of bench/static.ts: serves `<dir>` on 127.0.0.1 (an OS-chosen port, printed on
 * the first line of stdout) under Deno or Bun, in one of these modes:
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

type Handler = (request: Request) => Response | Promise<Response>;
interface DenoApi {
  serve(options: { port: number; hostname: string; onListen(addr: { port: number }): void }, handler: Handler): unknown;
}
interface BunApi {
  serve(options: { port: number; hostname: string; fetch: Handler; idleTimeout: number }): { port: number };
}
type ServeStatic = (options: { root: string }) => Parameters<Hono["use"]>[1];

const g = globalThis as unknown as { Deno?: DenoApi; Bun?: BunApi };
const [mode, dir] = process.argv.slice(2);
if (!dir) throw new Error("usage: static_server.ts <staticFiles|serveFiles|serveStatic> <dir>");

async function honoServeStatic(): Promise<ServeStatic> {
  const adapter = g.Bun ? await import("hono/bun") : await import("hono/deno");
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

const handler = await handlerFor(mode);
if (g.Bun) {
  console.log(g.Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler, idleTimeout: 0 }).port);
} else if (g.Deno) {
  g.Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: ({ port }) => console.log(port) }, handler);
} else {
  throw new Error("static_server.ts runs under Deno or Bun");
}
