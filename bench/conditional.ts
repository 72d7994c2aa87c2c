/**
 * The server side of the conditionalGet benchmark (`node bench/conditional.mjs`): a 4 KiB JSON
 * body as `JsonResponseOK`, plain and behind `conditionalGet`, on one warm server, so that the
 * middleware's cost per request shows against the same response without it.
 *
 * By hand: `deno run -A bench/conditional.ts native|hono` or `bun bench/conditional.ts native|hono`;
 * it prints `listening <port>`.
 *
 * Routes:
 * - `native` (Deno.serve / Bun.serve): `/plain` → `new JsonResponseOK(data)`; `/tagged` → the
 *   same through `conditionalGet(handler)`; `/sha1` → the same, tagged by a SHA-1 of the bytes
 *   from WebCrypto (the alternative the hash was chosen against, written here for the
 *   comparison only).
 *   Two more routes take conditionalGet's work apart: `/headers` → the plain response after
 *   reading the request's If-None-Match (what any precondition check costs), `/rebuilt` → the
 *   plain response's bytes read and sent in a new Response with an ETag (no hash, no
 *   preconditions).
 * - `hono`: `/plain` behind a middleware that only calls `next()`; `/tagged` behind
 *   `conditionalGet()`.
 */
import { Hono } from "hono";
import { conditionalGet, JsonResponseOK } from "../src/hono.ts";
import { args, type Handler, listen } from "./listen.ts";

const mode = args[0];

/** About 4 KiB of JSON: a page of user records. */
const data = Array.from(
  { length: 58 },
  (_, i) => ({ id: i, name: `User ${i}`, email: `user${i}@example.com`, active: i % 3 !== 0 }),
);

const plain: Handler = () => new JsonResponseOK(data);

/** The WebCrypto alternative: a SHA-1 of the bytes as the ETag. */
function sha1Tagged(handler: Handler): Handler {
  return async (request) => {
    const response = await handler(request);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes));
    const tag = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
    const headers = new Headers(response.headers);
    headers.set("etag", `"${tag}"`);
    return new Response(bytes, { status: response.status, headers });
  };
}

/** Reads the request's If-None-Match, and answers as `plain` does. */
const headers: Handler = (request) => {
  request.headers.get("if-none-match");
  return plain(request);
};

/** The plain response's bytes, in a new Response with a fixed ETag. */
const rebuilt: Handler = async (request) => {
  const response = await plain(request);
  const copy = new Headers(response.headers);
  copy.set("etag", '"fixed"');
  return new Response(await response.arrayBuffer(), { status: 200, headers: copy });
};

function nativeHandler(): Handler {
  const tagged = conditionalGet(plain);
  const sha1 = sha1Tagged(plain);
  return (request) => {
    const url = request.url;
    switch (url.slice(url.indexOf("/", 8))) {
      case "/plain":
        return plain(request);
      case "/tagged":
        return tagged(request);
      case "/sha1":
        return sha1(request);
      case "/headers":
        return headers(request);
      case "/rebuilt":
        return rebuilt(request);
      default:
        return new Response("not found", { status: 404 });
    }
  };
}

function honoHandler(): Handler {
  const app = new Hono();
  app.use("/plain", (_c, next) => next());
  app.get("/plain", () => new JsonResponseOK(data));
  app.use("/tagged", conditionalGet());
  app.get("/tagged", () => new JsonResponseOK(data));
  return app.fetch;
}

listen(mode === "hono" ? honoHandler() : nativeHandler());
