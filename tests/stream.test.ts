import { test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { EventSourceResponse, HttpResponse, StreamingHttpResponse, StreamingResponse } from "../mod.ts";
import { roundTrip, runtime, withServer } from "./_serve.ts";
import { readToEnd, signal, sleep, within } from "./_util.ts";

const decoder = new TextDecoder();
test(`StreamingResponse sends an iterable of strings and bytes, without Content-Length (${runtime})`, async () => {
  const response = () => new StreamingResponse(["<p>", new TextEncoder().encode("héllo"), "</p>"]);
  assert.equal(response().headers.get("content-length"), null);
  const r = await roundTrip(response);
  assert.equal(r.status, 200);
  assert.equal(r.text, "<p>héllo</p>");
  assert.equal(r.headers.get("content-type"), "text/html; charset=utf-8");
  // Bun.serve may itself send a Content-Length for a stream that ended before the headers went
  // out; a stream still running when they do goes out chunked on both runtimes.
  async function* slow() {
    yield "a";
    await sleep(30);
    yield "b";
  }
  const chunked = await roundTrip(() => new StreamingResponse(slow()));
  assert.equal(chunked.text, "ab");
  assert.equal(chunked.headers.get("content-length"), null);
});

test(`StreamingResponse takes the base init: status, headers, mediaType, contentType (${runtime})`, async () => {
  const r = await roundTrip(() =>
    new StreamingResponse(["a,b\n"], { status: 201, mediaType: "text/csv", headers: { "X-Rows": "1" } })
  );
  assert.equal(r.status, 201);
  assert.equal(r.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.equal(r.headers.get("x-rows"), "1");
  const json = new StreamingResponse(['{"a":', "1}"], { contentType: "application/json" });
  assert.equal(json.headers.get("content-type"), "application/json");
  assert.deepEqual(await json.json(), { a: 1 });
});

test(`StreamingResponse streams an async generator and a ReadableStream (${runtime})`, async () => {
  async function* gen() {
    for (let i = 0; i < 3; i++) {
      await sleep(5);
      yield `${i};`;
    }
  }
  assert.equal((await roundTrip(() => new StreamingResponse(gen()))).text, "0;1;2;");
  const stream = () =>
    new ReadableStream<string | Uint8Array>({
      start(controller) {
        controller.enqueue("x");
        controller.enqueue(new Uint8Array([0x79]));
        controller.close();
      },
    });
  assert.equal((await roundTrip(() => new StreamingResponse(stream()))).text, "xy");
});

test("StreamingResponse sends a single string or Uint8Array as one chunk", async () => {
  assert.equal(await new StreamingResponse("whole").text(), "whole");
  assert.deepEqual(
    new Uint8Array(await new StreamingResponse(new Uint8Array([1, 2, 3])).arrayBuffer()),
    new Uint8Array([1, 2, 3]),
  );
});

test("StreamingResponse encodes strings as UTF-8 and joins a surrogate pair split across chunks", async () => {
  const bytes = new Uint8Array(await new StreamingResponse(["a\ud83d", "\ude00b", "é"]).arrayBuffer());
  assert.equal(decoder.decode(bytes), "a😀bé");
  // A lone surrogate (at the end, or before bytes) becomes U+FFFD, as TextEncoder does.
  assert.equal(await new StreamingResponse(["x\ud83d"]).text(), "x\ufffd");
  assert.equal(await new StreamingResponse(["\ud83d", new Uint8Array([0x21])]).text(), "\ufffd!");
  assert.equal(await new StreamingResponse(["", "", "z"]).text(), "z");
});

test("StreamingHttpResponse is StreamingResponse; EventSourceResponse is one", () => {
  assert.equal(StreamingHttpResponse, StreamingResponse);
  const response = new StreamingHttpResponse([]);
  assert.ok(response instanceof StreamingResponse && response instanceof HttpResponse);
  assert.ok(new EventSourceResponse([]) instanceof StreamingResponse);
  assert.ok(response.clone() instanceof StreamingResponse);
});

test("StreamingResponse rejects what it cannot stream", async (t) => {
  for (const content of [42, null, undefined, {}, () => "x"]) {
    await t.test(String(typeof content === "function" ? "a function" : JSON.stringify(content)), () => {
      assert.throws(
        () => new StreamingResponse(content as never),
        /^TypeError: StreamingResponse: expected a ReadableStream/,
      );
    });
  }
  await t.test("a locked stream", () => {
    const locked = new ReadableStream();
    locked.getReader();
    assert.throws(() => new StreamingResponse(locked), /^TypeError: StreamingResponse: the ReadableStream is locked/);
  });
  await t.test("a null-body status", () =>
    assert.throws(() => new StreamingResponse(["x"], { status: 204 }), TypeError));
  await t.test("a status out of range", () =>
    assert.throws(() => new StreamingResponse(["x"], { status: 99 }), RangeError));
});

test("StreamingResponse does not start the source until the body is read", async () => {
  let started = false;
  function* gen() {
    started = true;
    yield "x";
  }
  const response = new StreamingResponse(gen());
  await sleep(5);
  assert.equal(started, false);
  assert.equal(await response.text(), "x");
  assert.equal(started, true);
});

test("a chunk that is not a string or bytes errors the stream and closes the generator", async () => {
  let closed = false;
  function* gen(): Generator<string> {
    try {
      yield "ok";
      yield 5 as unknown as string;
      yield "never";
    } finally {
      closed = true;
    }
  }
  await assert.rejects(
    new StreamingResponse(gen()).text(),
    /^TypeError: StreamingResponse: a chunk must be a string or a Uint8Array, not 5$/,
  );
  assert.equal(closed, true);
});

test(`StreamingResponse pulls with backpressure: a client that doesn't read stops the source (${runtime})`, async () => {
  let pulls = 0;
  const closed = signal();
  const chunk = new Uint8Array(64 * 1024);
  function* endless() {
    try {
      for (;;) {
        pulls++;
        yield chunk;
      }
    } finally {
      closed.fire();
    }
  }
  await withServer(() => new StreamingResponse(endless(), { mediaType: "application/octet-stream" }), async (url) => {
    const abort = new AbortController();
    try {
      const response = await fetch(url, { signal: abort.signal });
      await sleep(400);
      const early = pulls;
      await sleep(400);
      // Socket buffers hold a few MiB; an unbounded drain would be far past that in 800 ms.
      assert.equal(pulls, early, "the source is not pulled while the client doesn't read");
      assert.ok(pulls * chunk.byteLength < 64 * 1024 * 1024, `pulled ${pulls} chunks of 64 KiB`);
      const reader = response.body!.getReader();
      for (let read = 0; pulls === early && read < 256 * 1024 * 1024; read += (await reader.read()).value!.byteLength) {
        await sleep(0);
      }
      assert.ok(pulls > early, "reading resumes the pulls");
    } finally {
      abort.abort();
    }
    assert.ok(await within(closed.promise, 1000), "the generator is closed after the abort");
  });
});

for (const withRequest of [false, true]) {
  test(`a client abort runs the generator's finally within a second (${runtime}, ${withRequest ? "with" : "without"} request)`, async () => {
    const closed = signal();
    let yielded = 0;
    async function* ticks() {
      try {
        for (;;) {
          yield `tick ${yielded++}\n`;
          await sleep(20);
        }
      } finally {
        closed.fire();
      }
    }
    await withServer(
      (request) =>
        new StreamingResponse(ticks(), { mediaType: "text/plain", request: withRequest ? request : undefined }),
      async (url) => {
        const abort = new AbortController();
        try {
          const response = await fetch(url, { signal: abort.signal });
          const reader = response.body!.getReader();
          let text = "";
          while (!text.includes("tick 2")) text += decoder.decode((await reader.read()).value);
        } finally {
          abort.abort();
        }
        assert.ok(await within(closed.promise, 1000), "finally ran within 1 s of the abort");
        const after = yielded;
        await sleep(100);
        assert.equal(yielded, after, "nothing is pulled after the abort");
      },
    );
  });
}

test(`a client abort cancels a ReadableStream source (${runtime})`, async () => {
  const cancelled = signal();
  let timer: ReturnType<typeof setInterval> | undefined;
  const source = () =>
    new ReadableStream<string>({
      start(controller) {
        timer = setInterval(() => controller.enqueue("."), 20);
      },
      cancel() {
        clearInterval(timer);
        cancelled.fire();
      },
    });
  await withServer((request) => new StreamingResponse(source(), { request }), async (url) => {
    const abort = new AbortController();
    try {
      const response = await fetch(url, { signal: abort.signal });
      await response.body!.getReader().read();
    } finally {
      abort.abort();
    }
    assert.ok(await within(cancelled.promise, 1000), "cancel() ran within 1 s of the abort");
  });
});

test(`a throwing source ends the response and the server keeps serving (${runtime})`, async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    const failing = async function* () {
      yield "first\n";
      await sleep(50);
      throw new Error("expected test failure: a streaming source threw");
    };
    await withServer(
      (request) =>
        new URL(request.url).pathname === "/fail"
          ? new StreamingResponse(failing(), { mediaType: "text/plain" })
          : new StreamingResponse(["still serving"]),
      async (url) => {
        const { outcome, received } = await readToEnd(`${url}/fail`);
        assert.equal(outcome, "errored", "the client sees a failed body, not a complete one");
        assert.equal(received, "first\n");
        assert.equal(await (await fetch(`${url}/next`)).text(), "still serving");
      },
    );
    await sleep(50);
    assert.deepEqual(unhandled, []);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});

test(`init.request's signal cancels the source even if the server never cancels the body (${runtime})`, async () => {
  // Simulates the Bun releases that did not cancel a response stream on disconnect: nothing here
  // cancels the body, only the request's signal aborts. Deno never reads request.signal (it
  // cancels bodies itself and warns when the signal is read), so there the stream goes on.
  const abort = new AbortController();
  const request = new Request("http://localhost/", { signal: abort.signal });
  const closed = signal();
  async function* ticks() {
    try {
      for (let i = 0;; i++) {
        yield `${i}`;
        await sleep(10);
      }
    } finally {
      closed.fire();
    }
  }
  const reader = new StreamingResponse(ticks(), { request }).body!.getReader();
  assert.equal(decoder.decode((await reader.read()).value), "0");
  abort.abort();
  if (runtime === "deno") {
    assert.equal((await reader.read()).done, false);
    await reader.cancel();
  } else {
    assert.equal((await reader.read()).done, true, "the body ends when the request is aborted");
  }
  assert.ok(await within(closed.promise, 1000), "the generator is closed");
});

test("a request that is already aborted ends the body before the source starts (not on Deno)", async () => {
  let started = false;
  function* gen() {
    started = true;
    yield "x";
  }
  const request = new Request("http://localhost/", { signal: AbortSignal.abort() });
  const text = await new StreamingResponse(gen(), { request }).text();
  assert.equal(text, runtime === "deno" ? "x" : "");
  assert.equal(started, runtime === "deno");
});
