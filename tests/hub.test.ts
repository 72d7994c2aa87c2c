import { test } from "node:test";
import assert from "node:assert/strict";
import { EventHub } from "../mod.ts";
import type { EventBroker, StoredEvent } from "../mod.ts";
import { runtime, withServer } from "./_serve.ts";
import { eventually, readToEnd, within } from "./_util.ts";
import { interpretEventStream, RawEventClient } from "./_sse.ts";

const decoder = new TextDecoder();

/** A request as a reconnecting EventSource sends it. */
function resuming(lastEventId?: string): Request {
  return new Request("http://localhost/events", { headers: lastEventId ? { "Last-Event-ID": lastEventId } : {} });
}

/** Reads `body` until `count` events have arrived (or it ends); returns their ids and data. */
async function readEvents(body: ReadableStream<Uint8Array>, count: number) {
  const reader = body.getReader();
  let text = "";
  while (interpretEventStream([text]).events.length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return interpretEventStream([text]).events.map((e) => [e.lastEventId, e.data]);
}

test("publish resolves with increasing ids assigned by the hub; an event's own id is kept", async () => {
  const hub = new EventHub({ ping: 0 });
  assert.equal(await hub.publish("a"), "1");
  assert.equal(await hub.publish({ data: "b" }), "2");
  assert.equal(await hub.publish({ id: "own", data: "c" }), "own");
  assert.equal(await hub.publish("d"), "4");
  await hub.close();
});

test(`every subscriber receives the same bytes of every event, in order (${runtime})`, async () => {
  const hub = new EventHub({ ping: 0 });
  await withServer((request) => hub.response(request), async (url) => {
    const clients = await Promise.all([1, 2, 3].map(() => RawEventClient.open(url)));
    try {
      assert.ok(await eventually(() => hub.size === 3, 2000));
      await hub.publish({ event: "note", data: { n: 1 } });
      await hub.publish("two\nlines");
      const expected = ':\r\nid: 1\r\nevent: note\r\ndata: {"n":1}\r\n\r\nid: 2\r\ndata: two\r\ndata: lines\r\n\r\n';
      for (const client of clients) await client.until((c) => c.body === expected);
    } finally {
      for (const client of clients) client.close();
    }
  });
  await hub.close();
});

test("a subscriber's separator frames the events it receives", async () => {
  const hub = new EventHub({ ping: 0 });
  const lf = hub.response(resuming(), { sep: "\n" });
  const crlf = hub.response(resuming());
  await hub.publish("x");
  await hub.close();
  assert.equal(await lf.text(), ":\nid: 1\ndata: x\n\n");
  assert.equal(await crlf.text(), ":\r\nid: 1\r\ndata: x\r\n\r\n");
});

test("Last-Event-ID replays the kept events after it, in order, none twice", async (t) => {
  const hub = new EventHub({ history: 3, ping: 0 });
  for (const data of ["a", "b", "c", "d", "e"]) await hub.publish(data);
  // Kept: 3 c, 4 d, 5 e.
  const cases: [string, string | undefined, string[][]][] = [
    ["a kept id: the events after it", "3", [["4", "d"], ["5", "e"], ["6", "live"]]],
    ["the last id: live events only", "5", [["6", "live"]]],
    ["an id older than the history: everything kept", "1", [["3", "c"], ["4", "d"], ["5", "e"], ["6", "live"]]],
    ["no Last-Event-ID: live events only", undefined, [["6", "live"]]],
    ["an id the hub never issued: live events only", "99", [["6", "live"]]],
    ["a non-numeric unknown id: live events only", "abc", [["6", "live"]]],
    ["a huge id: live events only", "9".repeat(8000), [["6", "live"]]],
    ["an id with a field in it: live events only", "3 data: injected", [["6", "live"]]],
  ];
  const responses = cases.map(([, id]) => hub.response(resuming(id)));
  await hub.publish("live");
  for (const [i, [name, , expected]] of cases.entries()) {
    await t.test(name, async () => {
      assert.deepEqual(await readEvents(responses[i]!.body!, expected.length), expected);
    });
  }
  await hub.close();
});

test("a hub with history: 0 replays nothing", async () => {
  const hub = new EventHub({ history: 0, ping: 0 });
  await hub.publish("a");
  const response = hub.response(resuming("1"));
  await hub.publish("b");
  assert.deepEqual(await readEvents(response.body!, 1), [["2", "b"]]);
  await hub.close();
});

test("an event that can't be framed is a TypeError at publish, and the streams go on", async (t) => {
  const hub = new EventHub({ ping: 0 });
  const response = hub.response(resuming());
  const bad: [string, unknown][] = [
    ["LF in event", { event: "a\nb", data: "x" }],
    ["CR in id", { id: "1\r", data: "x" }],
    ["NUL in id", { id: "1\0", data: "x" }],
    ["not an event", 42],
  ];
  for (const [name, event] of bad) {
    await t.test(name, async () => {
      await assert.rejects(hub.publish(event as never), (e: unknown) => {
        assert.ok(e instanceof TypeError);
        assert.match(e.message, /^EventHub: publish: /);
        return true;
      });
    });
  }
  await hub.publish("fine");
  assert.deepEqual(await readEvents(response.body!, 1), [["1", "fine"]]);
  await hub.close();
});

test("size counts open subscribers from when response() returns", async () => {
  const hub = new EventHub({ ping: 0 });
  const a = hub.response(resuming());
  const b = hub.response(resuming());
  assert.equal(hub.size, 2);
  await a.body!.cancel();
  assert.equal(hub.size, 1);
  await b.body!.cancel();
  assert.equal(hub.size, 0);
  await hub.close();
});

test("close(final) ends every stream cleanly: queued events, then the final event", async () => {
  const hub = new EventHub({ ping: 0 });
  const reasons: string[] = [];
  const response = hub.response(resuming(), { onClose: (reason) => reasons.push(reason) });
  await hub.publish("a");
  await hub.close({ event: "bye", data: "restart" });
  assert.equal(await response.text(), ":\r\nid: 1\r\ndata: a\r\n\r\nevent: bye\r\ndata: restart\r\n\r\n");
  assert.deepEqual(reasons, ["shutdown"]);
  assert.equal(hub.size, 0);
});

test("after close, publish rejects and response answers 503", async () => {
  const hub = new EventHub({ ping: 0 });
  await hub.close();
  await assert.rejects(hub.publish("late"), /^Error: EventHub: publish after close\(\)/);
  const response = hub.response(resuming());
  assert.equal(response.status, 503);
  assert.equal(hub.size, 0);
});

test(`pings come from the hub to every idle subscriber (${runtime})`, async () => {
  const hub = new EventHub({ ping: 0.05 });
  await withServer((request) => hub.response(request), async (url) => {
    const clients = await Promise.all([1, 2].map(() => RawEventClient.open(url)));
    try {
      for (const client of clients) await client.until((c) => c.body.includes(": ping\r\n\r\n"));
    } finally {
      for (const client of clients) client.close();
    }
  });
  await hub.close();
});

test(`a subscriber that stops reading is dropped; the others get every event (${runtime})`, async () => {
  const hub = new EventHub({ ping: 0, maxQueued: 8 });
  const reasons: string[] = [];
  const data = "z".repeat(256 * 1024);
  await withServer(
    (request) =>
      new URL(request.url).pathname === "/slow"
        ? hub.response(request, { onClose: (reason) => reasons.push(reason) })
        : hub.response(request),
    async (url) => {
      const slow = await RawEventClient.open(`${url}/slow`);
      const fast = await RawEventClient.open(`${url}/fast`);
      try {
        await slow.until((c) => c.body === ":\r\n");
        await fast.until((c) => c.body === ":\r\n");
        slow.stall();
        // Bursts of 4 events that the fast client takes as they come, until the slow one overflows.
        let published = 0;
        while (reasons.length === 0 && published < 4000) {
          for (let i = 0; i < 4; i++, published++) await hub.publish({ data });
          const want = `id: ${published}\r\n`;
          await fast.until((c) => c.body.includes(want), 10_000);
        }
        assert.deepEqual(reasons, ["overflow"]);
        assert.equal(hub.size, 1);
        await hub.publish({ data: "last" });
        await fast.until((c) => c.body.endsWith("data: last\r\n\r\n"), 10_000);
        const ids = interpretEventStream([fast.body]).events.map((e) => Number(e.lastEventId));
        assert.deepEqual(ids, Array.from({ length: published + 1 }, (_, i) => i + 1));
        slow.resume();
        assert.ok(await within(slow.closed, 5000), "the slow client's connection was cut");
        assert.equal(slow.complete, false);
      } finally {
        slow.close();
        fast.close();
      }
    },
  );
  await hub.close();
});

test(`a hub's response through a real server: Last-Event-ID over the wire (${runtime})`, async () => {
  const hub = new EventHub({ ping: 0 });
  for (const data of ["a", "b", "c"]) await hub.publish(data);
  await withServer((request) => hub.response(request), async (url) => {
    const client = await RawEventClient.open(url, { "Last-Event-ID": "1" });
    try {
      await client.until((c) => c.body.includes("data: c"));
      assert.deepEqual(interpretEventStream([client.body]).events.map((e) => e.data), ["b", "c"]);
    } finally {
      client.close();
    }
  });
  await hub.close();
});

/** A broker in memory, as the EventBroker interface describes one. */
function memoryBroker(): EventBroker & { stored: StoredEvent[] } {
  const stored: StoredEvent[] = [];
  const listeners = new Set<(event: StoredEvent) => void>();
  let next = 100;
  return {
    stored,
    publish(event, { history }) {
      const full = { ...event, id: `b${next++}` };
      stored.push(full);
      stored.splice(0, Math.max(0, stored.length - history));
      queueMicrotask(() => listeners.forEach((listener) => listener(full)));
      return Promise.resolve(full.id);
    },
    subscribe(onEvent) {
      listeners.add(onEvent);
      return Promise.resolve(() => Promise.resolve(void listeners.delete(onEvent)));
    },
    after(id) {
      const at = stored.findIndex((event) => event.id === id);
      return Promise.resolve(at === -1 ? [] : stored.slice(at + 1));
    },
    close: () => Promise.resolve(),
  };
}

test("with a broker, the broker assigns the ids and an event's own id is a TypeError", async () => {
  const broker = memoryBroker();
  const hub = new EventHub({ broker, ping: 0 });
  const response = hub.response(resuming());
  assert.equal(await hub.publish("a"), "b100");
  await assert.rejects(hub.publish({ id: "mine", data: "b" }), (e: unknown) => {
    assert.ok(e instanceof TypeError);
    assert.match(e.message, /^EventHub: publish: the broker assigns ids/);
    return true;
  });
  assert.deepEqual(await readEvents(response.body!, 1), [["b100", "a"]]);
  await hub.close();
});

test("with a broker, two hubs deliver every event and replay comes from the broker", async () => {
  const broker = memoryBroker();
  const one = new EventHub({ broker, ping: 0 });
  const two = new EventHub({ broker, ping: 0 });
  const onTwo = two.response(resuming());
  await one.publish("a");
  await one.publish("b");
  assert.deepEqual(await readEvents(onTwo.body!, 2), [["b100", "a"], ["b101", "b"]]);
  const resumed = one.response(resuming("b100"));
  await two.publish("c");
  assert.deepEqual(await readEvents(resumed.body!, 2), [["b101", "b"], ["b102", "c"]]);
  await one.close();
  await two.close();
});

test("EventHub validates its options", async (t) => {
  const cases: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ["negative history", () => new EventHub({ history: -1 }), RangeError, /^EventHub: history -1 is not/],
    ["string history", () => new EventHub({ history: "5" as never }), TypeError, /^EventHub: history must be a number/],
    ["zero maxQueued", () => new EventHub({ maxQueued: 0 }), RangeError, /^EventHub: maxQueued 0 is not/],
    ["negative ping", () => new EventHub({ ping: -1 }), RangeError, /^EventHub: ping -1 is not/],
    [
      "not a broker",
      () => new EventHub({ broker: {} as never }),
      TypeError,
      /^EventHub: broker must be an EventBroker/,
    ],
  ];
  for (const [name, make, type, message] of cases) {
    await t.test(name, () => {
      assert.throws(make, (e: unknown) => {
        assert.ok(e instanceof type);
        assert.match((e as Error).message, message);
        return true;
      });
    });
  }
});

test(`readToEnd of a closed hub's stream ends cleanly (${runtime})`, async () => {
  const hub = new EventHub({ ping: 0 });
  await withServer((request) => hub.response(request), async (url) => {
    const reading = readToEnd(url);
    assert.ok(await eventually(() => hub.size === 1, 2000));
    await hub.publish("only");
    await hub.close("bye");
    const { outcome, received } = await reading;
    assert.equal(outcome, "ended");
    assert.deepEqual(interpretEventStream([received]).events.map((e) => e.data), ["only", "bye"]);
  });
});

test("ready resolves at once without a broker, and once subscribed with one", async () => {
  await new EventHub({ ping: 0 }).ready;
  const hub = new EventHub({ broker: memoryBroker(), ping: 0 });
  await hub.ready;
  await hub.close();
});

test(`a subscriber that takes nothing for sendTimeout while events wait is dropped (${runtime})`, async () => {
  const hub = new EventHub({ ping: 0, maxQueued: 100_000, sendTimeout: 0.3 });
  const reasons: string[] = [];
  const data = "w".repeat(256 * 1024);
  await withServer((request) => hub.response(request, { onClose: (reason) => reasons.push(reason) }), async (url) => {
    const client = await RawEventClient.open(url);
    try {
      await client.until((c) => c.body === ":\r\n");
      client.stall();
      for (let i = 0; reasons.length === 0 && i < 400; i++) {
        await hub.publish({ data });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.deepEqual(reasons, ["timeout"]);
      assert.equal(hub.size, 0);
      client.resume();
      assert.ok(await within(client.closed, 5000), "the connection was cut");
      assert.equal(client.complete, false);
    } finally {
      client.close();
    }
  });
  await hub.close();
});
