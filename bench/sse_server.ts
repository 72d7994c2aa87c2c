// The server of bench/sse.mjs: every GET holds an event stream open; POST /broadcast?n=N sends
// event N to all of them. One way of streaming per process, named by the argument:
//   floor      a bare ReadableStream response per client, the same bytes enqueued on each (the floor)
//   floorHttp  the floor's stream in an HttpResponse with an event stream's headers
//   hub        EventHub: hub.response(request), hub.publish()
//   generator  EventSourceResponse over an async generator per client, awaiting the next broadcast
//   hono       Hono's streamSSE, the callback awaiting the next broadcast
// Every stream starts with the same comment line (Bun sends headers only with the first bytes)
// and has no pings. POST /gc runs a full garbage collection (Deno needs --v8-flags=--expose-gc).
// Runs on Deno and Bun: `deno run -A --v8-flags=--expose-gc bench/sse_server.ts hub`, `bun bench/sse_server.ts hub`.
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import { EventHub, EventSourceResponse, HttpResponse } from "../mod.ts";
import { args, type Handler, listen } from "./listen.ts";

const mode = args[0];
const encoder = new TextEncoder();
const OPENING = encoder.encode(":\r\n");

/** The next broadcast, for the sources that wait for it. */
let next = Promise.withResolvers<number>();
function announce(n: number): void {
  const current = next;
  next = Promise.withResolvers<number>();
  current.resolve(n);
}

function floor(): { stream: (request: Request) => Response; broadcast(n: number): void } {
  const clients = new Set<ReadableStreamDefaultController<Uint8Array>>();
  return {
    stream: () => {
      let own: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          own = controller;
          controller.enqueue(OPENING);
          clients.add(controller);
        },
        cancel: () => void clients.delete(own),
      });
      return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-store" } });
    },
    broadcast(n) {
      const bytes = encoder.encode(`id: ${n}\r\ndata: ${n}\r\n\r\n`);
      for (const client of clients) client.enqueue(bytes);
    },
  };
}

function hub(): { stream: Handler; broadcast(n: number): void } {
  const events = new EventHub({ ping: 0, history: 16 });
  return {
    stream: (request) => events.response(request),
    broadcast: (n) => void events.publish({ id: n, data: String(n) }),
  };
}

function generator(): { stream: Handler; broadcast(n: number): void } {
  async function* broadcasts() {
    for (;;) {
      const n = await next.promise;
      yield { id: n, data: String(n) };
    }
  }
  return { stream: () => new EventSourceResponse(broadcasts(), { ping: 0 }), broadcast: announce };
}

function hono(): { stream: Handler; broadcast(n: number): void } {
  const app = new Hono();
  app.get("*", (c) =>
    streamSSE(c, async (stream) => {
      await stream.write(":\r\n");
      for (;;) {
        const n = await next.promise;
        await stream.writeSSE({ id: String(n), data: String(n) });
      }
    }));
  return { stream: (request) => app.fetch(request), broadcast: announce };
}

// The floor's stream in the library's base class, with the headers of an event stream: what
// HttpResponse's header path costs by itself.
function floorHttp(): { stream: Handler; broadcast(n: number): void } {
  const f = floor();
  const init = {
    headers: { "cache-control": "no-store", "x-accel-buffering": "no" },
    contentType: "text/event-stream; charset=utf-8",
  };
  return { stream: (request) => new HttpResponse(f.stream(request).body, init), broadcast: f.broadcast };
}

const variants = { floor, floorHttp, hub, generator, hono };
const variant = variants[mode as keyof typeof variants]?.();
if (!variant) throw new Error(`unknown mode ${mode}: one of ${Object.keys(variants).join(", ")}`);

/** A full collection, so that RSS is read without the garbage of the connection phase. */
function collect(): void {
  const g = globalThis as { Bun?: { gc(sync: boolean): void }; gc?: () => void };
  if (g.Bun) g.Bun.gc(true);
  else g.gc?.();
}

const handler: Handler = (request) => {
  if (request.method !== "POST") return variant.stream(request);
  if (new URL(request.url).pathname === "/gc") return (collect(), new Response("collected"));
  variant.broadcast(Number(new URL(request.url).searchParams.get("n")));
  return new Response("sent");
};
listen(handler, { idleTimeout: 0 });
