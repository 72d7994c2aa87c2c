/**
 * `redisBroker`: an {@link EventBroker} on Redis Streams, so that {@link EventHub}s in several
 * processes serve one event stream. Events and their ids live in one Redis Stream: `XADD` with
 * `MAXLEN ~ history` stores them (the stream is the history), `XREAD BLOCK` delivers them live,
 * `XRANGE` replays them for `Last-Event-ID`, and Redis assigns the ids, so they increase in one
 * order across processes. It uses node-redis (`redis` on npm), an optional peer dependency of
 * `allresponses`: install it next to this package to use `allresponses/redis`.
 *
 * @module
 */

import { createClient } from "redis";
import type { EventBroker, StoredEvent } from "./hub.ts";
import { describe, invalidType } from "./invalid.ts";

export type { EventBroker, StoredEvent } from "./hub.ts";

/**
 * The part of a node-redis client this broker uses (`createClient()` from `redis`, connected).
 * A client made with `RESP: 3` works too: the blocking reader is its `duplicate({ RESP: 2 })`.
 */
export interface RedisClientLike {
  /** Whether the connection is up and takes commands. */
  readonly isReady: boolean;
  /** Opens the connection. */
  connect(): Promise<unknown>;
  /** Sends one command, its reply as Redis sent it. */
  sendCommand(args: string[]): Promise<unknown>;
  /** A new client with the same options and `overrides`, not yet connected. */
  duplicate(overrides?: Record<string, unknown>): RedisClientLike;
  /** Listens to connection errors. */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** Closes the connection once pending commands are answered. */
  close(): Promise<unknown>;
  /** Closes the connection at once. */
  destroy(): unknown;
}

/** Options of {@link redisBroker}. */
export interface RedisBrokerOptions {
  /** The Redis server. Default `"redis://127.0.0.1:6379"`. */
  url?: string;
  /** The key of the Redis Stream. Default `"allresponses:events"`. */
  stream?: string;
  /**
   * An already connected node-redis client, used for `XADD` and `XRANGE` (the broker opens one
   * more connection, a duplicate, for `XREAD BLOCK`). `close()` leaves it open. Whether
   * `publish` rejects while Redis is unreachable then depends on its `disableOfflineQueue`
   * (the broker's own client sets it).
   */
  client?: RedisClientLike;
  /**
   * Called with every connection error (Redis went away, a read failed); the broker keeps
   * reconnecting meanwhile. Default: `console.error`.
   */
  onError?: (error: Error) => void;
}

const DEFAULT_URL = "redis://127.0.0.1:6379";
const DEFAULT_STREAM = "allresponses:events";
/** How long a command waits for the first connection before it rejects. */
const FIRST_CONNECT_MS = 2_000;
const BLOCK_MS = "5000";
const READ_COUNT = "500";
const RETRY_MS = [50, 100, 200, 400, 800, 1000];
/** A Redis Stream id: milliseconds and a sequence number (or milliseconds alone). */
const STREAM_ID = /^[0-9]{1,20}(-[0-9]{1,20})?$/;
const FIELDS = ["event", "data", "comment", "retry"] as const;
/** The field an entry with no field at all is stored with (a Redis Stream entry needs one). */
const EMPTY = "-";

const reconnectStrategy = (retries: number): number => RETRY_MS[Math.min(retries, RETRY_MS.length - 1)]!;

/** `[id, [field, value, …]]` of a Redis Stream entry as a stored event. */
function toStored(entry: unknown): StoredEvent {
  const [id, flat] = entry as [string, string[]];
  const event: StoredEvent = { id: String(id) };
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = String(flat[i]);
    const value = String(flat[i + 1]);
    if (field === "retry") event.retry = Number(value);
    else if (field === "event" || field === "data" || field === "comment") event[field] = value;
  }
  return event;
}

function toFields(event: Omit<StoredEvent, "id">): string[] {
  const flat: string[] = [];
  for (const field of FIELDS) if (event[field] !== undefined) flat.push(field, String(event[field]));
  return flat.length ? flat : [EMPTY, ""];
}

function errorOf(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The one connection of a broker for plain commands: its own client (offline queue off, so a
 * command rejects at once while Redis is away) or the one given; it waits for the first
 * connection at most {@link FIRST_CONNECT_MS}.
 */
class Commands {
  readonly client: RedisClientLike;
  readonly #own: boolean;
  readonly #url: string;
  readonly #firstConnect: Promise<unknown>;

  constructor(options: RedisBrokerOptions, onError: (error: Error) => void) {
    this.#url = options.url ?? DEFAULT_URL;
    this.#own = options.client === undefined;
    this.client = options.client ?? createRedisClient(this.#url, onError);
    this.#firstConnect = this.#own ? this.client.connect().catch(() => {}) : Promise.resolve();
  }

  async send(args: string[]): Promise<unknown> {
    if (!this.client.isReady) await this.#waitForFirstConnection();
    try {
      return await this.client.sendCommand(args);
    } catch (error) {
      throw new Error(`redisBroker: ${args[0]} failed: ${errorOf(error).message}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.#own) await Promise.resolve(this.client.close()).catch(() => this.client.destroy());
  }

  async #waitForFirstConnection(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_MS)));
    await Promise.race([this.#firstConnect, late]);
    clearTimeout(timer);
    if (!this.client.isReady) throw new Error(`redisBroker: Redis at ${this.#url} is unreachable`);
  }
}

function createRedisClient(url: string, onError: (error: Error) => void): RedisClientLike {
  const client = createClient({
    url,
    RESP: 2,
    disableOfflineQueue: true,
    socket: { reconnectStrategy, connectTimeout: 2_000 },
  }) as unknown as RedisClientLike;
  client.on("error", onError);
  return client;
}

/**
 * Live delivery: a loop of `XREAD BLOCK` from the last id delivered on a connection of its own.
 * When Redis goes away it reports the error, waits, and reads again from that same id, so once
 * Redis is back nothing is lost and nothing comes twice.
 */
class Reader {
  readonly #client: RedisClientLike;
  readonly #stream: string;
  readonly #onError: (error: Error) => void;
  readonly #onEvent: (event: StoredEvent) => void;
  #last: string;
  #running = true;
  #loop: Promise<void> | undefined;

  constructor(
    commands: Commands,
    stream: string,
    from: string,
    onEvent: (event: StoredEvent) => void,
    onError: (error: Error) => void,
  ) {
    this.#client = commands.client.duplicate({ RESP: 2, disableOfflineQueue: true, socket: { reconnectStrategy } });
    this.#client.on("error", onError);
    this.#stream = stream;
    this.#last = from;
    this.#onEvent = onEvent;
    this.#onError = onError;
  }

  async start(): Promise<void> {
    await this.#client.connect();
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#client.destroy();
    await this.#loop;
  }

  async #run(): Promise<void> {
    for (let failures = 0; this.#running;) {
      try {
        const args = ["XREAD", "COUNT", READ_COUNT, "BLOCK", BLOCK_MS, "STREAMS", this.#stream, this.#last];
        const reply = await this.#client.sendCommand(args) as [string, unknown[]][] | null;
        failures = 0;
        for (const entry of reply?.[0]?.[1] ?? []) this.#deliver(toStored(entry));
      } catch (error) {
        if (!this.#running) return;
        this.#onError(new Error(`redisBroker: XREAD failed: ${errorOf(error).message}`, { cause: error }));
        await sleep(RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]!);
      }
    }
  }

  #deliver(event: StoredEvent): void {
    this.#last = event.id;
    if (this.#running) this.#onEvent(event);
  }
}

/**
 * An {@link EventBroker} on a Redis Stream, for {@link EventHub}s in several processes: what one
 * publishes, every hub on the same Redis and `stream` delivers, in the order of the ids Redis
 * assigns; a client that reconnects to any of them with `Last-Event-ID` gets the events it
 * missed, as long as the stream still keeps them (it is trimmed to the hub's `history` with
 * `XADD MAXLEN ~`, which keeps at least that many). `Last-Event-ID` that is not a Redis Stream
 * id (huge, CR/LF, anything else) replays nothing; one newer than the last event replays
 * nothing; one older than the oldest kept replays everything kept.
 *
 * While Redis is unreachable, `publish` rejects (never queues or drops silently), the hubs keep
 * serving their clients, and every connection error goes to `onError`; the broker reconnects on
 * its own and delivery resumes after the last event delivered, none lost, none twice. A Redis
 * that comes back empty (no persistence) still gives later ids, as they are times.
 *
 * @param options `url`, `stream`, `client` (an already connected client), `onError`.
 * @throws {TypeError} for an option of the wrong type.
 * @example
 * ```ts
 * import { EventHub } from "allresponses";
 * import { redisBroker } from "allresponses/redis";
 * const broker = redisBroker({ url: "redis://127.0.0.1:6379", stream: "notifications" });
 * const hub = new EventHub({ broker, history: 1000 });
 * Deno.serve(async (request) => {
 *   if (request.method === "POST") return new Response(await hub.publish({ data: await request.text() }));
 *   return hub.response(request);
 * });
 * ```
 */
export function redisBroker(options: RedisBrokerOptions = {}): EventBroker {
  checkOptions(options);
  const stream = options.stream ?? DEFAULT_STREAM;
  const onError = options.onError ?? ((error: Error) => console.error(error));
  const commands = new Commands(options, onError);
  const readers = new Set<Reader>();
  return {
    async publish(event, { history }) {
      const trim = ["MAXLEN", "~", String(Math.max(history, 1))];
      return String(await commands.send(["XADD", stream, ...trim, "*", ...toFields(event)]));
    },
    async subscribe(onEvent) {
      const last = await commands.send(["XREVRANGE", stream, "+", "-", "COUNT", "1"]) as [string, unknown][];
      const reader = new Reader(commands, stream, last[0]?.[0] ?? "0-0", onEvent, onError);
      await reader.start();
      readers.add(reader);
      return async () => {
        readers.delete(reader);
        await reader.stop();
      };
    },
    async after(id) {
      if (!STREAM_ID.test(id)) return [];
      const entries = await commands.send(["XRANGE", stream, `(${id}`, "+"]) as unknown[];
      return entries.map(toStored);
    },
    async close() {
      await Promise.all([...readers].map((reader) => reader.stop()));
      readers.clear();
      await commands.close();
    },
  };
}

function checkOptions(options: RedisBrokerOptions): void {
  for (const name of ["url", "stream"] as const) {
    const value = options[name];
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw invalidType("redisBroker", `${name} must be a non-empty string, not ${describe(value)}`);
    }
  }
  if (options.client !== undefined && typeof options.client?.sendCommand !== "function") {
    throw invalidType("redisBroker", `client must be a node-redis client, not ${describe(options.client)}`);
  }
  if (options.onError !== undefined && typeof options.onError !== "function") {
    throw invalidType("redisBroker", `onError must be a function, not ${describe(options.onError)}`);
  }
}
