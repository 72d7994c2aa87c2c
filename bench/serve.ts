/**
 * The server side of the serve benchmark: one process serves, on 127.0.0.1, a JSON and a text
 * endpoint in each form the benchmark compares, so that baseline and candidate run on the same
 * warm server, one after the other.
 *
 * Run through `node bench/serve.mjs`, which starts it under Deno and Bun and drives it with
 * `wrk`. By hand: `deno run -A bench/serve.ts native|hono` or `bun bench/serve.ts native|hono`;
 * it prints `listening <port>` once it accepts connections.
 *
 * Routes (`/<case>/<form>`):
 * - `native` (Deno.serve / Bun.serve): `/json/plain` → `Response.json(data)`, `/json/ours` →
 *   `new JsonResponseOK(data)`, `/json/same` → a hand-written `Response` with the same two
 *   headers as `JsonResponseOK` (Content-Type and Content-Length); `/text/plain` →
 *   `new Response(text, { headers })`, `/text/default` → `new Response(text)` (the runtime's
 *   own `text/plain;charset=UTF-8`), `/text/ours` → `new PlainTextResponse(text)`.
 * - `hono`: `/json/plain` → `c.json(data)`, `/json/ours` → `new JsonResponseOK(data)`;
 *   `/text/plain` → `c.text(text)`, `/text/ours` → `new PlainTextResponse(text)`; and
 *   `JsonResponseOK` behind the `responses()` middleware at `/mw/json/ours`, against `c.json()`
 *   behind a middleware that only calls `next()` at `/mw/json/plain` (a route with a middleware
 *   leaves Hono's single-handler fast path, whatever the middleware does).
 */
import { Hono } from "hono";
import { JsonResponseOK, PlainTextResponse, responses } from "../src/hono.ts";
import { args, type Handler, listen } from "./listen.ts";

const mode = args[0];
const data = { id: 7, name: "Ada Lovelace", tags: ["math", "engines"], active: true };
const text = "Hello, world!";
const TEXT_TYPE = { "content-type": "text/plain; charset=utf-8" };

function nativeHandler(): Handler {
  return (request) => {
    const url = request.url;
    const path = url.slice(url.indexOf("/", 8));
    switch (path) {
      case "/json/plain":
        return Response.json(data);
      case "/json/ours":
        return new JsonResponseOK(data);
      case "/json/same": {
        const json = JSON.stringify(data);
        return new Response(json, {
          headers: { "content-type": "application/json", "content-length": String(json.length) },
        });
      }
      case "/text/plain":
        return new Response(text, { headers: TEXT_TYPE });
      case "/text/default":
        return new Response(text);
      case "/text/ours":
        return new PlainTextResponse(text);
      default:
        return new Response("not found", { status: 404 });
    }
  };
}

function honoHandler(): Handler {
  const app = new Hono();
  app.get("/json/plain", (c) => c.json(data));
  app.get("/json/ours", () => new JsonResponseOK(data));
  app.get("/text/plain", (c) => c.text(text));
  app.get("/text/ours", () => new PlainTextResponse(text));
  app.use("/mw/json/plain", (_c, next) => next());
  app.get("/mw/json/plain", (c) => c.json(data));
  app.use("/mw/json/ours", responses());
  app.get("/mw/json/ours", () => new JsonResponseOK(data));
  return app.fetch;
}

if (mode !== "native" && mode !== "hono") throw new Error(`bench/serve.ts: mode must be native or hono, not ${mode}`);
listen(mode === "native" ? nativeHandler() : honoHandler());
