/**
 * The server side of bench/file.ts: serves the benchmark files on 127.0.0.1 (an OS-chosen port,
 * printed on the first line of stdout) under Deno or Bun, either with FileResponse ("candidate")
 * or with the runtime's plain file response ("baseline"):
 *
 * - Bun: `new Response(Bun.file(path))`; Bun.serve answers a Range request on such a body itself.
 * - Deno: `new Response((await Deno.open(path)).readable)`. Deno has no Range handling of its
 *   own, so the Range case is served from a file holding exactly the range's bytes: the same
 *   number of bytes through the same plain stream.
 *
 * Usage: deno run -A bench/file_server.ts <baseline|candidate> <dir>
 *        bun bench/file_server.ts <baseline|candidate> <dir>
 */

import { FileResponse } from "../mod.ts";

interface DenoApi {
  serve(options: { port: number; hostname: string; onListen(addr: { port: number }): void }, handler: Handler): unknown;
  open(path: string): Promise<{ readable: ReadableStream<Uint8Array> }>;
}
interface BunApi {
  serve(options: { port: number; hostname: string; fetch: Handler; idleTimeout: number }): { port: number };
  file(path: string): Blob;
}
type Handler = (request: Request) => Response | Promise<Response>;

const g = globalThis as unknown as { Deno?: DenoApi; Bun?: BunApi };
const [mode, dir] = process.argv.slice(2);
if ((mode !== "baseline" && mode !== "candidate") || !dir) {
  throw new Error("usage: file_server.ts <baseline|candidate> <dir>");
}

/** The file a URL path names: /4k, /1m, /64m, /1g, /range (the 64 MiB file, with a Range header). */
function fileFor(request: Request): string {
  const name = new URL(request.url).pathname.slice(1);
  return `${dir}/${name === "range" ? "64m" : name}.bin`;
}

const candidate: Handler = (request) => new FileResponse(fileFor(request), { request });

const bunBaseline: Handler = (request) => new Response(g.Bun!.file(fileFor(request)));
const denoBaseline: Handler = async (request) => {
  const path = new URL(request.url).pathname === "/range" ? `${dir}/range.bin` : fileFor(request);
  return new Response((await g.Deno!.open(path)).readable);
};
const baseline = g.Bun ? bunBaseline : denoBaseline;

const handler = mode === "candidate" ? candidate : baseline;
if (g.Bun) {
  const server = g.Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler, idleTimeout: 0 });
  console.log(server.port);
} else if (g.Deno) {
  g.Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: ({ port }) => console.log(port) }, handler);
} else {
  throw new Error("file_server.ts runs under Deno or Bun");
}
