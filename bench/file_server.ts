/**
 * The server side of bench/file.ts: serves the benchmark files on 127.0.0.1 (an OS-chosen port,
 * announced as `listening <port>`, see bench/listen.ts) under Deno or Bun, either with FileResponse ("candidate")
 * or with the runtime's plain file response ("baseline"):
 *
 * - Bun: `new Response(Bun.file(path))`; Bun.serve answers a Range request on such a body itself.
 *   The closed range (`/crange`, `bytes=1000-65535` of the 1 MiB file): `Bun.file(path).slice(a, b + 1)`
 *   as a 206 with its Content-Range.
 * - Deno: `new Response((await Deno.open(path)).readable)` with a Content-Length. Deno has no
 *   Range handling of its own, so the Range case is served from a file holding exactly the
 *   range's bytes: the same number of bytes through the same plain stream. The closed range: the
 *   file opened, sought to the start, and a byte stream of bounded reads up to the end of the
 *   range, as a 206.
 * - `/norequest`: the candidate is `new FileResponse(path)` without the request (the 1 MiB file).
 *
 * Usage: deno run -A bench/file_server.ts <baseline|candidate> <dir>
 *        bun bench/file_server.ts <baseline|candidate> <dir>
 */

import { FileResponse } from "../mod.ts";
import { args, type Handler, listen } from "./listen.ts";

interface DenoFile {
  readable: ReadableStream<Uint8Array>;
  seek(offset: number, whence: number): Promise<number>;
  read(into: Uint8Array): Promise<number | null>;
  close(): void;
}
interface DenoApi {
  open(path: string): Promise<DenoFile>;
  statSync(path: string): { size: number };
}
interface BunApi {
  file(path: string): Blob;
}

const g = globalThis as unknown as { Deno?: DenoApi; Bun?: BunApi };
const [mode, dir] = args;
if ((mode !== "baseline" && mode !== "candidate") || !dir) {
  throw new Error("usage: file_server.ts <baseline|candidate> <dir>");
}

/** The closed range of the 1 MiB file that /crange asks for. */
const CLOSED = { start: 1000, end: 65535, size: 1024 * 1024 };
const CLOSED_HEADERS = {
  "content-range": `bytes ${CLOSED.start}-${CLOSED.end}/${CLOSED.size}`,
  "content-length": String(CLOSED.end - CLOSED.start + 1),
};

/** The file a URL path names: /4k, /64k, /1m, /64m, /1g, /range (the 64 MiB file), /crange and /norequest (1 MiB). */
function fileFor(request: Request): string {
  const name = new URL(request.url).pathname.slice(1);
  const file = name === "range" ? "64m" : name === "crange" || name === "norequest" ? "1m" : name;
  return `${dir}/${file}.bin`;
}

const candidate: Handler = (request) =>
  new URL(request.url).pathname === "/norequest"
    ? new FileResponse(fileFor(request))
    : new FileResponse(fileFor(request), { request });

const bunBaseline: Handler = (request) => {
  const file = g.Bun!.file(fileFor(request));
  if (new URL(request.url).pathname !== "/crange") return new Response(file);
  return new Response(file.slice(CLOSED.start, CLOSED.end + 1), { status: 206, headers: CLOSED_HEADERS });
};

/** Bytes `start` to `end` of `file`: a seek, then reads of at most 64 KiB into fresh buffers. */
function boundedStream(file: DenoFile, start: number, end: number): ReadableStream<Uint8Array> {
  let position = start;
  return new ReadableStream({
    async start() {
      await file.seek(start, 0);
    },
    async pull(controller) {
      const chunk = new Uint8Array(Math.min(65536, end - position + 1));
      const n = (await file.read(chunk)) ?? 0;
      position += n;
      if (n > 0) controller.enqueue(chunk.subarray(0, n));
      if (n === 0 || position > end) {
        file.close();
        controller.close();
      }
    },
    cancel() {
      file.close();
    },
  }, { highWaterMark: 0 });
}

/** The length of each file, stat'ed once: the baseline does no stat per request. */
const sizes = new Map<string, string>();
function sizeOf(path: string): string {
  let size = sizes.get(path);
  if (size === undefined) sizes.set(path, size = String(g.Deno!.statSync(path).size));
  return size;
}

const denoBaseline: Handler = async (request) => {
  const pathname = new URL(request.url).pathname;
  if (pathname === "/crange") {
    const file = await g.Deno!.open(fileFor(request));
    return new Response(boundedStream(file, CLOSED.start, CLOSED.end), { status: 206, headers: CLOSED_HEADERS });
  }
  const path = pathname === "/range" ? `${dir}/range.bin` : fileFor(request);
  const file = await g.Deno!.open(path);
  return new Response(file.readable, { headers: { "content-length": sizeOf(path) } });
};
const baseline = g.Bun ? bunBaseline : denoBaseline;

listen(mode === "candidate" ? candidate : baseline, { idleTimeout: 0 });
