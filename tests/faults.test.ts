/**
 * Fault tests through a real server on the runtime running the suite: clients that go away at
 * every stage, sources that throw, readers that stall. The client is a raw HTTP/1.1 socket, so
 * the test decides exactly when it leaves and sees exactly the bytes the server sent.
 */

import { after, test } from "node:test";
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { appendFileSync, copyFileSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { basename, join } from "node:path";
import process from "node:process";
import { EventSourceResponse, FileResponse, StreamingResponse } from "../mod.ts";
import { allFds, bytes, fixtureDir, openFds, removeDir, settle, writeFixture } from "./_files.ts";
import { bun, runtime } from "./_runtime.ts";
import { withServer } from "./_serve.ts";
import { eventually, signal, sleep } from "./_util.ts";

/** Waits until `value()` has not changed for `quiet` ms, for up to `ms`; returns whether it held still. */
async function steady(value: () => number, quiet: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  let last = value();
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(20);
    if (value() !== last) {
      last = value();
      since = Date.now();
    } else if (Date.now() - since >= quiet) {
      return true;
    }
  }
  return false;
}

/** Waits until `check()` has held for `quiet` ms on end, for up to `ms`; returns whether it did. */
async function holds(check: () => boolean, quiet: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  let since = check() ? Date.now() : undefined;
  while (Date.now() < end) {
    if (since !== undefined && Date.now() - since >= quiet) return true;
    await sleep(20);
    if (!check()) since = undefined;
    else since ??= Date.now();
  }
  return false;
}

/**
 * What the client made of a response:
 * - `complete`: every byte Content-Length announced, or a chunked body up to its last chunk;
 * - `aborted`: the connection closed before that (a client reports a failed body);
 * - `hung`: neither, the connection still open and nothing more coming;
 * - `overlong`: more bytes than Content-Length announced.
 */
type Outcome = "complete" | "aborted" | "hung" | "overlong";

interface Head {
  status: number;
  headers: Map<string, string>;
}

const CRLF_CRLF = Buffer.from("\r\n\r\n");

/**
 * One HTTP/1.1 request over its own socket, parsed as it arrives: the head, then a body framed
 * by Content-Length or by chunked encoding (a response framed by closing the connection fails
 * the test, since a client could not tell a cut body from a whole one).
 */
class RawClient {
  /** The clients that have not left yet. */
  static readonly open = new Set<RawClient>();
  head: Head | undefined;
  closed = false;
  /** Payload bytes received (without the chunked framing). */
  bodyLength = 0;
  #pending: Buffer = Buffer.alloc(0);
  #payload: Buffer[] = [];
  /** Content-Length bytes still expected, or the bytes left in the current chunk. */
  #remaining = 0;
  #chunked: "size" | "data" | "data-end" | "trailer" | "done" | undefined;
  #complete = false;
  #extra = 0;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => this.#take(chunk));
    socket.on("error", () => (this.closed = true));
    socket.on("close", () => (this.closed = true));
  }

  /** Connects to `url` and sends `GET path` (or `method`) with `headers`; the connection stays keep-alive. */
  static async request(url: string, path = "/", headers: Record<string, string> = {}, method = "GET") {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${hostname}:${port}`];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.write(lines.join("\r\n") + "\r\n\r\n");
    const client = new RawClient(socket);
    RawClient.open.add(client);
    return client;
  }

  #take(chunk: Buffer): void {
    let data: Buffer = this.#pending.byteLength ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = Buffer.alloc(0);
    if (this.head === undefined) {
      const end = data.indexOf(CRLF_CRLF);
      if (end === -1) {
        this.#pending = data;
        return;
      }
      const [statusLine, ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      this.head = { status: Number(statusLine!.split(" ")[1]), headers };
      data = data.subarray(end + 4);
      if (headers.get("transfer-encoding") === "chunked") this.#chunked = "size";
      else if (headers.has("content-length")) this.#remaining = Number(headers.get("content-length"));
      else assert.fail(`a response framed by closing the connection: ${JSON.stringify([...headers])}`);
      this.#complete = this.#chunked === undefined && this.#remaining === 0;
    }
    if (this.#chunked === undefined) {
      const body = data.subarray(0, this.#remaining);
      this.#keep(body);
      this.#remaining -= body.byteLength;
      this.#extra += data.byteLength - body.byteLength;
      this.#complete = this.#remaining === 0;
    } else {
      this.#dechunk(data);
    }
  }

  #keep(payload: Buffer): void {
    if (payload.byteLength === 0) return;
    this.#payload.push(payload);
    this.bodyLength += payload.byteLength;
  }

  #dechunk(data: Buffer): void {
    let at = 0;
    while (at < data.byteLength) {
      if (this.#chunked === "done") {
        this.#extra += data.byteLength - at;
        return;
      }
      if (this.#chunked === "data") {
        const body = data.subarray(at, at + this.#remaining);
        this.#keep(body);
        this.#remaining -= body.byteLength;
        at += body.byteLength;
        if (this.#remaining === 0) this.#chunked = "data-end";
        continue;
      }
      const eol = data.indexOf("\r\n", at);
      if (eol === -1) {
        this.#pending = data.subarray(at);
        return;
      }
      const line = data.subarray(at, eol).toString("latin1");
      at = eol + 2;
      if (this.#chunked === "size") {
        this.#remaining = parseInt(line.split(";")[0]!, 16);
        assert.ok(!Number.isNaN(this.#remaining), `a chunk-size line: ${JSON.stringify(line)}`);
        this.#chunked = this.#remaining === 0 ? "trailer" : "data";
      } else if (this.#chunked === "data-end") {
        assert.equal(line, "", "a chunk's data ends with CRLF");
        this.#chunked = "size";
      } else if (line === "") {
        this.#chunked = "done";
        this.#complete = true;
      }
    }
  }

  /** The body's payload so far. */
  get body(): Buffer {
    if (this.#payload.length > 1) this.#payload = [Buffer.concat(this.#payload)];
    return this.#payload[0] ?? Buffer.alloc(0);
  }

  /** What the response amounts to so far (see {@link Outcome}). */
  get outcome(): Outcome {
    if (this.#extra > 0) return "overlong";
    if (this.#complete) return "complete";
    return this.closed ? "aborted" : "hung";
  }

  /** Waits until `check()` holds, for up to `ms`; returns whether it did. */
  until(check: (client: this) => boolean, ms = 5000): Promise<boolean> {
    return eventually(() => check(this), ms);
  }

  /** Waits up to `ms` for the response to be complete, aborted or overlong; `hung` if it is none. */
  async settle(ms = 3000): Promise<Outcome> {
    await this.until((c) => c.outcome !== "hung", ms);
    return this.outcome;
  }

  /** Goes away: closes the socket without reading further. */
  leave(): void {
    RawClient.open.delete(this);
    this.socket.destroy();
  }
}

/**
 * Serves `handler` for `body`, then closes every {@link RawClient} still open (so that a failed
 * assertion cannot leave a connection that keeps the server from stopping) and the server. On
 * Bun the server has an error handler and a one-second idle timeout: Bun.serve reports a file
 * body it cannot open to its `error` handler (a 500 when the head is not out yet), and leaves a
 * connection whose file shrank during sendfile open until the idle timeout closes it.
 */
async function serving(
  handler: (request: Request) => Response | Promise<Response>,
  body: (url: string) => Promise<void>,
): Promise<void> {
  const run = async (url: string) => {
    try {
      await body(url);
    } finally {
      for (const client of RawClient.open) client.leave();
    }
  };
  if (!bun) return await withServer(handler, run);
  const server = bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 1,
    fetch: handler,
    error: () => new Response("the body could not be sent", { status: 500 }),
  });
  try {
    await run(`http://127.0.0.1:${server.port}`);
  } finally {
    await server.stop(true);
  }
}

/** Counts the generators started and the ones whose `finally` ran. */
function generatorCounter() {
  const counts = { started: 0, finished: 0 };
  return {
    counts,
    get running() {
      return counts.started - counts.finished;
    },
    /** An endless generator of `size`-byte chunks (strings), one every `every` ms. */
    async *endless(size: number, every: number) {
      counts.started++;
      try {
        for (let n = 0;; n++) {
          yield String(n % 10).repeat(size);
          if (every > 0) await sleep(every);
        }
      } finally {
        counts.finished++;
      }
    },
  };
}

/** Collects unhandled rejections while `body` runs. */
async function noUnhandledRejections(body: () => Promise<void>): Promise<void> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    await body();
    await sleep(50);
    assert.deepEqual(unhandled, [], "no unhandled rejection");
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
}

/** Fetches `url` 10 times at once and checks every answer arrived whole. */
async function stillServing(url: string): Promise<void> {
  const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(`${url}/ok`).then((r) => r.text())));
  assert.deepEqual(answers, Array(10).fill("ok"), "the server keeps serving");
}

type Stage = "before the response" | "after the headers" | "mid-body";
const STAGES: Stage[] = ["before the response", "after the headers", "mid-body"];

/** Disconnects `client` at `stage`; `arrived` resolves when the handler has the request. */
async function leaveAt(stage: Stage, client: RawClient, arrived: Promise<void>, release: () => void) {
  if (stage === "before the response") {
    await arrived;
    client.leave();
    await sleep(50);
    release();
    return;
  }
  release();
  const ready = stage === "after the headers"
    ? await client.until((c) => c.head !== undefined)
    : await client.until((c) => c.bodyLength >= 4096);
  assert.ok(ready, `the response reached ${stage}`);
  client.leave();
}

test(`streams: a client leaving before the response, after the headers or mid-body leaves no generator running (${runtime})`, async (t) => {
  const generators = generatorCounter();
  let arrived = signal();
  let release = signal();
  await serving(async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/ok") return new StreamingResponse(["ok"], { mediaType: "text/plain" });
    arrived.fire();
    await release.promise;
    return pathname === "/sse"
      ? new EventSourceResponse(generators.endless(1024, 5), { request, ping: 0.05 })
      : new StreamingResponse(generators.endless(1024, 5), { request });
  }, async (url) => {
    for (const path of ["/stream", "/sse"]) {
      for (const stage of STAGES) {
        await t.test(`${path}, left ${stage}`, async () => {
          arrived = signal();
          release = signal();
          const client = await RawClient.request(url, path);
          await leaveAt(stage, client, arrived.promise, release.fire);
          assert.ok(
            await eventually(() => generators.running === 0, 5000),
            `${path}, left ${stage}: ${generators.running} generator(s) still running`,
          );
        });
      }
      await stillServing(url);
    }
    assert.ok(generators.counts.started >= 4, "the generators behind the responses that had begun were run");
  });
});

test(`streams: a source that throws — before its first chunk, mid-body, as a ReadableStream, or when closed — ends only its response (${runtime})`, async () => {
  await noUnhandledRejections(async () => {
    const sources: Record<string, () => StreamingResponse> = {
      "/throws-first": () =>
        new StreamingResponse(
          // deno-lint-ignore require-yield
          (function* () {
            throw new Error("expected test failure: the source threw before its first chunk");
          })(),
        ),
      "/throws-later": () =>
        new StreamingResponse((async function* () {
          yield "x".repeat(4096);
          await sleep(20);
          throw new Error("expected test failure: the source threw mid-body");
        })()),
      "/errors": () =>
        new StreamingResponse(
          new ReadableStream<string>({
            start(controller) {
              controller.enqueue("x".repeat(4096));
              setTimeout(() => controller.error(new Error("expected test failure: the stream errored")), 20);
            },
          }),
        ),
      "/sse-throws": () =>
        new EventSourceResponse(
          (async function* () {
            yield { data: "one" };
            await sleep(20);
            throw new Error("expected test failure: the event source threw");
          })(),
          { ping: 0.01 },
        ),
    };
    await serving((request) => {
      const { pathname } = new URL(request.url);
      return sources[pathname]?.() ?? new StreamingResponse(["ok"]);
    }, async (url) => {
      for (const path of Object.keys(sources)) {
        const client = await RawClient.request(url, path);
        const outcome = await client.settle(5000);
        const status = client.head?.status;
        assert.ok(
          outcome === "aborted" || (outcome === "complete" && status !== undefined && status >= 500),
          `${path}: the client sees a failed response (got ${outcome}, status ${status})`,
        );
        client.leave();
      }
      await stillServing(url);
    });

    // A source whose own cleanup throws when the client leaves.
    let closing = 0;
    const stubborn = (request: Request) =>
      new StreamingResponse({
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            await sleep(5);
            return { done: false, value: "y".repeat(1024) };
          },
          return: () => {
            closing++;
            throw new Error("expected test failure: return() threw");
          },
        }),
      }, { request });
    await serving(
      (request) => new URL(request.url).pathname === "/ok" ? new StreamingResponse(["ok"]) : stubborn(request),
      async (url) => {
        const client = await RawClient.request(url, "/stubborn");
        assert.ok(await client.until((c) => c.bodyLength >= 4096));
        client.leave();
        assert.ok(await eventually(() => closing === 1, 5000), "return() was called once");
        await stillServing(url);
      },
    );
  });
});

test(`streams: a reader that stalls holds the source back; reading again resumes it (${runtime})`, async () => {
  const CHUNK = 16 * 1024;
  for (const kind of ["stream", "sse"] as const) {
    const generators = generatorCounter();
    let pulls = 0;
    const counted = async function* () {
      for await (const chunk of generators.endless(CHUNK, 0)) {
        pulls++;
        yield chunk;
      }
    };
    await serving(
      (request) =>
        kind === "sse"
          ? new EventSourceResponse(counted(), { request, ping: 0 })
          : new StreamingResponse(counted(), { request }),
      async (url) => {
        const client = await RawClient.request(url);
        assert.ok(await client.until((c) => c.bodyLength > 0));
        client.socket.pause();
        // Once the socket buffers are full, the pulls stop: the source is held back.
        assert.ok(await steady(() => pulls, 300, 5000), `${kind}: the pulls stop while the client does not read`);
        const stalled = pulls;
        // What was pulled but not received sits in the socket buffers (a few MiB each way on
        // loopback) and the server's own queue; without backpressure it would grow without end.
        const ahead = pulls * CHUNK - client.bodyLength;
        assert.ok(ahead < 16 * 1024 * 1024, `${kind}: ${ahead} bytes pulled ahead of the client`);
        client.socket.resume();
        assert.ok(await eventually(() => pulls > stalled + 100, 5000), `${kind}: reading again resumes the pulls`);
        client.leave();
        assert.ok(await eventually(() => generators.running === 0, 5000), `${kind}: the generator ended`);
      },
    );
  }
});

// --- files -----------------------------------------------------------------------------------

const dir = fixtureDir("faults");
after(() => removeDir(dir));
// Larger than what the loopback socket buffers take in (Bun's sendfile pushed more than 16 MiB
// into them), so that a paused client leaves the server with part of the file still to send.
const SIZE = 32 * 1024 * 1024;
const CONTENT = bytes(SIZE, 11);
const template = writeFixture(dir, "template.bin", CONTENT);
let fixtures = 0;

/** A fresh copy of the template, for a test that changes it. */
function freshFile(): string {
  const path = join(dir, `f${fixtures++}.bin`);
  copyFileSync(template, path);
  return path;
}

type Change = "truncated to half" | "truncated to nothing" | "grown" | "deleted" | "replaced by a shorter file";
const CHANGES: Record<Change, (path: string) => void> = {
  "truncated to half": (path) => truncateSync(path, SIZE / 2),
  "truncated to nothing": (path) => truncateSync(path, 0),
  "grown": (path) => appendFileSync(path, bytes(1024 * 1024, 5)),
  "deleted": (path) => unlinkSync(path),
  "replaced by a shorter file": (path) => {
    writeFileSync(`${path}.new`, CONTENT.subarray(0, 1000));
    renameSync(`${path}.new`, path);
  },
};

/** The three kinds of file body: whole (Bun: sendfile), one range (Bun: a sliced file), multipart (a stream everywhere). */
const REQUESTS: Record<string, Record<string, string>> = {
  "whole file": {},
  "one range": { range: "bytes=1000-" },
  "multipart": { range: "bytes=0-99,1000-" },
};

test(
  `files: truncated, grown, deleted or replaced after FileResponse is made — the client gets exactly Content-Length bytes or a failed body (${runtime})`,
  { timeout: 30_000 },
  async (t) => {
    const midBody: Change[] = ["truncated to half", "grown", "deleted"];
    for (const [kind, headers] of Object.entries(REQUESTS)) {
      for (const [change, apply] of Object.entries(CHANGES) as [Change, (path: string) => void][]) {
        for (const when of ["before the body is read", "mid-body"] as const) {
          if (when === "mid-body" && !midBody.includes(change)) continue;
          const what = `${kind}, ${change} ${when}`;
          await t.test(what, async () => {
            const path = freshFile();
            await serving((request) => {
              const response = new FileResponse(path, { request });
              if (when === "before the body is read") apply(path);
              return response;
            }, async (url) => {
              const client = await RawClient.request(url, "/", headers);
              if (when === "mid-body") {
                assert.ok(await client.until((c) => c.bodyLength >= 64 * 1024), `${what}: the body began`);
                client.socket.pause();
                await sleep(50);
                apply(path);
                client.socket.resume();
              }
              const outcome = await client.settle(6000);
              assert.ok(outcome === "complete" || outcome === "aborted", `${what}: ${outcome}`);
              // Whatever arrives are the file's own bytes at their own offsets (every change here
              // keeps a prefix of the content), and all of them when the change left them alone.
              if (kind !== "multipart" && client.head!.status < 300) {
                const offset = kind === "one range" ? 1000 : 0;
                const body = client.body;
                assert.ok(body.equals(CONTENT.subarray(offset, offset + body.byteLength)), `${what}: the file's bytes`);
                const unchanged = change === "grown" || (change === "deleted" && when === "mid-body");
                if (unchanged) assert.equal(body.byteLength, SIZE - offset, `${what}: all of them`);
              }
              client.leave();
            });
            assert.equal(await settle(() => openFds(dir), 0), 0, `${what}: the file was closed`);
            rmSync(path, { force: true });
          });
        }
      }
    }
  },
);

test(`files: a client leaving before the response, after the headers, mid-body or during a multipart part leaves no descriptor open (${runtime})`, async () => {
  const baseline = allFds();
  let arrived = signal();
  let release = signal();
  const cases: [string, Record<string, string>, (client: RawClient) => boolean][] = [
    ["before the response", {}, () => true],
    ["after the headers", {}, (c) => c.head !== undefined],
    ["mid-body", {}, (c) => c.bodyLength >= 1024 * 1024],
    ["mid-body of one range", { range: "bytes=1000-" }, (c) => c.bodyLength >= 1024 * 1024],
    ["during the first multipart part", { range: "bytes=0-2999999,4000000-" }, (c) => c.bodyLength >= 1024 * 1024],
    ["during the second multipart part", { range: "bytes=0-99,1000-" }, (c) => c.bodyLength >= 1024 * 1024],
  ];
  await serving(async (request) => {
    arrived.fire();
    await release.promise;
    return new FileResponse(join(dir, new URL(request.url).pathname), { request, chunkSize: 16 * 1024 });
  }, async (url) => {
    for (const [stage, headers, ready] of cases) {
      arrived = signal();
      release = signal();
      const client = await RawClient.request(url, `/${basename(freshFile())}`, headers);
      if (stage === "before the response") {
        await arrived.promise;
        client.leave();
        await sleep(50);
        release.fire();
      } else {
        release.fire();
        assert.ok(await client.until(ready), `the response reached the stage: ${stage}`);
        client.leave();
      }
    }
    // A server may still start the body of a response whose client has gone (Deno does, a
    // moment later): wait until no file has been open for half a second.
    assert.ok(await holds(() => openFds(dir) === 0, 500, 10_000), `${openFds(dir)} file(s) left open`);
    arrived = signal();
    release = signal();
    release.fire();
    const whole = await RawClient.request(url, `/${basename(freshFile())}`);
    assert.equal(await whole.settle(10_000), "complete", "the server still serves a file whole");
    assert.equal(whole.bodyLength, SIZE);
  });
  assert.equal(await settle(() => openFds(dir), 0), 0);
  assert.ok(await settle(allFds, baseline) <= baseline, `all descriptors: ${allFds()} > ${baseline}`);
});

test(`files: a reader that stalls holds the file reads back; reading again resumes them (${runtime})`, async () => {
  // A sparse 64 MiB file: far more than the socket buffers hold, and nothing to write.
  const path = join(dir, "sparse.bin");
  writeFileSync(path, "");
  truncateSync(path, 64 * 1024 * 1024);
  // Bun sends a whole file with sendfile (the kernel reads it as the socket drains); its stream
  // bodies are the multipart ones. Deno and Node stream both.
  const kinds: Record<string, Record<string, string>> = bun
    ? { multipart: { range: "bytes=0-99,1000-" } }
    : { "whole file": {}, multipart: { range: "bytes=0-99,1000-" } };
  for (const [kind, headers] of Object.entries(kinds)) {
    let pulled = 0;
    /** The file body, pulled one chunk at a time, counting the bytes the server has taken. */
    const counted = (body: ReadableStream<Uint8Array>) => {
      const reader = body.getReader();
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          pulled += value.byteLength;
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      }, { highWaterMark: 0 });
    };
    await serving((request) => {
      const response = new FileResponse(path, { request });
      return new Response(counted(response.body!), response);
    }, async (url) => {
      const client = await RawClient.request(url, "/", headers);
      assert.ok(await client.until((c) => c.bodyLength > 0));
      client.socket.pause();
      assert.ok(await steady(() => pulled, 300, 5000), `${kind}: the reads stop while the client does not read`);
      const stalled = pulled;
      assert.ok(stalled < 32 * 1024 * 1024, `${kind}: ${stalled} bytes of 64 MiB read while the client stalled`);
      const ahead = stalled - client.bodyLength;
      assert.ok(ahead < 16 * 1024 * 1024, `${kind}: ${ahead} bytes read ahead of the client`);
      client.socket.resume();
      assert.ok(
        await eventually(() => pulled > stalled + 1024 * 1024, 5000),
        `${kind}: reading again resumes the reads`,
      );
      client.leave();
    });
    assert.equal(await settle(() => openFds(dir), 0), 0, `${kind}: the file was closed`);
  }
});
