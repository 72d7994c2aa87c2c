/**
 * A live clock over server-sent events: `GET …/events` streams one `tick` event per second
 * with `EventSourceResponse`, and any other path serves a small page whose browser
 * `EventSource` shows it. The page also shows how many clients are connected: the count drops
 * when a tab closes, because the disconnect closes that client's generator.
 *
 * Run it with `deno run --allow-net --allow-env examples/sse-clock.ts` or
 * `bun examples/sse-clock.ts`, then open http://localhost:8000/ (`PORT` changes the port).
 * To mount it in another app, route a path and everything under it to `handler`: the page
 * finds its stream at `<the page's path>/events`.
 *
 * @module
 */

import { EventSourceResponse, HTMLResponse, lastEventId, type ServerSentEvent } from "../mod.ts";

let clients = 0;

/**
 * The clock's events for one client: a `tick` at the start of every second, with the second
 * since the epoch as its `id`. A reconnecting browser sends the last `id` it saw, and the stream
 * first says how many ticks it missed.
 *
 * @example
 * ```ts
 * import { EventSourceResponse } from "allresponses";
 * import { clock } from "./sse-clock.ts";
 * Deno.serve((request) => new EventSourceResponse(clock(request), { request }));
 * ```
 */
export async function* clock(request: Request): AsyncGenerator<ServerSentEvent> {
  clients++;
  try {
    const last = Number(lastEventId(request));
    if (Number.isInteger(last) && last > 0) {
      yield { event: "resumed", data: { missed: Math.max(0, Math.floor(Date.now() / 1000) - last - 1) } };
    }
    for (;;) {
      const now = new Date();
      yield { event: "tick", id: Math.floor(now.getTime() / 1000), data: { time: now.toISOString(), clients } };
      await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000)));
    }
  } finally {
    clients--;
  }
}

/** The page: a clock driven by `EventSource`, with the connection's state and the client count. */
export const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>allresponses: SSE clock</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; display: grid; place-items: center; min-height: 90vh; margin: 0; }
  main { text-align: center; }
  #time { font: 700 clamp(2.5rem, 12vw, 6rem)/1 ui-monospace, monospace; font-variant-numeric: tabular-nums; }
  #state, #clients, #note { color: #666; }
</style>
</head>
<body>
<main>
  <div id="time">--:--:--</div>
  <p id="state">connecting…</p>
  <p id="clients"></p>
  <p id="note"></p>
</main>
<script type="module">
  const $ = (id) => document.getElementById(id);
  const source = new EventSource(location.pathname.replace(/\\/?$/, "/events"));
  source.addEventListener("open", () => { $("state").textContent = "connected"; });
  source.addEventListener("error", () => { $("state").textContent = "reconnecting…"; });
  source.addEventListener("tick", (event) => {
    const { time, clients } = JSON.parse(event.data);
    $("time").textContent = new Date(time).toLocaleTimeString();
    $("clients").textContent = clients === 1 ? "1 client connected" : clients + " clients connected";
  });
  source.addEventListener("resumed", (event) => {
    const { missed } = JSON.parse(event.data);
    $("note").textContent = "resumed after event " + event.lastEventId + "; missed " + missed + " ticks";
  });
</script>
</body>
</html>
`;

/**
 * The example's handler: `…/events` is the clock's event stream, anything else the page.
 *
 * @example
 * ```ts
 * import { handler } from "./sse-clock.ts";
 * Bun.serve({ port: 8000, fetch: handler });
 * ```
 */
export function handler(request: Request): Response {
  if (new URL(request.url).pathname.endsWith("/events")) {
    return new EventSourceResponse(clock(request), { request, retry: 1000 });
  }
  return new HTMLResponse(page);
}

interface Runtimes {
  Deno?: {
    env: { get(name: string): string | undefined };
    serve(options: { port: number }, handler: (request: Request) => Response): unknown;
  };
  Bun?: { serve(options: { port: number; fetch: (request: Request) => Response }): unknown };
  process?: { env: Record<string, string | undefined> };
}

if (import.meta.main) {
  const { Deno, Bun, process } = globalThis as unknown as Runtimes;
  const port = Number((Deno ? Deno.env.get("PORT") : process?.env.PORT) ?? 8000);
  if (Deno) {
    Deno.serve({ port }, handler); // prints the address itself
  } else if (Bun) {
    Bun.serve({ port, fetch: handler });
    console.log(`SSE clock on http://localhost:${port}/`);
  }
}
