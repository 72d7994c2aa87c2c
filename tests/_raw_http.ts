/**
 * Test helper: a raw HTTP/1.1 client on `node:net`, for the tests where what goes over the wire
 * matters — what `fetch` hides: request-targets it would normalize (`..`), header fields it
 * would merge (two `Date`s), Transfer-Encoding, and bodies it would decode (`Content-Encoding`).
 * It sends one request per connection (`Connection: close`), sends the request-target verbatim
 * when given one, undoes only the chunked framing, and hands back the body as sent: still
 * compressed when the server compressed it.
 */

import { connect, type Socket } from "node:net";
import * as zlib from "node:zlib";

/** The head of a response as received: status, and each header line in order (names lower-cased). */
export interface RawHead {
  status: number;
  /** Every header line, `[name, value]`, in the order received. */
  lines: [string, string][];
  /** The values of header `name`, each line on its own. */
  all(name: string): string[];
  /** The value of the one line of header `name`; `null` when absent; throws when it appears more than once. */
  get(name: string): string | null;
}

/** A whole response as received: the head, and the payload with only the chunked framing removed. */
export interface RawResponse extends RawHead {
  body: Uint8Array;
}

/** What a request sends. */
export interface RawRequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** The request-target, sent byte for byte; by default the URL's path and query. */
  target?: string;
  /**
   * `true` (the default): read on until the server closes the connection, and fail on any byte
   * after the response's framing (a body on a HEAD, more than the Content-Length). `false`: stop
   * where the framing says the response ends, for a server that keeps the connection open
   * whatever `Connection: close` says (workerd).
   */
  untilClose?: boolean;
}

/** Buffers a socket's bytes and hands them out as lines and counts. */
class ByteReader {
  #buffer = new Uint8Array(0);
  #ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(socket: Socket) {
    socket.on("data", (chunk: Uint8Array) => {
      const next = new Uint8Array(this.#buffer.byteLength + chunk.byteLength);
      next.set(this.#buffer);
      next.set(chunk, this.#buffer.byteLength);
      this.#buffer = next;
      this.#wake?.();
    });
    socket.on("end", () => {
      this.#ended = true;
      this.#wake?.();
    });
    socket.on("error", (error) => {
      this.#error = error;
      this.#wake?.();
    });
  }

  /** Waits for more bytes; false once the connection has ended with nothing more. */
  async #more(): Promise<boolean> {
    if (this.#error) throw this.#error;
    if (this.#ended) return false;
    await new Promise<void>((resolve) => (this.#wake = resolve));
    this.#wake = undefined;
    if (this.#error) throw this.#error;
    return true;
  }

  #take(n: number): Uint8Array {
    const out = this.#buffer.slice(0, n);
    this.#buffer = this.#buffer.slice(n);
    return out;
  }

  /** The next line without its CRLF. */
  async line(): Promise<string> {
    for (;;) {
      const at = findCrlf(this.#buffer);
      if (at !== -1) {
        const line = latin1(this.#take(at));
        this.#take(2);
        return line;
      }
      if (!(await this.#more())) throw new Error("raw HTTP: the connection ended inside a line");
    }
  }

  /** Exactly `n` bytes. */
  async exactly(n: number): Promise<Uint8Array> {
    while (this.#buffer.byteLength < n) {
      if (!(await this.#more())) {
        throw new Error(`raw HTTP: the connection ended ${n - this.#buffer.byteLength} bytes short`);
      }
    }
    return this.#take(n);
  }

  /** How many bytes have arrived and not been taken. */
  get pending(): number {
    return this.#buffer.byteLength;
  }

  /** Whatever is buffered (waiting for some when nothing is), or `undefined` at the end. */
  async some(): Promise<Uint8Array | undefined> {
    while (this.#buffer.byteLength === 0) if (!(await this.#more())) return undefined;
    return this.#take(this.#buffer.byteLength);
  }
}

/** The bytes as text, one character per byte, as HTTP/1.1 heads are read. */
export const latin1 = (bytes: Uint8Array): string => new TextDecoder("latin1").decode(bytes);

function findCrlf(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.byteLength; i++) if (bytes[i] === 13 && bytes[i + 1] === 10) return i;
  return -1;
}

function head(status: number, lines: [string, string][]): RawHead {
  const all = (name: string) => lines.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);
  const get = (name: string) => {
    const values = all(name);
    if (values.length > 1) throw new Error(`raw HTTP: ${name} appears ${values.length} times: ${values.join(" | ")}`);
    return values[0] ?? null;
  };
  return { status, lines, all, get };
}

async function readHead(reader: ByteReader): Promise<RawHead> {
  const statusLine = await reader.line();
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`raw HTTP: bad status line ${JSON.stringify(statusLine)}`);
  const lines: [string, string][] = [];
  for (let line = await reader.line(); line !== ""; line = await reader.line()) {
    const colon = line.indexOf(":");
    lines.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return head(status, lines);
}

/** The payload of a response, chunk by chunk as it arrives, with the chunked framing removed. */
async function* payload(reader: ByteReader, h: RawHead, method: string): AsyncGenerator<Uint8Array> {
  if (method === "HEAD" || h.status === 204 || h.status === 304 || (h.status >= 100 && h.status < 200)) return;
  if (/\bchunked\b/i.test(h.get("transfer-encoding") ?? "")) {
    for (;;) {
      const size = parseInt((await reader.line()).split(";")[0]!, 16);
      if (size === 0) {
        while ((await reader.line()) !== "");
        return;
      }
      yield await reader.exactly(size);
      await reader.exactly(2);
    }
  }
  const length = h.get("content-length");
  if (length !== null) {
    if (Number(length) > 0) yield await reader.exactly(Number(length));
    return;
  }
  for (let chunk = await reader.some(); chunk !== undefined; chunk = await reader.some()) yield chunk;
}

function open(url: string, init: RawRequestInit): { socket: Socket; reader: ByteReader; method: string } {
  const { hostname, port, pathname, search } = new URL(url);
  const method = init.method ?? "GET";
  const socket = connect(Number(port), hostname);
  const reader = new ByteReader(socket);
  const target = init.target ?? pathname + search;
  const lines = [`${method} ${target} HTTP/1.1`, `host: ${hostname}:${port}`, "connection: close"];
  for (const [name, value] of Object.entries(init.headers ?? {})) lines.push(`${name}: ${value}`);
  socket.write(lines.join("\r\n") + "\r\n\r\n");
  return { socket, reader, method };
}

/**
 * Sends one request to `url`'s host and reads the whole response, its body as sent (still
 * content-coded).
 */
export async function rawRequest(url: string, init: RawRequestInit = {}): Promise<RawResponse> {
  const { socket, reader, method } = open(url, init);
  try {
    const h = await readHead(reader);
    const parts: Uint8Array[] = [];
    for await (const part of payload(reader, h, method)) parts.push(part);
    if (init.untilClose ?? true) await noMore(reader);
    else if (reader.pending > 0) throw new Error(`raw HTTP: ${reader.pending} bytes after the end of the response`);
    return { ...h, body: new Uint8Array(Buffer.concat(parts)) };
  } finally {
    socket.destroy();
  }
}

/** Reads to the end of the connection; throws on any byte there. */
async function noMore(reader: ByteReader): Promise<void> {
  const extra = await reader.some();
  if (extra !== undefined) {
    throw new Error(`raw HTTP: bytes after the end of the response: ${JSON.stringify(latin1(extra).slice(0, 200))}`);
  }
}

/** A response being received: its head, then its payload as it arrives. */
export interface RawStream extends RawHead {
  chunks: AsyncGenerator<Uint8Array>;
  close(): void;
}

/** Sends one request and returns once the head has arrived; the payload is read as it comes. */
export async function rawStream(url: string, init: RawRequestInit = {}): Promise<RawStream> {
  const { socket, reader, method } = open(url, init);
  const h = await readHead(reader);
  return { ...h, chunks: payload(reader, h, method), close: () => socket.destroy() };
}

/** Undoes a content-coding as a client would: `br`, `zstd`, `gzip`, `deflate`; `null` is identity. */
export function decode(body: Uint8Array, encoding: string | null): Uint8Array {
  const z = zlib as unknown as Record<string, ((b: Uint8Array) => Uint8Array) | undefined>;
  const decoders: Record<string, ((b: Uint8Array) => Uint8Array) | undefined> = {
    br: zlib.brotliDecompressSync,
    zstd: z.zstdDecompressSync,
    gzip: zlib.gunzipSync,
    deflate: zlib.inflateSync,
  };
  if (encoding === null) return body;
  const decoder = decoders[encoding];
  if (decoder === undefined) throw new Error(`raw HTTP: no decoder for ${encoding}`);
  return new Uint8Array(decoder(body));
}

/** A streaming decoder for `encoding`, as a client reading a compressed stream would use. */
export function decoderStream(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress {
  const z = zlib as unknown as Record<string, (() => zlib.Gunzip) | undefined>;
  if (encoding === "gzip") return zlib.createGunzip();
  if (encoding === "deflate") return zlib.createInflate();
  if (encoding === "br") return zlib.createBrotliDecompress();
  const zstd = encoding === "zstd" ? z.createZstdDecompress : undefined;
  if (zstd === undefined) throw new Error(`raw HTTP: no streaming decoder for ${encoding}`);
  return zstd();
}
