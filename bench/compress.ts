/**
 * The server side of the compression benchmark (`node bench/compress.mjs`): a 1 MiB text body
 * compressed by `node:zlib` alone (one call on the whole buffer, the baseline), by
 * `compressResponse` (which streams it through a zlib stream), and by `CompressionStream` (the
 * alternative codec, for comparison), on one warm server.
 *
 * By hand: `deno run -A bench/compress.ts serve` or `bun bench/compress.ts serve`; it prints
 * `listening <port>`. `… bench/compress.ts memory` instead streams 1 GiB through
 * `compressResponse` (gzip) in-process and prints the RSS growth as JSON.
 *
 * Routes (`/<form>/<coding>`, coding `gzip` or `br`): `/zlib/…` → `zlib.gzip(bytes)` /
 * `zlib.brotliCompress(bytes)` (quality 4, as compressResponse uses) into a `Response` with
 * Content-Encoding and Vary; `/ours/…` → `compressResponse(request, new PlainTextResponse(text))`;
 * `/stream/gzip` → `new Response(text).body.pipeThrough(new CompressionStream("gzip"))`.
 */
import * as zlib from "node:zlib";
import { compressResponse, PlainTextResponse } from "../mod.ts";
import { args, listen } from "./listen.ts";

const mode = args[0];

/** 1 MiB of text that compresses like prose (about 3:1 with gzip), not like a repeated string. */
function prose(length: number): string {
  const words = ["the", "response", "stream", "header", "of", "a", "server", "cache", "client", "body", "and", "to"];
  let out = "";
  for (let x = 7; out.length < length;) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += words[x % words.length] + (x % 5 === 0 ? ` ${x % 100000} ` : " ") + (x % 23 === 0 ? "\n" : "");
  }
  return out.slice(0, length);
}

const text = prose(1024 * 1024);
const bytes = new TextEncoder().encode(text);
const TYPE = "text/plain; charset=utf-8";
const BROTLI = {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
};

function oneShot(coding: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, out: Uint8Array) => (error ? reject(error) : resolve(out));
    if (coding === "br") zlib.brotliCompress(bytes, BROTLI, done);
    else zlib.gzip(bytes, done);
  });
}

async function route(request: Request): Promise<Response> {
  const url = request.url;
  const [, form, coding] = url.slice(url.indexOf("/", 8)).split("/");
  if (form === "zlib") {
    const headers = { "content-type": TYPE, "content-encoding": coding!, vary: "Accept-Encoding" };
    return new Response(await oneShot(coding!), { headers });
  }
  if (form === "ours") return compressResponse(request, new PlainTextResponse(text));
  if (form === "stream") {
    const headers = { "content-type": TYPE, "content-encoding": "gzip", vary: "Accept-Encoding" };
    const body = new Response(text).body!.pipeThrough(
      new CompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
    );
    return new Response(body, { headers });
  }
  return new Response("not found", { status: 404 });
}

/** Streams `total` bytes through compressResponse (gzip) and reads it all: the RSS growth. */
async function memory(total: number): Promise<{ seconds: number; grownMiB: number; rssMiB: number }> {
  const chunk = new Uint8Array(64 * 1024).fill(97);
  const run = async (length: number) => {
    let sent = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= length) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }, { highWaterMark: 0 });
    const res = compressResponse(
      new Request("http://x/", { headers: { "accept-encoding": "gzip" } }),
      new Response(source, { headers: { "content-type": TYPE } }),
    );
    let peak = 0;
    let n = 0;
    const reader = res.body!.getReader();
    while (!(await reader.read()).done) if ((++n & 63) === 0) peak = Math.max(peak, process.memoryUsage().rss);
    return Math.max(peak, process.memoryUsage().rss);
  };
  await run(16 * 1024 * 1024);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const peak = await run(total);
  return { seconds: (performance.now() - started) / 1000, grownMiB: (peak - before) / 2 ** 20, rssMiB: peak / 2 ** 20 };
}

if (mode === "memory") console.log(JSON.stringify(await memory(1024 ** 3)));
else listen(route);
