import { test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { BadHeaderError, encodeServerSentEvent, EventSourceResponse, lastEventId } from "../mod.ts";
import type { EventSeparator, ServerSentEvent } from "../mod.ts";
import { runningKeepAliveTimers } from "../src/stream.ts";
import { handler as clockHandler } from "../examples/sse-clock.ts";
import { roundTrip, runtime, withServer } from "./_serve.ts";
import { eventually, readToEnd, signal, sleep, within } from "./_util.ts";
import { interpretEventStream } from "./_sse.ts";

const decoder = new TextDecoder();
/** Reads a response body as text until `until(text)` holds or the body ends. */
async function readUntil(body: ReadableStream<Uint8Array>, until: (text: string) => boolean) {
  const reader = body.getReader();
  let text = "";
  while (!until(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

test("encodeServerSentEvent frames each field exactly, for each separator", () => {
  for (const sep of ["\r\n", "\n", "\r"] as EventSeparator[]) {
    const e = (event: ServerSentEvent | string) => encodeServerSentEvent(event, sep);
    const lines = (...l: string[]) => l.join(sep) + sep + sep;
    assert.equal(e("hello"), lines("data: hello"));
    assert.equal(e({ data: "hello" }), lines("data: hello"));
    assert.equal(e({ data: "" }), lines("data: "));
    assert.equal(e({ data: "a\r\nb\rc\nd" }), lines("data: a", "data: b", "data: c", "data: d"));
    assert.equal(e({ data: "end\n" }), lines("data: end", "data: "));
    assert.equal(e({ data: " padded" }), lines("data:  padded"));
    assert.equal(e({ data: { n: 1, s: "x\ny" } }), lines('data: {"n":1,"s":"x\\ny"}'));
    assert.equal(e({ data: [1, null] }), lines("data: [1,null]"));
    assert.equal(e({ data: null }), lines("data: null"));
    assert.equal(e({ data: 0 }), lines("data: 0"));
    assert.equal(e({ event: "update" }), lines("event: update"));
    assert.equal(e({ id: "42" }), lines("id: 42"));
    assert.equal(e({ id: 7 }), lines("id: 7"));
    assert.equal(e({ id: "" }), lines("id: "));
    assert.equal(e({ retry: 0 }), lines("retry: 0"));
    assert.equal(e({ retry: 2500 }), lines("retry: 2500"));
    assert.equal(e({ comment: "hi" }), lines(": hi"));
    assert.equal(e({ comment: "a\r\nb\nc" }), lines(": a", ": b", ": c"));
    assert.equal(e({}), sep);
    assert.equal(
      e({ retry: 10, data: "d1\nd2", event: "ev", id: "i", comment: "c" }),
      lines(": c", "id: i", "event: ev", "data: d1", "data: d2", "retry: 10"),
    );
  }
  assert.equal(encodeServerSentEvent("x"), "data: x\r\n\r\n", "the default separator is CRLF");
});

test("encodeServerSentEvent refuses anything that would smuggle a field or is not a field value", () => {
  const bad: [unknown, RegExp][] = [
    [{ event: "a\nb" }, /event must not contain CR or LF/],
    [{ event: "a\rdata: x" }, /event must not contain CR or LF/],
    [{ id: "1\n" }, /id must not contain CR, LF or NUL/],
    [{ id: "1\r\nevent: evil" }, /id must not contain CR, LF or NUL/],
    [{ id: "a\0b" }, /id must not contain CR, LF or NUL/],
    [{ id: NaN }, /id must be a string or a finite number/],
    [{ id: {} }, /id must be a string or a finite number/],
    [{ event: 5 }, /event must be a string/],
    [{ comment: 5 }, /comment must be a string/],
    [{ retry: -1 }, /retry must be a non-negative integer/],
    [{ retry: 1.5 }, /retry must be a non-negative integer/],
    [{ retry: NaN }, /retry must be a non-negative integer/],
    [{ retry: Infinity }, /retry must be a non-negative integer/],
    [{ retry: "100" }, /retry must be a non-negative integer/],
    [{ retry: 2 ** 60 }, /retry must be a non-negative integer/],
    [{ data: 10n }, /data cannot be JSON-encoded/],
    [{ data: () => 1 }, /has no JSON form/],
    [{ data: Symbol("s") }, /has no JSON form/],
    [null, /an event is a string or an object/],
    [42, /an event is a string or an object/],
    [["data"], /an event is a string or an object/],
  ];
  for (const [event, message] of bad) {
    assert.throws(() => encodeServerSentEvent(event as ServerSentEvent), (e: unknown) => {
      assert.ok(e instanceof TypeError, `${String(event)} → TypeError`);
      assert.match(e.message, message);
      return true;
    });
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => encodeServerSentEvent({ data: cyclic }), TypeError);
  assert.throws(() => encodeServerSentEvent("x", "\r\n\r\n" as EventSeparator), /sep must be/);
  assert.throws(() => encodeServerSentEvent("x", "" as EventSeparator), /sep must be/);
});

test("what data and comments contain never becomes a field of its own", () => {
  const text = [
    encodeServerSentEvent({ data: "one\n\nevent: evil\nid: 666\nretry: 1\n\ndata: two" }),
    encodeServerSentEvent({ comment: "c\ndata: evil\r\n\r\nevent: evil", id: "ok" }),
    encodeServerSentEvent({ data: ": not a comment" }, "\r"),
  ].join("");
  const parsed = interpretEventStream([text]);
  assert.deepEqual(parsed.events, [
    { type: "message", data: "one\n\nevent: evil\nid: 666\nretry: 1\n\ndata: two", lastEventId: "" },
    { type: "message", data: ": not a comment", lastEventId: "ok" },
  ]);
  assert.equal(parsed.retry, undefined);
  assert.deepEqual(parsed.comments, [" c", " data: evil", " ", " event: evil"]);
});

test("EventSourceResponse validates its options when it is made", () => {
  assert.throws(() => new EventSourceResponse([], { ping: -1 }), /ping must be a non-negative number/);
  assert.throws(() => new EventSourceResponse([], { ping: NaN }), /ping must be a non-negative number/);
  assert.throws(() => new EventSourceResponse([], { ping: "5" as unknown as number }), TypeError);
  assert.throws(() => new EventSourceResponse([], { retry: 1.5 }), /retry must be a non-negative integer/);
  assert.throws(() => new EventSourceResponse([], { retry: -3 }), TypeError);
  assert.throws(() => new EventSourceResponse([], { sep: "\n\n" as EventSeparator }), /sep must be/);
  assert.throws(
    () => new EventSourceResponse(42 as never),
    /expected a ReadableStream, an Iterable or an AsyncIterable/,
  );
  assert.throws(() => new EventSourceResponse([], { status: 204 }), TypeError);
  assert.throws(() => new EventSourceResponse([], { headers: { "X-A": "1\r\nX-B: 2" } }), BadHeaderError);
});

test("EventSourceResponse headers: event-stream, no-store unless given, no buffering, no hop-by-hop", () => {
  const plain = new EventSourceResponse([]);
  assert.equal(plain.status, 200);
  assert.equal(plain.headers.get("content-type"), "text/event-stream; charset=utf-8");
  assert.equal(plain.headers.get("cache-control"), "no-store");
  assert.equal(plain.headers.get("x-accel-buffering"), "no");
  assert.equal(plain.headers.get("connection"), null);
  assert.equal(plain.headers.get("transfer-encoding"), null);
  assert.equal(plain.headers.get("content-length"), null);
  const given = new EventSourceResponse([], {
    headers: {
      "Cache-Control": "no-cache, no-transform",
      "Content-Type": "text/plain",
      Connection: "keep-alive",
      "Keep-Alive": "timeout=5",
      "Transfer-Encoding": "chunked",
      "Content-Length": "10",
      "X-Accel-Buffering": "yes",
      "Access-Control-Allow-Origin": "*",
    },
  });
  assert.equal(given.headers.get("cache-control"), "no-cache, no-transform");
  assert.equal(given.headers.get("content-type"), "text/event-stream; charset=utf-8");
  assert.equal(given.headers.get("x-accel-buffering"), "no");
  assert.equal(given.headers.get("access-control-allow-origin"), "*");
  for (const name of ["connection", "keep-alive", "transfer-encoding", "content-length"]) {
    assert.equal(given.headers.get(name), null, name);
  }
});

for (const sep of ["\r\n", "\n", "\r"] as EventSeparator[]) {
  test(`the exact bytes arrive through a real server, sep ${JSON.stringify(sep)} (${runtime})`, async () => {
    const events: (ServerSentEvent | string)[] = [
      "plain",
      { comment: "note", id: "1", event: "update", data: { ok: true }, retry: 1000 },
      { data: "two\nlines" },
      { id: "é😀", data: "ünïcode" },
    ];
    const r = await roundTrip(() => new EventSourceResponse(events, { sep, retry: 3000, ping: 0 }));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "text/event-stream; charset=utf-8");
    assert.equal(r.headers.get("cache-control"), "no-store");
    assert.equal(r.headers.get("x-accel-buffering"), "no");
    const l = (...lines: string[]) => lines.join(sep) + sep + sep;
    assert.equal(
      r.text,
      l("retry: 3000") + l("data: plain") +
        l(": note", "id: 1", "event: update", 'data: {"ok":true}', "retry: 1000") +
        l("data: two", "data: lines") + l("id: é😀", "data: ünïcode"),
    );
  });
}

test(`an EventSource-style parse of a served stream gets every event back (${runtime})`, async () => {
  async function* source(): AsyncGenerator<ServerSentEvent | string> {
    yield "first";
    await sleep(5);
    yield { event: "json", id: "a1", data: { list: [1, 2], text: "line\nbreak" } };
    yield { data: "multi\r\nline\rtext\n" };
    yield { comment: "just a comment" };
    yield { event: "named", data: "" };
    yield { id: "", data: "id reset" };
    yield { data: "  two spaces" };
  }
  const r = await roundTrip(() => new EventSourceResponse(source(), { retry: 1500, ping: 0 }));
  const parsed = interpretEventStream([r.text]);
  assert.equal(parsed.retry, 1500);
  assert.deepEqual(parsed.comments, [" just a comment"]);
  assert.deepEqual(parsed.events, [
    { type: "message", data: "first", lastEventId: "" },
    { type: "json", data: '{"list":[1,2],"text":"line\\nbreak"}', lastEventId: "a1" },
    { type: "message", data: "multi\nline\ntext\n", lastEventId: "a1" },
    { type: "named", data: "", lastEventId: "a1" },
    { type: "message", data: "id reset", lastEventId: "" },
    { type: "message", data: "  two spaces", lastEventId: "" },
  ]);
  assert.deepEqual(JSON.parse(parsed.events[1]!.data), { list: [1, 2], text: "line\nbreak" });
});

test("EventSourceResponse streams a ReadableStream, an Iterable, and a single string", async () => {
  const stream = new ReadableStream<ServerSentEvent | string>({
    start(controller) {
      controller.enqueue({ event: "a", data: 1 });
      controller.enqueue("b");
      controller.close();
    },
  });
  assert.equal(await new EventSourceResponse(stream, { ping: 0 }).text(), "event: a\r\ndata: 1\r\n\r\ndata: b\r\n\r\n");
  function* gen() {
    yield { id: 1, data: "x" };
  }
  assert.equal(await new EventSourceResponse(gen()).text(), "id: 1\r\ndata: x\r\n\r\n");
  assert.equal(await new EventSourceResponse("only", { sep: "\n" }).text(), "data: only\n\n");
});

test("lastEventId reads Last-Event-ID: absent or empty is undefined", () => {
  assert.equal(lastEventId(new Request("http://localhost/")), undefined);
  assert.equal(lastEventId(new Request("http://localhost/", { headers: { "Last-Event-ID": "" } })), undefined);
  assert.equal(lastEventId(new Request("http://localhost/", { headers: { "Last-Event-ID": "42" } })), "42");
  assert.equal(lastEventId({ headers: new Headers({ "last-event-id": " a b " }) }), "a b");
  // Bytes that are not UTF-8 come back as they were read.
  assert.equal(lastEventId({ headers: new Headers({ "last-event-id": "\xff\xfe" }) }), "\xff\xfe");
});

test(`lastEventId decodes the UTF-8 ID a browser sends back (${runtime})`, async () => {
  const id = "é😀";
  // A browser sends the ID's UTF-8 bytes; a fetch client sends each char ≤ U+00FF as one byte.
  const bytes = String.fromCharCode(...new TextEncoder().encode(id));
  await withServer((request) => new Response(lastEventId(request) ?? "none"), async (url) => {
    assert.equal(await (await fetch(url, { headers: { "Last-Event-ID": bytes } })).text(), id);
    assert.equal(await (await fetch(url)).text(), "none");
  });
});

test(`pings go out only after ping seconds of silence; ping: 0 sends none (${runtime})`, async () => {
  async function* quietThenBusy() {
    yield "start";
    await sleep(500);
    for (let i = 0; i < 8; i++) {
      yield `busy ${i}`;
      await sleep(15);
    }
  }
  for (const ping of [0.15, 0]) {
    const r = await roundTrip(() => new EventSourceResponse(quietThenBusy(), { ping }));
    const parsed = interpretEventStream([r.text]);
    assert.equal(parsed.events.length, 9);
    const pings = parsed.comments.length;
    if (ping === 0) assert.equal(pings, 0);
    // ~3 in the 500 ms of silence, none while events come every 15 ms.
    else assert.ok(pings >= 2 && pings <= 4, `${pings} pings`);
    assert.ok(parsed.comments.every((c) => c === " ping"));
    const quiet = r.text.slice(r.text.indexOf("busy 0"));
    assert.ok(!quiet.includes(": ping"), "no ping between events that come faster than the interval");
  }
  assert.equal(runningKeepAliveTimers(), 0);
});

// Bun.serve's default idleTimeout is 10 s, and it closes a silent stream 12 s after its last
// write (measured on Bun 1.4.5): 13 s of silence without pings fails there.
test(`a stream silent for 13 s survives on the default pings (${runtime})`, { timeout: 25_000 }, async () => {
  async function* slow() {
    yield "before";
    await sleep(13_000);
    yield "after";
  }
  const r = await roundTrip(() => new EventSourceResponse(slow()));
  const parsed = interpretEventStream([r.text]);
  assert.deepEqual(parsed.events.map((e) => e.data), ["before", "after"]);
  assert.equal(parsed.comments.length, 2, "a ping at 5 s and at 10 s");
  assert.equal(runningKeepAliveTimers(), 0);
});

for (const withRequest of [false, true]) {
  test(`a client abort closes the generator and stops the pings within a second (${runtime}, ${withRequest ? "with" : "without"} request)`, async () => {
    const closed = signal();
    let yielded = 0;
    async function* ticks() {
      try {
        for (;;) {
          yield { id: yielded, data: `tick ${yielded++}` };
          await sleep(20);
        }
      } finally {
        closed.fire();
      }
    }
    const before = runningKeepAliveTimers();
    await withServer(
      (request) => new EventSourceResponse(ticks(), { ping: 0.05, request: withRequest ? request : undefined }),
      async (url) => {
        const abort = new AbortController();
        try {
          const response = await fetch(url, { signal: abort.signal });
          await readUntil(response.body!, (text) => text.includes("tick 2"));
          assert.equal(runningKeepAliveTimers(), before + 1);
        } finally {
          abort.abort();
        }
        assert.ok(await within(closed.promise, 1000), "finally ran within 1 s of the abort");
        assert.ok(await eventually(() => runningKeepAliveTimers() === before, 1000), "the ping timer stopped");
        const after = yielded;
        await sleep(100);
        assert.equal(yielded, after, "nothing is pulled after the abort");
      },
    );
  });
}

test(`a client leaving an idle stream stops the pings at once; the generator closes when it resumes (${runtime})`, async () => {
  const gate = signal();
  const closed = signal();
  let resumed = false;
  async function* waiting() {
    try {
      yield "hello";
      await gate.promise;
      resumed = true;
      yield "never sent";
    } finally {
      closed.fire();
    }
  }
  await withServer((request) => new EventSourceResponse(waiting(), { ping: 0.05, request }), async (url) => {
    const abort = new AbortController();
    try {
      const response = await fetch(url, { signal: abort.signal });
      await readUntil(response.body!, (text) => text.includes(": ping"));
      assert.equal(runningKeepAliveTimers(), 1);
    } finally {
      abort.abort();
    }
    assert.ok(await eventually(() => runningKeepAliveTimers() === 0, 1000), "the ping timer stopped");
    // An async generator paused at an await can only be closed once that await settles.
    gate.fire();
    assert.ok(await within(closed.promise, 1000), "finally ran once the generator resumed");
    assert.equal(resumed, true);
  });
});

test(`a throwing source ends the event stream and the server keeps serving (${runtime})`, async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    const failing = async function* () {
      yield { id: 1, data: "one" };
      await sleep(50);
      throw new Error("expected test failure: an event source threw");
    };
    await withServer(
      (request) =>
        new URL(request.url).pathname === "/events"
          ? new EventSourceResponse(failing(), { ping: 0.01 })
          : new EventSourceResponse(["next"], { ping: 0 }),
      async (url) => {
        const { outcome, received } = await readToEnd(`${url}/events`);
        assert.equal(outcome, "errored", "the client sees a failed stream, not a finished one");
        assert.deepEqual(interpretEventStream([received]).events.map((e) => e.data), ["one"]);
        assert.equal(await (await fetch(`${url}/again`)).text(), "data: next\r\n\r\n");
      },
    );
    await sleep(50);
    assert.deepEqual(unhandled, []);
    assert.equal(runningKeepAliveTimers(), 0);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});

test("an invalid event ends the stream with its TypeError and closes the generator", async () => {
  let closed = false;
  function* gen() {
    try {
      yield { data: "fine" };
      yield { id: "bad\nid: 2", data: "smuggled?" };
      yield { data: "never" };
    } finally {
      closed = true;
    }
  }
  const reader = new EventSourceResponse(gen(), { ping: 1 }).body!.getReader();
  assert.equal(decoder.decode((await reader.read()).value), "data: fine\r\n\r\n");
  await assert.rejects(reader.read(), /id must not contain CR, LF or NUL/);
  assert.equal(closed, true);
  assert.equal(runningKeepAliveTimers(), 0);
});

test(`EventSourceResponse pulls with backpressure (${runtime})`, async () => {
  let pulls = 0;
  const closed = signal();
  const data = "x".repeat(64 * 1024);
  function* endless() {
    try {
      for (;;) {
        pulls++;
        yield { data };
      }
    } finally {
      closed.fire();
    }
  }
  await withServer(() => new EventSourceResponse(endless()), async (url) => {
    const abort = new AbortController();
    let response: Response | undefined;
    try {
      response = await fetch(url, { signal: abort.signal });
      await sleep(400);
      const early = pulls;
      await sleep(400);
      assert.equal(pulls, early, "the source is not pulled while the client doesn't read");
      assert.ok(pulls * data.length < 64 * 1024 * 1024, `pulled ${pulls} events of 64 KiB`);
    } finally {
      abort.abort();
      // Deno's fetch keeps the connection of a body never touched until it is collected.
      await response?.body?.cancel().catch(() => {});
    }
    assert.ok(await within(closed.promise, 1000));
  });
});

test(`passing request on Deno prints no request.signal deprecation warning (${runtime})`, async () => {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(" "));
  try {
    const r = await roundTrip(() => new EventSourceResponse(["a"], { ping: 0 }));
    assert.equal(r.text, "data: a\r\n\r\n");
    await withServer((request) => new EventSourceResponse(["b"], { request }), async (url) => {
      assert.equal(await (await fetch(url)).text(), "data: b\r\n\r\n");
    });
    await sleep(20);
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warnings.filter((w) => w.includes("request.signal")), []);
});

test(`the SSE clock example serves its page and ticks, resuming after Last-Event-ID (${runtime})`, async () => {
  await withServer(clockHandler, async (url) => {
    const page = await fetch(`${url}/clock`);
    assert.equal(page.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(await page.text(), /new EventSource\(location\.pathname\.replace/);
    const abort = new AbortController();
    try {
      const last = Math.floor(Date.now() / 1000) - 3;
      const response = await fetch(`${url}/clock/events`, {
        signal: abort.signal,
        headers: { "Last-Event-ID": String(last) },
      });
      assert.equal(response.headers.get("content-type"), "text/event-stream; charset=utf-8");
      const text = await readUntil(response.body!, (t) => interpretEventStream([t]).events.length >= 2);
      const parsed = interpretEventStream([text]);
      assert.equal(parsed.retry, 1000);
      const [resumed, tick] = parsed.events;
      assert.equal(resumed!.type, "resumed");
      assert.ok(JSON.parse(resumed!.data).missed >= 2);
      assert.equal(tick!.type, "tick");
      const { time, clients } = JSON.parse(tick!.data);
      assert.ok(Math.abs(Date.parse(time) - Date.now()) < 2000);
      assert.equal(clients, 1);
      assert.ok(Number(tick!.lastEventId) >= last);
    } finally {
      abort.abort();
    }
  });
});

test("no ping timer is left running when the suite ends", async () => {
  // The last test's stream is cancelled when its connection closes, a moment after its server stops.
  assert.ok(
    await eventually(() => runningKeepAliveTimers() === 0, 1000),
    `${runningKeepAliveTimers()} ping timers still running`,
  );
});
