/**
 * Notifications over server-sent events, across processes: every process runs an `EventHub` on
 * one Redis (`redisBroker`), so a notification posted to any process reaches the browsers of
 * all of them, and a browser that reconnects to another process gets what it missed.
 *
 * - `POST /notify` with a text body publishes it (the reply is the event's id; 503 while Redis
 *   is unreachable).
 * - `GET /events` is the event stream (`notification` events).
 * - Any other path serves a page that shows them.
 *
 * Run two processes on one Redis, then post to one and watch the other:
 *
 * ```sh
 * PORT=8001 deno run -A examples/sse-notify.ts &
 * PORT=8002 bun examples/sse-notify.ts &
 * curl -N localhost:8002/events &
 * curl -X POST localhost:8001/notify -d "deploy finished"
 * ```
 *
 * `REDIS_URL` (default `redis://127.0.0.1:6379`) and `REDIS_STREAM` choose the Redis and its
 * stream; SIGINT or SIGTERM ends every stream with a `bye` event and closes the connections.
 *
 * @module
 */

import process from "node:process";
import { EventHub, HTMLResponse } from "../mod.ts";
import { redisBroker } from "../src/redis.ts";

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Notifications</title>
<ul id="list"></ul>
<script>
  const events = new EventSource(location.pathname.replace(/\\/?$/, "/events"));
  events.addEventListener("notification", (event) => {
    const item = document.createElement("li");
    item.textContent = event.data;
    document.getElementById("list").prepend(item);
  });
</script>`;

/** A notification server on one Redis: its request handler, and `close()` for shutdown. */
export interface Notifications {
  /** Answers `POST /notify`, `GET /events` and the page. */
  handler(request: Request): Promise<Response>;
  /** Resolves once the hub receives the events on Redis: serve after it. */
  ready: Promise<void>;
  /** Ends every stream with a `bye` event and releases the Redis connections. */
  close(): Promise<void>;
}

/**
 * Makes the notification server of one process.
 *
 * @example
 * ```ts
 * import { notifications } from "./sse-notify.ts";
 * const app = notifications({ redisUrl: "redis://127.0.0.1:6379" });
 * await app.ready;
 * Deno.serve(app.handler);
 * ```
 */
export function notifications(options: { redisUrl?: string; stream?: string } = {}): Notifications {
  const broker = redisBroker({
    url: options.redisUrl,
    stream: options.stream ?? "notifications",
    onError: (error) => console.error(error.message),
  });
  const hub = new EventHub({ broker, history: 1000 });
  return {
    ready: hub.ready,
    async handler(request) {
      const { pathname } = new URL(request.url);
      if (request.method === "POST" && pathname.endsWith("/notify")) {
        const text = await request.text();
        return await hub.publish({ event: "notification", data: text }).then(
          (id) => new Response(id),
          (error) => new Response(String(error.message), { status: error instanceof TypeError ? 400 : 503 }),
        );
      }
      if (pathname.endsWith("/events")) return hub.response(request);
      return new HTMLResponse(PAGE);
    },
    async close() {
      await hub.close({ event: "bye", data: "restarting" });
      await broker.close();
    },
  };
}

if ((import.meta as { main?: boolean }).main) {
  const app = notifications({ redisUrl: process.env.REDIS_URL, stream: process.env.REDIS_STREAM });
  await app.ready;
  const port = Number(process.env.PORT ?? 8000);
  const g = globalThis as {
    Deno?: { serve(o: object, h: Notifications["handler"]): { shutdown(): Promise<void> } };
    Bun?: { serve(o: object): { stop(): Promise<void> } };
  };
  const server = g.Deno
    ? g.Deno.serve({ port }, app.handler)
    : g.Bun!.serve({ port, idleTimeout: 0, fetch: app.handler });
  const stop = async () => {
    await app.close();
    await ("shutdown" in server ? server.shutdown() : server.stop());
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
