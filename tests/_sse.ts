/**
 * A server-sent event stream read as the WHATWG HTML spec's EventSource reads it: the one parser
 * the SSE tests and the SSE properties check the bytes against.
 *
 * @module
 */

export interface ReceivedEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/** What an EventSource made of a stream: events dispatched, comments seen, the final state. */
export interface Interpretation {
  events: ReceivedEvent[];
  comments: string[];
  lastEventId: string;
  retry: number | undefined;
}

/**
 * An event stream parser as the WHATWG HTML spec describes it (§9.2.6 "Interpreting an event
 * stream"), fed text in arbitrary chunks: lines end in CRLF, LF or CR (a CR at the end of a
 * chunk may pair with an LF at the start of the next); a blank line dispatches; `:` starts a
 * comment; the field name ends at the first colon and one space after it is dropped; `data`
 * lines join with LF; `id` with a NUL is ignored; `retry` takes ASCII digits only; an
 * unterminated last event is discarded.
 */
export function interpretEventStream(chunks: Iterable<string>): Interpretation {
  const out: Interpretation = { events: [], comments: [], lastEventId: "", retry: undefined };
  let data = "";
  let type = "";
  let idBuffer = "";
  let line = "";
  let afterCR = false;
  const processLine = (l: string) => {
    if (l === "") {
      out.lastEventId = idBuffer;
      if (data !== "") out.events.push({ type: type || "message", data: data.slice(0, -1), lastEventId: idBuffer });
      data = "";
      type = "";
      return;
    }
    if (l.startsWith(":")) {
      out.comments.push(l.slice(1));
      return;
    }
    const colon = l.indexOf(":");
    const field = colon === -1 ? l : l.slice(0, colon);
    let value = colon === -1 ? "" : l.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") type = value;
    else if (field === "data") data += value + "\n";
    else if (field === "id" && !value.includes("\0")) idBuffer = value;
    else if (field === "retry" && /^[0-9]+$/.test(value)) out.retry = Number(value);
  };
  for (const chunk of chunks) {
    for (const ch of chunk) {
      const pairedLF = afterCR && ch === "\n";
      afterCR = ch === "\r";
      if (pairedLF) continue;
      if (ch === "\r" || ch === "\n") {
        processLine(line);
        line = "";
      } else {
        line += ch;
      }
    }
  }
  return out;
}

/**
 * A raw HTTP/1.1 client on `node:net` for event streams: it sends one GET and keeps every byte
 * it reads, and it can stop reading (`stall()`), as a client whose connection takes nothing
 * does: the socket is paused, so the kernel buffers fill and the server's writes stall.
 */
export class RawEventClient {
  readonly #socket: import("node:net").Socket;
  readonly #decoder = new TextDecoder();
  #head: string | undefined;
  #pending: Uint8Array = new Uint8Array(0);
  #chunked = false;
  /** Bytes left of the current chunk; -1 while reading a chunk-size line. */
  #left = -1;
  #body = "";
  #complete = false;
  #closed = false;
  readonly closed: Promise<void>;

  private constructor(socket: import("node:net").Socket) {
    this.#socket = socket;
    socket.on("data", (chunk: Uint8Array) => this.#read(chunk));
    socket.on("error", () => {});
    this.closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    void this.closed.then(() => (this.#closed = true));
  }

  /** Connects to `url` (`http://127.0.0.1:port/path`) and sends a GET with `headers`. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<RawEventClient> {
    const { connect } = await import("node:net");
    const { hostname, port, pathname } = new URL(url);
    const socket = connect({ host: hostname, port: Number(port) });
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const lines = [`GET ${pathname} HTTP/1.1`, `Host: ${hostname}:${port}`, "Accept: text/event-stream"];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.write(lines.join("\r\n") + "\r\n\r\n");
    return new RawEventClient(socket);
  }

  /** Whether the connection has closed. */
  get isClosed(): boolean {
    return this.#closed;
  }

  /** The status line and headers, once they have arrived. */
  get head(): string | undefined {
    return this.#head;
  }

  /** Whether the body ended as a complete chunked body (the last chunk `0` arrived). */
  get complete(): boolean {
    return this.#complete;
  }

  /** The body so far, de-chunked and decoded as UTF-8. */
  get body(): string {
    return this.#body;
  }

  #read(chunk: Uint8Array): void {
    let data = this.#pending.byteLength ? concatBytes(this.#pending, chunk) : chunk;
    if (this.#head === undefined) {
      const end = indexOfCrlfCrlf(data);
      if (end === -1) return void (this.#pending = data);
      this.#head = latin1(data.subarray(0, end));
      this.#chunked = /^transfer-encoding: *chunked/im.test(this.#head);
      data = data.subarray(end + 4);
    }
    this.#pending = this.#chunked ? this.#dechunk(data) : (this.#take(data), new Uint8Array(0));
  }

  /** Takes what it can of `data` as chunked framing; returns what is left for the next read. */
  #dechunk(data: Uint8Array): Uint8Array {
    for (;;) {
      if (this.#left === -1) {
        const line = data.indexOf(10);
        if (line === -1) return data;
        const size = parseInt(latin1(data.subarray(0, line)), 16);
        data = data.subarray(line + 1);
        if (size === 0) {
          this.#complete = true;
          return new Uint8Array(0);
        }
        this.#left = size;
      }
      if (this.#left > 0) {
        const part = data.subarray(0, this.#left);
        this.#take(part);
        this.#left -= part.byteLength;
        data = data.subarray(part.byteLength);
        if (this.#left > 0) return data;
      }
      // The CRLF after the chunk's data.
      if (data.byteLength < 2) return data;
      data = data.subarray(2);
      this.#left = -1;
    }
  }

  #take(bytes: Uint8Array): void {
    this.#body += this.#decoder.decode(bytes, { stream: true });
  }

  /** Stops reading: the socket is paused and takes nothing more. */
  stall(): void {
    this.#socket.pause();
  }

  /** Reads again. */
  resume(): void {
    this.#socket.resume();
  }

  /** Resolves once `check()` holds; rejects after `ms`. */
  async until(check: (client: RawEventClient) => boolean, ms = 5000): Promise<void> {
    for (const end = Date.now() + ms; !check(this); await new Promise((r) => setTimeout(r, 5))) {
      if (Date.now() > end) {
        throw new Error(`not reached in ${ms} ms; head ${this.#head}, body ${this.#body.slice(-300)}`);
      }
    }
  }

  /** Closes the connection. */
  close(): void {
    this.#socket.destroy();
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

function indexOfCrlfCrlf(data: Uint8Array): number {
  for (let i = 0; i + 3 < data.byteLength; i++) {
    if (data[i] === 13 && data[i + 1] === 10 && data[i + 2] === 13 && data[i + 3] === 10) return i;
  }
  return -1;
}

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}
