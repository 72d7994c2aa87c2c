/**
 * A worker run without `nodejs_compat` (no `node:fs`, no `node:zlib`), for the over-the-wire
 * checks of what the library does where there is no file system: scripts/workerd.mjs runs it
 * next to tests/workerd/worker.ts. The handlers of `staticFiles` and `serveFiles` are made when
 * the worker starts, as an app would make them: the worker must start.
 *
 * @module
 */

import { Hono } from "hono";
import {
  compressResponse,
  EventSourceResponse,
  FileResponse,
  handle,
  JsonResponse,
  PlainTextResponse,
  staticFiles,
} from "../../mod.ts";
import { serveFiles } from "../../src/hono.ts";
import { LONG_TEXT } from "./texts.ts";

const assets = staticFiles({ root: "/srv/public" });
const hono = new Hono();
hono.use("/serve/*", serveFiles({ root: "/srv/public" }));
hono.onError((error) => new JsonResponse({ thrown: { name: error.name, message: error.message } }));

/** What an error thrown by `make` says: its class and message. */
function thrown(make: () => unknown): Response {
  try {
    make();
    return new JsonResponse({ thrown: null });
  } catch (error) {
    const { name, message } = error as Error;
    return new JsonResponse({ thrown: { name, message } });
  }
}

const routes: Record<string, (request: Request) => Response | Promise<Response>> = {
  "/path": (request) => thrown(() => new FileResponse("/srv/public/index.html", { request })),
  "/static": (request) => thrown(() => assets(request)),
  "/serve/index.html": (request) => hono.fetch(request),
  "/blob": (request) => new FileResponse(new Blob(["no disk needed"], { type: "text/plain" }), { request }),
  "/text": (request) => compressResponse(request, new PlainTextResponse(LONG_TEXT)),
  "/events": (request) =>
    compressResponse(request, new EventSourceResponse([{ data: LONG_TEXT }, { data: "last" }], { request })),
};

export default {
  fetch: handle((request: Request) => {
    const route = routes[new URL(request.url).pathname];
    return route === undefined ? new Response("no such route", { status: 404 }) : route(request);
  }),
};
