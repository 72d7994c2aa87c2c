/**
 * Construction cost of the response classes against the plain web `Response` that a user
 * would write by hand for the same result, in the same process, alternating rounds.
 *
 * Run: `npm run bench:construct` (both runtimes, writes BENCHMARKS.md), or one runtime with
 * `deno run -A bench/construct.ts` / `bun bench/construct.ts`. Prints one JSON line per case; the
 * last rows ("floor") are a subclass that does nothing, the least any class can cost.
 */
import {
  HTMLResponse,
  HttpResponseCreated,
  HttpResponseFound,
  HttpResponseNoContent,
  HttpResponseNotAllowed,
  HttpResponseNotFound,
  HttpResponseOK,
  JsonResponseNotFound,
  JsonResponseOK,
  PlainTextResponse,
  RedirectResponse,
} from "../mod.ts";
import { pairedRatio } from "./report.mjs";

const g = globalThis as unknown as { Deno?: unknown; Bun?: unknown };
const runtime = g.Deno ? "deno" : g.Bun ? "bun" : "node";
const ITER = 20_000;
const ROUNDS = 31;

const data = { id: 7, name: "Ada Lovelace", tags: ["math", "engines"], active: true };
const html = "<!doctype html><title>x</title><h1>Hello, world</h1>";

const cases: [string, () => Response, () => Response][] = [
  [
    "HttpResponseOK(string)",
    () => new Response("hello world", { headers: { "content-type": "text/html; charset=utf-8" } }),
    () => new HttpResponseOK("hello world"),
  ],
  ["JsonResponseOK(object) vs Response.json", () => Response.json(data), () => new JsonResponseOK(data)],
  [
    "JsonResponseOK(object) vs hand-written",
    () => new Response(JSON.stringify(data), { headers: { "content-type": "application/json" } }),
    () => new JsonResponseOK(data),
  ],
  [
    "HTMLResponse(string)",
    () => new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } }),
    () => new HTMLResponse(html),
  ],
  [
    "RedirectResponse(relative)",
    () => new Response(null, { status: 307, headers: { location: "/next?page=2" } }),
    () => new RedirectResponse("/next?page=2"),
  ],
  [
    "HttpResponseFound(relative)",
    () => new Response(null, { status: 302, headers: { location: "/next?page=2" } }),
    () => new HttpResponseFound("/next?page=2"),
  ],
  [
    "HttpResponseNotFound(string)",
    () => new Response("no such page", { status: 404, headers: { "content-type": "text/html; charset=utf-8" } }),
    () => new HttpResponseNotFound("no such page"),
  ],
  [
    "HttpResponseCreated(string, location)",
    () =>
      new Response("made", {
        status: 201,
        headers: { "content-type": "text/html; charset=utf-8", location: "/items/7" },
      }),
    () => new HttpResponseCreated("made", { location: "/items/7" }),
  ],
  ["HttpResponseNoContent()", () => new Response(null, { status: 204 }), () => new HttpResponseNoContent()],
  [
    "HttpResponseNotAllowed(methods)",
    () =>
      new Response(null, { status: 405, headers: { "content-type": "text/html; charset=utf-8", allow: "GET, HEAD" } }),
    () => new HttpResponseNotAllowed(["GET", "HEAD"]),
  ],
  [
    "JsonResponseNotFound(object)",
    () => new Response(JSON.stringify(data), { status: 404, headers: { "content-type": "application/json" } }),
    () => new JsonResponseNotFound(data),
  ],
  [
    "PlainTextResponse(string)",
    () => new Response("hello world", { headers: { "content-type": "text/plain; charset=utf-8" } }),
    () => new PlainTextResponse("hello world"),
  ],
];

// The floor under every class: a subclass of Response that does nothing but what any class of
// this shape must (a base class and a status class, `super` with the same init, one field
// stored for the lazy Content-Length of a body). Its ratio is what subclassing alone costs on
// this runtime.
const PENDING = Symbol("pending");
class BareBase extends Response {
  declare [PENDING]: unknown;
  constructor(content: string | null, init: ResponseInit) {
    super(content, init);
    if (content !== null) this[PENDING] = content;
  }
}
class BareStatus extends BareBase {}
cases.push(
  [
    "floor: a bare subclass, Created's init",
    () =>
      new Response("made", {
        status: 201,
        headers: { "content-type": "text/html; charset=utf-8", location: "/items/7" },
      }),
    () =>
      new BareStatus("made", {
        status: 201,
        headers: { "content-type": "text/html; charset=utf-8", location: "/items/7" },
      }),
  ],
  [
    "floor: a bare subclass, NoContent's init",
    () => new Response(null, { status: 204 }),
    () => new BareStatus(null, { status: 204 }),
  ],
);

let sink: Response | undefined;
function time(fn: () => Response): number {
  const start = performance.now();
  for (let i = 0; i < ITER; i++) sink = fn();
  return (performance.now() - start) * 1e6 / ITER; // ns per construction
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

for (const [name, baseline, candidate] of cases) {
  time(baseline);
  time(candidate);
  const base: number[] = [];
  const cand: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(time(baseline));
    cand.push(time(candidate));
  }
  const b = median(base);
  const c = median(cand);
  const ratio = pairedRatio(base, cand);
  console.log(
    JSON.stringify({
      runtime,
      case: name,
      baselineNs: Math.round(b),
      candidateNs: Math.round(c),
      ratio: +ratio.toFixed(3),
    }),
  );
}
if (sink === undefined) throw new Error("unreachable");
