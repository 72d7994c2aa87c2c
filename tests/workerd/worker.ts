/**
 * A worker serving every kind of response the library makes, for the over-the-wire checks
 * (tests/workerd/wire_checks.ts): scripts/workerd.mjs bundles it, runs it in workerd through
 * miniflare and the checks request each path from Node over HTTP.
 *
 * @module
 */

import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import {
  compressResponse,
  conditionalGet,
  EventSourceResponse,
  FileResponse,
  handle,
  HTMLResponse,
  Http404,
  HttpError,
  HttpResponseNoContent,
  HttpResponseOK,
  JsonResponse,
  JsonResponseCreated,
  PlainTextResponse,
  RedirectResponse,
  type ServerSentEvent,
  type StreamContent,
  StreamingResponse,
} from "../../mod.ts";
import { errorHandler, responses } from "../../src/hono.ts";
import { LONG_TEXT } from "./texts.ts";

/** The secret the signed cookie of `/cookies` is signed with. */
export const SECRET = "wire-check-secret";

/** 26 bytes, `a` to `z`: the Blob `/blob` serves. */
export const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// A source with `return()`, as the README recommends on workerd: two events with a pause that
// leaves room for a ping between them.
function events(): AsyncIterator<ServerSentEvent> & AsyncIterable<ServerSentEvent> {
  let step = 0;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      step++;
      if (step === 1) return { done: false, value: { event: "greeting", data: "hello", id: "1" } };
      if (step === 2) {
        await sleep(1_500);
        return { done: false, value: { data: "line one\nline two", id: "2" } };
      }
      return { done: true, value: undefined };
    },
    return() {
      step = 3;
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}

/** What the sources of `/leave/*` saw: how many were cleaned up after their client left. */
const cleanedUp = { stream: 0, iterator: 0, generator: 0, events: 0 };

const tick = () => new TextEncoder().encode("tick\n");

// Three sources that never end, each counting its cleanup: a ReadableStream's cancel(), an
// iterator's return(), a generator's finally. workerd cancels nothing when a client leaves; the
// routes pass `request`, whose signal (with the enable_request_signal flag) is what closes them.
const leaving: Record<"stream" | "iterator" | "generator", () => StreamContent> = {
  stream: () =>
    new ReadableStream<Uint8Array>({
      async pull(controller) {
        await sleep(50);
        controller.enqueue(tick());
      },
      cancel: () => void cleanedUp.stream++,
    }),
  iterator: (): AsyncIterable<Uint8Array> => ({
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      return {
        next: async () => (await sleep(50), { done: false, value: tick() }),
        return: () => (cleanedUp.iterator++, Promise.resolve({ done: true, value: undefined })),
      };
    },
  }),
  generator: async function* () {
    try {
      for (;;) {
        await sleep(50);
        yield tick();
      }
    } finally {
      cleanedUp.generator++;
    }
  },
};

const hono = new Hono()
  .basePath("/hono")
  .use(responses())
  .onError(errorHandler)
  .get("/note", (c) => {
    c.header("Cache-Control", "no-store");
    return new JsonResponseCreated({ id: 1, seen: getCookie(c, "seen") ?? null }, { location: "/hono/note/1" });
  })
  .get("/missing", () => {
    throw new Http404("No such note");
  });

const routes: Record<string, (request: Request) => Response | Promise<Response>> = {
  "/ok": () => new HttpResponseOK("hello, workerd"),
  "/no-content": () => new HttpResponseNoContent(),
  "/json": () => new JsonResponse({ a: 1, text: "é ✓" }),
  "/created": () => new JsonResponseCreated({ id: 7 }, { location: "/items/7" }),
  "/html": () => new HTMLResponse("<p>héllo</p>"),
  "/text": () => new PlainTextResponse("plain ✓"),
  "/redirect": () => new RedirectResponse("/elsewhere?x=1", { status: 303 }),
  "/stream": () =>
    new StreamingResponse(
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of ["one ", "two ", "three"]) controller.enqueue(new TextEncoder().encode(part));
          controller.close();
        },
      }),
      { headers: { "content-type": "text/plain; charset=utf-8" } },
    ),
  "/stream-length": () =>
    new StreamingResponse(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("12345"));
          controller.close();
        },
      }),
      { headers: { "content-length": "5" } },
    ),
  "/stream-error": () => {
    let pulls = 0;
    return new StreamingResponse(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (pulls++ === 0) return controller.enqueue(new TextEncoder().encode("part one, "));
          await sleep(50);
          controller.error(new Error("expected test failure: the source failed mid-body"));
        },
      }),
    );
  },
  "/leave/stream": (request) => new StreamingResponse(leaving.stream(), { request }),
  "/leave/iterator": (request) => new StreamingResponse(leaving.iterator(), { request }),
  "/leave/generator": (request) => new StreamingResponse(leaving.generator(), { request }),
  // The README's event stream for Workers: a ReadableStream source whose cancel() stops its timer.
  "/leave/events": (request) => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const ticks = new ReadableStream<ServerSentEvent>({
      start: (controller) => void (timer = setInterval(() => controller.enqueue({ data: "tick" }), 50)),
      cancel: () => {
        clearInterval(timer);
        cleanedUp.events++;
      },
    });
    return new EventSourceResponse(ticks, { request });
  },
  "/cleaned-up": () => new JsonResponse(cleanedUp),
  "/sse": (request) => new EventSourceResponse(events(), { ping: 1, request }),
  "/cookies": async () =>
    await new HttpResponseOK("cookies")
      .setCookie("theme", "dark", { maxAge: 60 })
      .deleteCookie("old")
      .setSignedCookie("sid", "ada", SECRET, { httpOnly: true }),
  "/blob": (request) => new FileResponse(new Blob([ALPHABET], { type: "text/plain" }), { request }),
  // workerd's node:fs (nodejs_compat) has a writable /tmp per request; its files report inode 0
  // and mtime 0, from which no validator may be made.
  "/disk": (request) => {
    writeFileSync("/tmp/alphabet.txt", ALPHABET);
    return new FileResponse("/tmp/alphabet.txt", { request });
  },
  "/disk-precompressed": (request) => {
    writeFileSync("/tmp/long.txt", LONG_TEXT);
    // A sibling of other content: served, it would show.
    writeFileSync("/tmp/long.txt.gz", gzipSync("a stale variant"));
    return new FileResponse("/tmp/long.txt", { request, precompressed: true });
  },
  "/compressed": (request) => compressResponse(request, new PlainTextResponse(LONG_TEXT)),
  "/encoded-conditional": conditionalGet(() => {
    const gzipped = gzipSync(LONG_TEXT);
    return new Response(gzipped, {
      encodeBody: "manual",
      headers: { "content-type": "text/plain", "content-encoding": "gzip", "content-length": String(gzipped.length) },
    } as ResponseInit);
  }),
};

const handled = handle((request: Request) => {
  const path = new URL(request.url).pathname.slice("/handle".length);
  if (path === "/missing") throw new Http404("No such thing");
  if (path === "/teapot") throw new HttpError(418, "Short and stout");
  throw new Error("a secret that must not leak");
}, { onError: () => {} });

export default {
  fetch(request: Request): Response | Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/hono/")) return hono.fetch(request);
    if (path.startsWith("/handle/")) return handled(request);
    return routes[path]?.(request) ?? new Response("no such route", { status: 404 });
  },
};
