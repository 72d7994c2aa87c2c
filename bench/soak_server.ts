/**
 * The server side of `npm run soak` (scripts/soak.mjs): a file server with streams and event
 * streams on 127.0.0.1 (an OS-chosen port, printed on the first line of stdout), under Deno or
 * Bun, that counts what a soak needs to know.
 *
 * - `/file/<name>`: `FileResponse` of `<dir>/<name>` with the request (HEAD, Range, 304 …).
 * - `/stream?n=<chunks>`: a `StreamingResponse` of n 4 KiB chunks; n=0: endless, one every 10 ms.
 * - `/sse?n=<events>`: an `EventSourceResponse` of n events; n=0: endless, one every 20 ms, and
 *   a ping after a second of silence.
 * - `/stats`: JSON of the counts below, the process's RSS, JS heap in use and open file
 *   descriptors; `?gc=1` collects garbage first.
 *
 * Counted: responses by status, unhandled rejections (each also logged to stderr), generators
 * started and finished. Every handler runs inside `handle()`, so a thrown error is a 500 and
 * counted as one.
 *
 * Usage: deno run -A --v8-flags=--expose-gc bench/soak_server.ts <dir>
 *        bun bench/soak_server.ts <dir>
 */

import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { EventSourceResponse, FileResponse, handle, JSONResponse, StreamingResponse } from "../mod.ts";

type Handler = (request: Request) => Response | Promise<Response>;
interface DenoApi {
  serve(options: { port: number; hostname: string; onListen(addr: { port: number }): void }, handler: Handler): unknown;
}
interface BunApi {
  serve(options: { port: number; hostname: string; fetch: Handler; idleTimeout: number }): { port: number };
  gc(force: boolean): void;
}

const g = globalThis as unknown as { Deno?: DenoApi; Bun?: BunApi; gc?: () => void };
const dir = process.argv[2];
if (!dir) throw new Error("usage: soak_server.ts <dir>");

const statuses: Record<string, number> = {};
const generators = { started: 0, finished: 0 };
let unhandled = 0;

function onUnhandled(reason: unknown): void {
  unhandled++;
  console.error("unhandled rejection:", reason);
}
if (g.Deno) {
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    onUnhandled((event as Event & { reason: unknown }).reason);
  });
} else {
  process.on("unhandledRejection", onUnhandled);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const CHUNK = "x".repeat(4096);

async function* chunks(n: number) {
  generators.started++;
  try {
    for (let i = 0; n === 0 || i < n; i++) {
      yield CHUNK;
      if (n === 0) await sleep(10);
    }
  } finally {
    generators.finished++;
  }
}

async function* events(n: number) {
  generators.started++;
  try {
    for (let i = 1; n === 0 || i <= n; i++) {
      yield { id: i, event: "tick", data: { i, at: Date.now() } };
      if (n === 0) await sleep(20);
    }
  } finally {
    generators.finished++;
  }
}

function rssBytes(): number {
  const line = readFileSync("/proc/self/status", "utf8").match(/^VmRSS:\s+(\d+) kB$/m);
  return Number(line?.[1] ?? 0) * 1024;
}

function stats(url: URL): Response {
  if (url.searchParams.get("gc") === "1") {
    if (g.Bun) g.Bun.gc(true);
    else g.gc?.();
  }
  return new JSONResponse({
    statuses,
    unhandled,
    generators: { ...generators, running: generators.started - generators.finished },
    rss: rssBytes(),
    heapUsed: process.memoryUsage().heapUsed,
    fds: readdirSync("/proc/self/fd").length,
  }, { headers: { "cache-control": "no-store" } });
}

const route = handle((request: Request): Response => {
  const url = new URL(request.url);
  const n = Number(url.searchParams.get("n") ?? 0);
  if (url.pathname.startsWith("/file/")) {
    return new FileResponse(`${dir}/${url.pathname.slice("/file/".length)}`, { request });
  }
  if (url.pathname === "/stream") return new StreamingResponse(chunks(n), { request, mediaType: "text/plain" });
  if (url.pathname === "/sse") return new EventSourceResponse(events(n), { request, ping: 1 });
  if (url.pathname === "/stats") return stats(url);
  return new JSONResponse({ error: "not found" }, { status: 404 });
});

async function counted(request: Request): Promise<Response> {
  const response = await route(request);
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  return response;
}

if (g.Bun) {
  const server = g.Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: counted, idleTimeout: 30 });
  console.log(server.port);
} else if (g.Deno) {
  g.Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: ({ port }) => console.log(port) }, counted);
} else {
  throw new Error("soak_server.ts runs under Deno or Bun");
}
