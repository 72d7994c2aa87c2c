import { test } from "node:test";
import assert from "node:assert/strict";
import { EventHub } from "../mod.ts";
import { redisBroker } from "../src/redis.ts";
import { runtime, withServer } from "./_serve.ts";
import { eventually, within } from "./_util.ts";
import { interpretEventStream, RawEventClient } from "./_sse.ts";
import { ensureRedisServer, startHubProcess, withRedis } from "./_redis.ts";

const available = ensureRedisServer();
const skip = available ? false : "redis-server is not installed and apt-get could not install it";
let streams = 0;
/** A stream key of its own for each test, so that no test sees another's events. */
const freshStream = () => `allresponses:test:${runtime}:${Date.now()}:${streams++}`;

const dataOf = (client: RawEventClient) => interpretEventStream([client.body]).events.map((e) => e.data);
const idsOf = (client: RawEventClient) => interpretEventStream([client.body]).events.map((e) => e.lastEventId);

/**
 * Runs `body` with two hubs on one fresh Redis stream: `hub`, served here at `url`, and one in
 * another process, whose events are at `otherUrl/events`.
 */
async function withTwoHubs(body: (hub: EventHub, url: string, otherUrl: string) => Promise<void>): Promise<void> {
  await withRedis(async (redis) => {
    const stream = freshStream();
    const other = await startHubProcess(redis.url, stream);
    const broker = redisBroker({ url: redis.url, stream });
    const hub = new EventHub({ broker, ping: 0 });
    await hub.ready;
    try {
      await withServer((request) => hub.response(request), (url) => body(hub, url, other.url));
    } finally {
      await hub.close();
      await broker.close();
      await other.stop();
    }
  });
}

test("redisBroker validates its options", { skip }, async (t) => {
  const cases: [string, () => unknown, RegExp][] = [
    ["url not a string", () => redisBroker({ url: 5 as never }), /^redisBroker: url must be a non-empty string, not 5/],
    ["empty stream", () => redisBroker({ stream: "" }), /^redisBroker: stream must be a non-empty string/],
    ["client not a client", () => redisBroker({ client: {} as never }), /^redisBroker: client must be a node-redis/],
    [
      "onError not a function",
      () => redisBroker({ onError: "x" as never }),
      /^redisBroker: onError must be a function/,
    ],
  ];
  for (const [name, make, message] of cases) {
    await t.test(name, () => assert.throws(make, (e: unknown) => e instanceof TypeError && message.test(e.message)));
  }
});

test(`with redisBroker, ids come from Redis and an event's own id is a TypeError (${runtime})`, { skip }, async () => {
  await withRedis(async (redis) => {
    const broker = redisBroker({ url: redis.url, stream: freshStream() });
    const hub = new EventHub({ broker, ping: 0 });
    await hub.ready;
    try {
      const first = await hub.publish("a");
      const second = await hub.publish("b");
      assert.match(first, /^\d+-\d+$/);
      const [ms1, seq1] = first.split("-").map(Number);
      const [ms2, seq2] = second.split("-").map(Number);
      assert.ok(ms2! > ms1! || (ms2 === ms1 && seq2! > seq1!), `${second} comes after ${first}`);
      await assert.rejects(hub.publish({ id: "7", data: "c" }), TypeError);
    } finally {
      await hub.close();
      await broker.close();
    }
  });
});

test(
  `two processes on one Redis (the notification example in the other): published on one, received on the other (${runtime})`,
  { skip },
  async () => {
    await withTwoHubs(async (hub, url, otherUrl) => {
      const here = await RawEventClient.open(url);
      const there = await RawEventClient.open(`${otherUrl}/events`);
      try {
        await here.until((c) => c.body === ":\r\n");
        await there.until((c) => c.body === ":\r\n");
        await hub.publish({ event: "notification", data: "from this process" });
        const posted = await fetch(`${otherUrl}/notify`, { method: "POST", body: "from the other process" });
        assert.match(await posted.text(), /^\d+-\d+$/);
        for (const client of [here, there]) {
          await client.until((c) => dataOf(c).length === 2);
          assert.deepEqual(dataOf(client), ["from this process", "from the other process"]);
        }
        assert.deepEqual(idsOf(here), idsOf(there), "the same ids in both processes");
      } finally {
        here.close();
        there.close();
      }
    });
  },
);

test(
  `a client reconnecting to the other process with Last-Event-ID gets exactly what it missed (${runtime})`,
  { skip },
  async () => {
    await withTwoHubs(async (hub, url, otherUrl) => {
      const first = await RawEventClient.open(url);
      await first.until((c) => c.body === ":\r\n");
      await hub.publish("one");
      await hub.publish("two");
      await first.until((c) => dataOf(c).length === 2);
      const last = idsOf(first).at(-1)!;
      first.close();
      await hub.publish("three");
      await hub.publish("four");
      const again = await RawEventClient.open(`${otherUrl}/events`, { "Last-Event-ID": last });
      try {
        await again.until((c) => dataOf(c).length === 2);
        await hub.publish("five");
        await again.until((c) => dataOf(c).length === 3);
        assert.deepEqual(dataOf(again), ["three", "four", "five"]);
      } finally {
        again.close();
      }
    });
  },
);

test(
  `a hostile Last-Event-ID replays nothing from Redis and the client goes live (${runtime})`,
  { skip },
  async (t) => {
    await withRedis(async (redis) => {
      const broker = redisBroker({ url: redis.url, stream: freshStream() });
      const hub = new EventHub({ broker, ping: 0 });
      await hub.ready;
      try {
        await hub.publish("old");
        await withServer((request) => hub.response(request), async (url) => {
          for (
            const [name, id] of [["huge", "1".repeat(6000)], ["not an id", "abc"], ["with a field", "1-0 data: x"]]
          ) {
            await t.test(name!, async () => {
              const client = await RawEventClient.open(url, { "Last-Event-ID": id! });
              try {
                await client.until((c) => c.body.startsWith(":\r\n"));
                await eventually(() => hub.size > 0, 1000);
                await hub.publish(`live after ${name}`);
                await client.until((c) => dataOf(c).length === 1);
                assert.deepEqual(dataOf(client), [`live after ${name}`]);
              } finally {
                client.close();
              }
            });
          }
        });
      } finally {
        await hub.close();
        await broker.close();
      }
    });
  },
);

test(
  `Redis killed and restarted: local subscribers stay served, publish rejects meanwhile, then it resumes with nothing lost or doubled (${runtime})`,
  { skip },
  async () => {
    await withRedis(async (redis) => {
      const errors: Error[] = [];
      const broker = redisBroker({ url: redis.url, stream: freshStream(), onError: (error) => errors.push(error) });
      const hub = new EventHub({ broker, ping: 0 });
      await hub.ready;
      try {
        await withServer((request) => hub.response(request), async (url) => {
          const client = await RawEventClient.open(url);
          try {
            await client.until((c) => c.body === ":\r\n");
            await hub.publish("before 1");
            await hub.publish("before 2");
            await client.until((c) => dataOf(c).length === 2);
            await redis.kill();
            await assert.rejects(hub.publish("while down"), /^Error: redisBroker: /);
            assert.ok(await eventually(() => errors.length > 0, 5000), "onError heard of it");
            assert.equal(client.isClosed, false, "the subscriber's stream stays open");
            assert.equal(hub.size, 1);
            await redis.restart();
            let resumed = false;
            for (const end = Date.now() + 10_000; !resumed && Date.now() < end;) {
              resumed = await hub.publish("after 1").then(() => true, () => false);
              if (!resumed) await new Promise((r) => setTimeout(r, 100));
            }
            assert.ok(resumed, "publish works again once Redis is back");
            await hub.publish("after 2");
            await client.until((c) => dataOf(c).length === 4, 10_000);
            assert.ok(await within(new Promise((r) => setTimeout(r, 300)), 1000));
            assert.deepEqual(dataOf(client), ["before 1", "before 2", "after 1", "after 2"]);
          } finally {
            client.close();
          }
        });
      } finally {
        await hub.close();
        await broker.close();
      }
    });
  },
);
