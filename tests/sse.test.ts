import { test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { BadHeaderError, encodeServerSentEvent, EventSourceResponse, lastEventId } from "../mod.ts";
import type { EventSeparator, ServerSentEvent } from "../mod.ts";
import { handler as clockHandler } from "../examples/sse-clock.ts";
import { roundTrip, runtime, withServer } from "./_serve.ts";
import { eventually, readToEnd, signal, sleep, within } from "./_util.ts";
import { interpretEventStream, RawEventClient } from "./_sse.ts";

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

test("encodeServerSentEvent frames each field exactly, for each separator", async (t) => {
  const cases: [ServerSentEvent | string, string[]][] = [
    ["hello", ["data: hello"]],
    [{ data: "hello" }, ["data: hello"]],
    [{ data: "" }, ["data: "]],
    [{ data: "a\r\nb\rc\nd" }, ["data: a", "data: b", "data: c", "data: d"]],
    [{ data: "end\n" }, ["data: end", "data: "]],
    [{ data: " padded" }, ["data:  padded"]],
    [{ data: { n: 1, s: "x\ny" } }, ['data: {"n":1,"s":"x\\ny"}']],
    [{ data: [1, null] }, ["data: [1,null]"]],
    [{ data: null }, ["data: null"]],
    [{ data: 0 }, ["data: 0"]],
    [{ event: "update" }, ["event: update"]],
    [{ id: "42" }, ["id: 42"]],
    [{ id: 7 }, ["id: 7"]],
    [{ id: "" }, ["id: "]],
    [{ retry: 0 }, ["retry: 0"]],
    [{ retry: 2500 }, ["retry: 2500"]],
    [{ comment: "hi" }, [": hi"]],
    [{ comment: "a\r\nb\nc" }, [": a", ": b", ": c"]],
    [{ retry: 10, data: "d1\nd2", event: "ev", id: "i", comment: "c" }, [
      ": c",
      "id: i",
      "event: ev",
      "data: d1",
      "data: d2",
      "retry: 10",
    ]],
  ];
  for (const sep of ["\r\n", "\n", "\r"] as EventSeparator[]) {
    for (const [event, lines] of cases) {
      await t.test(`${JSON.stringify(event)}, sep ${JSON.stringify(sep)}`, () => {
        assert.equal(encodeServerSentEvent(event, sep), lines.join(sep) + sep + sep);
      });
    }
    await t.test(`an empty event is a blank line, sep ${JSON.stringify(sep)}`, () => {
      assert.equal(encodeServerSentEvent({}, sep), sep);
    });
  }
  await t.test("the default separator is CRLF", () => assert.equal(encodeServerSentEvent("x"), "data: x\r\n\r\n"));
});

test("encodeServerSentEvent refuses anything that would smuggle a field or is not a field value", async (t) => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const bad: [string, unknown, RegExp][] = [
    ["LF in event", { event: "a\nb" }, /event must not contain CR or LF/],
    ["CR in event", { event: "a\rdata: x" }, /event must not contain CR or LF/],
    ["LF in id", { id: "1\n" }, /id must not contain CR, LF or NUL/],
    ["CRLF in id", { id: "1\r\nevent: evil" }, /id must not contain CR, LF or NUL/],
    ["NUL in id", { id: "a\0b" }, /id must not contain CR, LF or NUL/],
    ["NaN id", { id: NaN }, /id must be a string or a finite number, not NaN/],
    ["object id", { id: {} }, /id must be a string or a finite number, not an object/],
    ["number event", { event: 5 }, /event must be a string, not 5/],
    ["number comment", { comment: 5 }, /comment must be a string, not 5/],
    ["negative retry", { retry: -1 }, /retry must be a non-negative integer/],
    ["fractional retry", { retry: 1.5 }, /retry must be a non-negative integer/],
    ["NaN retry", { retry: NaN }, /retry must be a non-negative integer/],
    ["infinite retry", { retry: Infinity }, /retry must be a non-negative integer/],
    ["string retry", { retry: "100" }, /retry must be a non-negative integer/],
    ["unsafe retry", { retry: 2 ** 60 }, /retry must be a non-negative integer/],
    ["bigint data", { data: 10n }, /data cannot be JSON-encoded/],
    ["cyclic data", { data: cyclic }, /data cannot be JSON-encoded/],
    ["function data", { data: () => 1 }, /data a function has no JSON form/],
    ["symbol data", { data: Symbol("s") }, /data Symbol\(s\) has no JSON form/],
    ["null event", null, /an event is a string or an object, not null/],
    ["number event", 42, /an event is a string or an object, not 42/],
    ["array event", ["data"], /an event is a string or an object, not an array/],
  ];
  for (const [name, event, message] of bad) {
    await t.test(name, () => {
      assert.throws(() => encodeServerSentEvent(event as ServerSentEvent), (e: unknown) => {
        assert.ok(e instanceof TypeError);
        assert.match(e.message, /^encodeServerSentEvent: /);
        assert.match(e.message, message);
        return true;
      });
    });
  }
  for (const sep of ["\r\n\r\n", ""]) {
    await t.test(`sep ${JSON.stringify(sep)}`, () => {
      assert.throws(
        () => encodeServerSentEvent("x", sep as EventSeparator),
        /^TypeError: encodeServerSentEvent: sep must be/,
      );
    });
  }
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

test("EventSourceResponse validates its options when it is made", async (t) => {
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    [
      "negative ping",
      () => new EventSourceResponse([], { ping: -1 }),
      RangeError,
      /ping -1 is not a non-negative number/,
    ],
    ["NaN ping", () => new EventSourceResponse([], { ping: NaN }), RangeError, /ping NaN is not a non-negative/],
    ["string ping", () => new EventSourceResponse([], { ping: "5" as never }), TypeError, /ping must be a number/],
    [
      "fractional retry",
      () => new EventSourceResponse([], { retry: 1.5 }),
      TypeError,
      /retry must be a non-negative integer/,
    ],
    [
      "negative retry",
      () => new EventSourceResponse([], { retry: -3 }),
      TypeError,
      /retry must be a non-negative integer/,
    ],
    ["bad sep", () => new EventSourceResponse([], { sep: "\n\n" as EventSeparator }), TypeError, /sep must be/],
    [
      "zero sendTimeout",
      () => new EventSourceResponse([], { sendTimeout: 0 }),
      RangeError,
      /sendTimeout 0 is not a positive/,
    ],
    [
      "string sendTimeout",
      () => new EventSourceResponse([], { sendTimeout: "1" as never }),
      TypeError,
      /sendTimeout must be a number/,
    ],
    [
      "zero maxQueued",
      () => new EventSourceResponse([], { maxQueued: 0 }),
      RangeError,
      /maxQueued 0 is not a positive integer/,
    ],
    ["fractional maxQueued", () => new EventSourceResponse([], { maxQueued: 1.5 }), RangeError, /maxQueued 1.5 is not/],
    [
      "signal not a signal",
      () => new EventSourceResponse([], { signal: {} as never }),
      TypeError,
      /signal must be an AbortSignal/,
    ],
    [
      "onClose not a function",
      () => new EventSourceResponse([], { onClose: 1 as never }),
      TypeError,
      /onClose must be a function/,
    ],
    [
      "not a source",
      () => new EventSourceResponse(42 as never),
      TypeError,
      /expected a ReadableStream, an Iterable or an AsyncIterable of events, not 42/,
    ],
  ];
  for (const [name, make, type, message] of cases) {
    await t.test(name, () => {
      assert.throws(make, (e: unknown) => {
        assert.ok(e instanceof type, `${String(e)} is a ${type.name}`);
        assert.match((e as Error).message, /^EventSourceResponse: /);
        assert.match((e as Error).message, message);
        return true;
      });
    });
  }
  await t.test("an invalid shutdownEvent", () => {
    assert.throws(() => new EventSourceResponse([], { shutdownEvent: { id: "a\nb" } }), /id must not contain CR/);
  });
  await t.test("a null-body status", () =>
    assert.throws(() => new EventSourceResponse([], { status: 204 }), TypeError));
  await t.test("an unsafe header", () => {
    assert.throws(() => new EventSourceResponse([], { headers: { "X-A": "1\r\nX-B: 2" } }), BadHeaderError);
  });
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
      ":" + sep + l("retry: 3000") + l("data: plain") +
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
  assert.deepEqual(parsed.comments, ["", " just a comment"], "the opening comment line, then the event's");
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

test("EventSourceResponse streams a ReadableStream, an Iterable, and a single string", async (t) => {
  await t.test("a ReadableStream", async () => {
    const stream = new ReadableStream<ServerSentEvent | string>({
      start(controller) {
        controller.enqueue({ event: "a", data: 1 });
        controller.enqueue("b");
        controller.close();
      },
    });
    const text = await new EventSourceResponse(stream, { ping: 0 }).text();
    assert.equal(text, ":\r\nevent: a\r\ndata: 1\r\n\r\ndata: b\r\n\r\n");
  });
  await t.test("a generator", async () => {
    function* gen() {
      yield { id: 1, data: "x" };
    }
    assert.equal(await new EventSourceResponse(gen()).text(), ":\r\nid: 1\r\ndata: x\r\n\r\n");
  });
  await t.test("a single string", async () => {
    assert.equal(await new EventSourceResponse("only", { sep: "\n" }).text(), ":\ndata: only\n\n");
  });
});

test("lastEventId reads Last-Event-ID", async (t) => {
  const cases: [string, { readonly headers: Headers }, string | undefined][] = [
    ["absent: undefined", new Request("http://localhost/"), undefined],
    ["empty: undefined", new Request("http://localhost/", { headers: { "Last-Event-ID": "" } }), undefined],
    ["an id", new Request("http://localhost/", { headers: { "Last-Event-ID": "42" } }), "42"],
    ["trimmed as Headers trims it", { headers: new Headers({ "last-event-id": " a b " }) }, "a b"],
    // Bytes that are not UTF-8 come back as they were read.
    ["bytes that are not UTF-8", { headers: new Headers({ "last-event-id": "\xff\xfe" }) }, "\xff\xfe"],
  ];
  for (const [name, request, expected] of cases) {
    await t.test(name, () => assert.equal(lastEventId(request), expected));
  }
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

test(`pings go out only after ping seconds of silence (${runtime})`, async (t) => {
  async function* quietThenBusy() {
    yield "start";
    await sleep(500);
    for (let i = 0; i < 8; i++) {
      yield `busy ${i}`;
      await sleep(15);
    }
  }
  for (const ping of [0.15, 0]) {
    await t.test(`ping: ${ping}`, async () => {
      const r = await roundTrip(() => new EventSourceResponse(quietThenBusy(), { ping }));
      const parsed = interpretEventStream([r.text]);
      assert.equal(parsed.events.length, 9);
      const [opening, ...pings] = parsed.comments;
      assert.equal(opening, "", "the opening comment line");
      assert.ok(pings.every((c) => c === " ping"));
      // ~3 in the 500 ms of silence, none while events come every 15 ms.
      if (ping === 0) assert.equal(pings.length, 0);
      else assert.ok(pings.length >= 2 && pings.length <= 4, `${pings.length} pings`);
      const busy = r.text.slice(r.text.indexOf("busy 0"));
      assert.ok(!busy.includes(": ping"), "no ping between events that come faster than the interval");
    });
  }
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
  assert.deepEqual(parsed.comments, ["", " ping", " ping"], "the opening line, a ping at 5 s and at 10 s");
});

for (const withRequest of [false, true]) {
  test(`a client abort closes the generator and ends the stream (onClose "client") within a second (${runtime}, ${withRequest ? "with" : "without"} request)`, async () => {
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
    const reasons: string[] = [];
    await withServer(
      (request) =>
        new EventSourceResponse(ticks(), {
          ping: 0.05,
          request: withRequest ? request : undefined,
          onClose: (reason) => reasons.push(reason),
        }),
      async (url) => {
        const abort = new AbortController();
        try {
          const response = await fetch(url, { signal: abort.signal });
          await readUntil(response.body!, (text) => text.includes("tick 2"));
          assert.deepEqual(reasons, []);
        } finally {
          abort.abort();
        }
        assert.ok(await within(closed.promise, 1000), "finally ran within 1 s of the abort");
        assert.ok(await eventually(() => reasons.length > 0, 1000), "onClose was called");
        assert.deepEqual(reasons, ["client"]);
        const after = yielded;
        await sleep(100);
        assert.equal(yielded, after, "nothing is pulled after the abort");
      },
    );
  });
}

test(`a client leaving an idle stream ends it at once (onClose "client"); the generator closes when it resumes (${runtime})`, async () => {
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
  const reasons: string[] = [];
  const onClose = (reason: string) => reasons.push(reason);
  await withServer((request) => new EventSourceResponse(waiting(), { ping: 0.05, request, onClose }), async (url) => {
    const abort = new AbortController();
    try {
      const response = await fetch(url, { signal: abort.signal });
      await readUntil(response.body!, (text) => text.includes(": ping"));
    } finally {
      abort.abort();
    }
    assert.ok(await eventually(() => reasons.length > 0, 1000), "the stream ended while the generator waits");
    assert.deepEqual(reasons, ["client"]);
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
        assert.equal(await (await fetch(`${url}/again`)).text(), ":\r\ndata: next\r\n\r\n");
      },
    );
    await sleep(50);
    assert.deepEqual(unhandled, []);
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
  assert.equal(decoder.decode((await reader.read()).value), ":\r\n");
  assert.equal(decoder.decode((await reader.read()).value), "data: fine\r\n\r\n");
  await assert.rejects(reader.read(), /id must not contain CR, LF or NUL/);
  assert.equal(closed, true);
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
    assert.equal(r.text, ":\r\ndata: a\r\n\r\n");
    await withServer((request) => new EventSourceResponse(["b"], { request }), async (url) => {
      assert.equal(await (await fetch(url)).text(), ":\r\ndata: b\r\n\r\n");
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

/** Collects the reasons `onClose` is called with, and resolves when it first is. */
function closeRecorder() {
  const reasons: string[] = [];
  const first = signal();
  return {
    reasons,
    closed: first.promise,
    onClose: (reason: string) => {
      reasons.push(reason);
      first.fire();
    },
  };
}

/**
 * Opens the event stream at `url` and stops reading once event 1 has arrived; asserts that the
 * server then drops the client for `reason` (`r` records its onClose), that `sourceClosed` holds,
 * and that the connection is cut, not ended as a complete body.
 */
async function assertDroppedWhenStalled(
  url: string,
  r: ReturnType<typeof closeRecorder>,
  reason: string,
  sourceClosed: () => void,
): Promise<void> {
  const client = await RawEventClient.open(url);
  try {
    await client.until((c) => c.body.includes("id: 1"));
    client.stall();
    assert.ok(await within(r.closed, 10_000), "onClose was called");
    assert.deepEqual(r.reasons, [reason]);
    sourceClosed();
    client.resume();
    assert.ok(await within(client.closed, 5000), "the connection was closed");
    assert.equal(client.complete, false, "cut, not ended as a complete body");
  } finally {
    client.close();
  }
}

/** An endless source of 64 KiB events: enough to fill the socket buffers of a client that stops reading. */
function* bigEvents(finallyRan: { value: boolean }) {
  const data = "x".repeat(64 * 1024);
  try {
    for (let n = 0;; n++) yield { id: n, data };
  } finally {
    finallyRan.value = true;
  }
}

test("onClose is called once with the reason that ended the stream", async (t) => {
  await t.test("done: the source finished", async () => {
    const r = closeRecorder();
    assert.equal(await new EventSourceResponse(["a"], { ping: 0, onClose: r.onClose }).text(), ":\r\ndata: a\r\n\r\n");
    assert.deepEqual(r.reasons, ["done"]);
  });
  await t.test("error: the source threw", async () => {
    const r = closeRecorder();
    async function* failing() {
      yield "a";
      throw new Error("expected test failure: the source threw");
    }
    await assert.rejects(
      new EventSourceResponse(failing(), { ping: 0, onClose: r.onClose }).text(),
      /the source threw/,
    );
    assert.deepEqual(r.reasons, ["error"]);
  });
  await t.test("error: an invalid event", async () => {
    const r = closeRecorder();
    await assert.rejects(new EventSourceResponse([{ event: "a\nb" }], { onClose: r.onClose }).text(), TypeError);
    assert.deepEqual(r.reasons, ["error"]);
  });
  await t.test("client: the body was cancelled", async () => {
    const r = closeRecorder();
    const body = new EventSourceResponse(["a"], { ping: 0, onClose: r.onClose }).body!;
    await body.cancel("gone");
    await body.cancel("again").catch(() => {});
    assert.deepEqual(r.reasons, ["client"]);
  });
  await t.test("shutdown: the signal aborted", async () => {
    const r = closeRecorder();
    const shutdown = new AbortController();
    const body = new EventSourceResponse(["a"], { ping: 0, signal: shutdown.signal, onClose: r.onClose }).body!;
    shutdown.abort();
    await body.cancel().catch(() => {});
    assert.deepEqual(r.reasons, ["shutdown"]);
  });
});

test(`the headers go out at once, before the source sends anything (${runtime})`, async () => {
  const gate = signal();
  async function* silent() {
    await gate.promise;
    yield "late";
  }
  await withServer(() => new EventSourceResponse(silent(), { ping: 0 }), async (url) => {
    const client = await RawEventClient.open(url);
    try {
      await client.until((c) => c.head !== undefined && c.body === ":\r\n");
      assert.match(client.head!, /^HTTP\/1\.1 200 /);
      assert.match(client.head!, /\r\ncontent-type: text\/event-stream; charset=utf-8/i);
    } finally {
      gate.fire();
      client.close();
    }
  });
});

test(`on shutdown the queued events go out, then shutdownEvent, and the stream ends cleanly (${runtime})`, async () => {
  const shutdown = new AbortController();
  const finallyRan = signal();
  const r = closeRecorder();
  async function* ticks() {
    try {
      for (let n = 1;; n++) {
        yield { id: n, data: `tick ${n}` };
        if (n === 2) shutdown.abort();
        await sleep(10);
      }
    } finally {
      finallyRan.fire();
    }
  }
  const init = {
    ping: 0,
    signal: shutdown.signal,
    shutdownEvent: { event: "bye", data: "restarting" },
    onClose: r.onClose,
  };
  await withServer(() => new EventSourceResponse(ticks(), init), async (url) => {
    const { outcome, received } = await readToEnd(url);
    assert.equal(outcome, "ended", "a clean end, not an error");
    assert.deepEqual(interpretEventStream([received]).events.map((e) => [e.type, e.data]), [
      ["message", "tick 1"],
      ["message", "tick 2"],
      ["bye", "restarting"],
    ]);
  });
  assert.ok(await within(finallyRan.promise, 1000), "the generator was closed");
  assert.deepEqual(r.reasons, ["shutdown"]);
});

test("a ReadableStream source with maxQueued is read as it produces; on shutdown its queue goes first", async () => {
  const shutdown = new AbortController();
  let controller!: ReadableStreamDefaultController<string>;
  const source = new ReadableStream<string>({ start: (c) => void (controller = c) });
  const response = new EventSourceResponse(source, {
    ping: 0,
    maxQueued: 10,
    signal: shutdown.signal,
    shutdownEvent: "bye",
  });
  const reader = response.body!.getReader();
  assert.equal(decoder.decode((await reader.read()).value), ":\r\n");
  const next = reader.read();
  for (const data of ["a", "b", "c"]) controller.enqueue(data);
  assert.equal(decoder.decode((await next).value), "data: a\r\n\r\n");
  await sleep(5);
  shutdown.abort();
  let rest = "";
  for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
  assert.equal(rest, "data: b\r\n\r\ndata: c\r\n\r\ndata: bye\r\n\r\n");
});

test(`a client that stops reading while an event is ready is dropped after sendTimeout, its connection cut (${runtime})`, async () => {
  const r = closeRecorder();
  const finallyRan = { value: false };
  await withServer(
    () => new EventSourceResponse(bigEvents(finallyRan), { ping: 0, sendTimeout: 0.3, onClose: r.onClose }),
    async (url) => {
      await assertDroppedWhenStalled(url, r, "timeout", () => {
        assert.equal(finallyRan.value, true, "the generator was closed");
      });
    },
  );
});

test(`an idle source never times a reading client out (${runtime})`, async () => {
  const r = closeRecorder();
  async function* slow() {
    for (let n = 0; n < 3; n++) {
      await sleep(150);
      yield String(n);
    }
  }
  await withServer(
    () => new EventSourceResponse(slow(), { ping: 0, sendTimeout: 0.05, onClose: r.onClose }),
    async (url) => {
      const { outcome, received } = await readToEnd(url);
      assert.equal(outcome, "ended");
      assert.deepEqual(interpretEventStream([received]).events.map((e) => e.data), ["0", "1", "2"]);
    },
  );
  assert.deepEqual(r.reasons, ["done"]);
});

test(`a client that lets more than maxQueued events wait is dropped, its connection cut (${runtime})`, async () => {
  const r = closeRecorder();
  const data = "y".repeat(64 * 1024);
  let timer: ReturnType<typeof setInterval> | undefined;
  let cancelled = false;
  const source = () =>
    new ReadableStream<ServerSentEvent>({
      start(controller) {
        let n = 0;
        timer = setInterval(() => {
          for (let i = 0; i < 8; i++) controller.enqueue({ id: n++, data });
        }, 2);
      },
      cancel() {
        cancelled = true;
        clearInterval(timer);
      },
    });
  await withServer(
    () => new EventSourceResponse(source(), { ping: 0, maxQueued: 16, onClose: r.onClose }),
    async (url) => {
      try {
        await assertDroppedWhenStalled(url, r, "overflow", () => {
          assert.equal(cancelled, true, "the source was cancelled");
        });
      } finally {
        clearInterval(timer);
      }
    },
  );
});
