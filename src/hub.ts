/**
 * `EventHub`: server-sent events fanned out to many clients. Each event is framed and encoded
 * once and the same bytes are queued for every subscriber (no generator, no promise per client
 * per event); ids are assigned in increasing order; a reconnecting client gets what it missed
 * from a bounded history (`Last-Event-ID`); a slow client is dropped without delaying the
 * others; pings are shared; `close()` shuts every stream down cleanly. With an
 * {@link EventBroker} (e.g. `redisBroker` from `allresponses/redis`) the events and their ids
 * live in the broker, so hubs in several processes serve the same stream.
 *
 * @module
 */

import { describe, invalidType } from "./invalid.ts";
import {
  checkCount,
  encodeServerSentEvent,
  type EventSeparator,
  EventSourceResponse,
  type EventSourceResponseInit,
  type EventStreamSetup,
  eventStreamSetup,
  lastEventId,
  presetEventStream,
  type ServerSentEvent,
} from "./sse.ts";
import { ByteChannel, type ChannelOptions, type CloseReason } from "./stream.ts";

/**
 * An event as a broker stores it: its fields as strings (`data` already JSON-encoded when it
 * was not a string), without `id` when it is published, with the broker's `id` when it comes back.
 */
export interface StoredEvent {
  /** The id the broker assigned. */
  id: string;
  /** The event type. */
  event?: string;
  /** The payload, as sent. */
  data?: string;
  /** A comment. */
  comment?: string;
  /** A reconnection delay in milliseconds. */
  retry?: number;
}

/**
 * Where an {@link EventHub} keeps its events when several processes serve them: the broker
 * assigns the ids, in one increasing order shared by every hub on it, and delivers every event
 * (a hub's own too) to every subscribed hub in that order.
 *
 * - `publish(event, { history })` stores the event, keeping at least the last `history`
 *   events, and resolves with its id; it rejects when the broker can't be reached (never drops).
 * - `subscribe(onEvent)` delivers every event published from now on, in id order, and resolves
 *   with a function that stops the delivery.
 * - `after(id)` resolves with the stored events after `id`, in order (all that are kept when
 *   `id` is older than them; none when the broker never issued `id`).
 * - `close()` releases the broker's connections.
 *
 * @example
 * ```ts
 * import { EventHub, type EventBroker, type StoredEvent } from "allresponses";
 * // A broker in memory: what redisBroker does on Redis, in one process.
 * const stored: StoredEvent[] = [];
 * const listeners = new Set<(event: StoredEvent) => void>();
 * const memory: EventBroker = {
 *   async publish(event, { history }) {
 *     const id = String(stored.length + 1);
 *     stored.push({ ...event, id });
 *     stored.splice(0, Math.max(0, stored.length - history));
 *     for (const listener of listeners) listener({ ...event, id });
 *     return id;
 *   },
 *   async subscribe(onEvent) {
 *     listeners.add(onEvent);
 *     return async () => void listeners.delete(onEvent);
 *   },
 *   async after(id) {
 *     return stored.filter((event) => Number(event.id) > Number(id));
 *   },
 *   async close() {},
 * };
 * const hub = new EventHub({ broker: memory });
 * ```
 */
export interface EventBroker {
  /** Stores `event` (trimmed to `history` events) and resolves with its id. */
  publish(event: Omit<StoredEvent, "id">, options: { history: number }): Promise<string>;
  /** Delivers every event published from now on, in id order; resolves with a stop function. */
  subscribe(onEvent: (event: StoredEvent) => void): Promise<() => Promise<void>>;
  /** The stored events after `id`, in order. */
  after(id: string): Promise<StoredEvent[]>;
  /** Releases the broker's connections. */
  close(): Promise<void>;
}

/** Options of the {@link EventHub} constructor. */
export interface EventHubOptions {
  /** How many of the last events are kept for `Last-Event-ID` replay. Default 1000. */
  history?: number;
  /** Where the events and their ids live (several processes); default: this process only. */
  broker?: EventBroker;
  /** Seconds of silence after which every subscriber gets a `: ping` comment. Default 5; 0 = off. */
  ping?: number;
  /** The most events that may wait for one subscriber before it is dropped. Default 1000. */
  maxQueued?: number;
  /** Seconds a subscriber may take no bytes while an event waits before it is dropped. Default: none. */
  sendTimeout?: number;
}

const DEFAULT_HISTORY = 1000;
const DEFAULT_MAX_QUEUED = 1000;
const DEFAULT_PING = 5;
const SEPARATORS: readonly EventSeparator[] = ["\r\n", "\n", "\r"];
const encoder = new TextEncoder();
/** An id the hub assigned itself: its sequence number, in decimal. */
const SEQUENCE_ID = /^[1-9][0-9]{0,15}$/;

/** One published event: its fields, its id, and its bytes framed once per separator in use. */
class HubEvent {
  readonly #bytes: (Uint8Array | undefined)[] = [];

  constructor(readonly fields: StoredEvent, readonly seq: number) {}

  get id(): string {
    return this.fields.id;
  }

  bytes(sep: EventSeparator): Uint8Array {
    const index = SEPARATORS.indexOf(sep);
    return this.#bytes[index] ??= encoder.encode(encodeServerSentEvent(this.fields, sep));
  }
}

/** A comment or final event, framed once per separator. */
class Framed {
  readonly #bytes: (Uint8Array | undefined)[] = [];
  constructor(readonly event: ServerSentEvent | string) {}
  bytes(sep: EventSeparator): Uint8Array {
    return this.#bytes[SEPARATORS.indexOf(sep)] ??= encoder.encode(encodeServerSentEvent(this.event, sep));
  }
}

/** One subscriber: its channel, with what the hub needs to know of it. */
class Subscriber extends ByteChannel {
  /** Live events that arrived while the broker's replay was on its way. */
  pending: HubEvent[] | undefined;

  constructor(
    options: ChannelOptions,
    readonly sep: EventSeparator,
    readonly hub: { remove(subscriber: Subscriber): void },
    readonly onClose: ((reason: CloseReason) => void) | undefined,
  ) {
    super(options);
  }

  protected override ended(reason: CloseReason): void {
    this.hub.remove(this);
    this.onClose?.(reason);
  }
}

/** `event` as a broker stores it, validated; `TypeError` (prefixed `EventHub:`) when it can't be sent. */
function storedFields(event: ServerSentEvent | string): Omit<StoredEvent, "id"> & { id?: string } {
  try {
    encodeServerSentEvent(event);
  } catch (error) {
    const message = (error as Error).message.replace(/^encodeServerSentEvent: /, "");
    throw invalidType("EventHub", `publish: ${message}`);
  }
  if (typeof event === "string") return { data: event };
  const { event: type, data, comment, retry, id } = event;
  const fields: Omit<StoredEvent, "id"> & { id?: string } = {};
  if (type !== undefined) fields.event = type;
  if (data !== undefined) fields.data = typeof data === "string" ? data : JSON.stringify(data);
  if (comment !== undefined) fields.comment = comment;
  if (retry !== undefined) fields.retry = retry;
  if (id !== undefined) fields.id = String(id);
  return fields;
}

/**
 * Server-sent events for many clients at once. `publish(event)` frames the event once and
 * queues the same bytes for every subscriber; `response(request)` subscribes a client and
 * returns its {@link EventSourceResponse}. Ids are assigned when an event has none (`"1"`,
 * `"2"`, … — increasing); the last `history` events are kept, and a client that reconnects with
 * `Last-Event-ID` gets the events after it, in order, none twice: an id older than the history
 * gets everything still kept, an id this hub never issued (or a hostile one: huge, CR/LF) gets
 * nothing and goes live from now on. A subscriber that lets `maxQueued` events pile up, or takes
 * nothing for `sendTimeout`, is dropped and its connection cut; the others are not delayed.
 * Pings go to every subscriber from one timer. `close(final)` ends every stream cleanly (queued
 * events, then `final`); after it, `publish` rejects and `response` answers 503.
 *
 * With `broker`, the broker assigns the ids (an event's own `id` is a `TypeError`), every hub on
 * it delivers every event in the broker's order, and replay comes from the broker, so a client
 * may reconnect to another process.
 *
 * @example
 * ```ts
 * import { EventHub } from "allresponses";
 * const hub = new EventHub({ history: 500 });
 * setInterval(() => hub.publish({ event: "tick", data: { at: Date.now() } }), 1000);
 * Deno.serve((request) => hub.response(request));
 * ```
 */
export class EventHub {
  readonly #history: number;
  readonly #broker: EventBroker | undefined;
  readonly #pingMs: number;
  readonly #maxQueued: number;
  readonly #sendTimeout: number | undefined;
  readonly #subscribers = new Set<Subscriber>();
  readonly #ping = new Framed({ comment: "ping" });
  #kept: HubEvent[] = [];
  #seq = 0;
  #closed = false;
  #lastSent = 0;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #subscription: Promise<() => Promise<void>> | undefined;
  /** The setup and channel options of a subscriber without init, made once. */
  #plain: { setup: EventStreamSetup; channel: ChannelOptions } | undefined;
  readonly #membership = { remove: (subscriber: Subscriber) => this.#remove(subscriber) };

  /**
   * Makes a hub; with `broker`, subscribes to it at once.
   *
   * @throws {TypeError} for an option of the wrong type. @throws {RangeError} for a number out of range.
   */
  constructor(options: EventHubOptions = {}) {
    this.#history = options.history === undefined ? DEFAULT_HISTORY : checkHistory(options.history);
    this.#maxQueued = options.maxQueued === undefined
      ? DEFAULT_MAX_QUEUED
      : checkCount(options.maxQueued, "maxQueued", "EventHub");
    const setup = eventStreamSetup(
      { ping: options.ping ?? DEFAULT_PING, sendTimeout: options.sendTimeout },
      "EventHub",
    );
    this.#pingMs = setup.channel.keepAlive?.ms ?? 0;
    this.#sendTimeout = setup.channel.sendTimeout;
    this.#broker = options.broker;
    if (this.#broker !== undefined) {
      if (typeof this.#broker.subscribe !== "function") {
        throw invalidType("EventHub", `broker must be an EventBroker, not ${describe(this.#broker)}`);
      }
      this.#subscription = this.#broker.subscribe((event) => this.#deliver(event));
      this.#subscription.catch(() => {});
    }
  }

  /**
   * Resolves once the hub receives what is published on its broker (at once without one), and
   * rejects if the broker could not be subscribed to. A process should await it before it
   * serves: a client subscribed before it misses what is published meanwhile.
   */
  get ready(): Promise<void> {
    return this.#subscription?.then(() => {}) ?? Promise.resolve();
  }

  /** Open subscribers, counted from when {@link EventHub.response} returns. */
  get size(): number {
    return this.#subscribers.size;
  }

  /**
   * Sends `event` to every subscriber and resolves with its id (its own `id`, or the next
   * number; with a broker, the broker's id).
   *
   * @throws {TypeError} (as a rejection) for an event that can't be framed (CR/LF in `event` or
   *   `id`…), or one with its own `id` on a hub with a broker.
   * @throws {Error} (as a rejection) after `close()`, or when the broker can't be reached.
   */
  async publish(event: ServerSentEvent | string): Promise<string> {
    if (this.#closed) throw new Error("EventHub: publish after close()");
    const fields = storedFields(event);
    if (this.#broker === undefined) {
      const seq = ++this.#seq;
      this.#deliver({ ...fields, id: fields.id ?? String(seq) });
      return fields.id ?? String(seq);
    }
    if (fields.id !== undefined) {
      throw invalidType(
        "EventHub",
        `publish: the broker assigns ids; an event may not have its own (${describe(event)})`,
      );
    }
    await this.#subscription;
    return await this.#broker.publish(fields, { history: this.#history });
  }

  /**
   * Subscribes the client of `request` and returns its event stream. With `Last-Event-ID`, the
   * events after it that are still kept come first. `init` is an {@link EventSourceResponseInit}
   * (its `onClose` is called too; `ping` is ignored: the hub pings); its `maxQueued` and
   * `sendTimeout` replace the hub's. After `close()`: a 503.
   */
  response(request: Request, init?: EventSourceResponseInit): EventSourceResponse {
    if (this.#closed) return new EventSourceResponse([], { status: 503, ping: 0, headers: init?.headers });
    const { setup, channel } = init === undefined ? this.#plainSetup() : this.#setup(init);
    const subscriber = new Subscriber(channel, setup.sep, this.#membership, init?.onClose);
    this.#add(subscriber);
    this.#replay(subscriber, lastEventId(request));
    presetEventStream(subscriber.stream, setup);
    // The channel's stream is already an event stream: the response takes it as its body as is.
    return new EventSourceResponse(subscriber.stream as unknown as ReadableStream<ServerSentEvent>);
  }

  /** Ends every stream (queued events, then `finalEvent`) and unsubscribes from the broker. */
  async close(finalEvent?: ServerSentEvent | string): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const last = finalEvent === undefined ? undefined : new Framed(finalEvent);
    for (const subscriber of this.#subscribers) subscriber.shutdown(last?.bytes(subscriber.sep));
    this.#stopPings();
    const stop = await this.#subscription?.catch(() => undefined);
    await stop?.();
  }

  #plainSetup(): { setup: EventStreamSetup; channel: ChannelOptions } {
    return this.#plain ??= this.#setup({});
  }

  #setup(init: EventSourceResponseInit): { setup: EventStreamSetup; channel: ChannelOptions } {
    const setup = eventStreamSetup(init, "EventHub");
    const channel: ChannelOptions = {
      ...setup.channel,
      keepAlive: undefined,
      maxQueued: setup.channel.maxQueued ?? this.#maxQueued,
      sendTimeout: setup.channel.sendTimeout ?? this.#sendTimeout,
      onClose: undefined,
      push: true,
    };
    return { setup, channel };
  }

  #add(subscriber: Subscriber): void {
    if (subscriber.closed) return;
    this.#subscribers.add(subscriber);
    if (this.#pingTimer === undefined && this.#pingMs > 0) {
      this.#pingTimer = setInterval(() => this.#pingAll(), this.#pingMs);
    }
  }

  #remove(subscriber: Subscriber): void {
    this.#subscribers.delete(subscriber);
    if (this.#subscribers.size === 0) this.#stopPings();
  }

  #replay(subscriber: Subscriber, after: string | undefined): void {
    if (after === undefined) return;
    if (this.#broker === undefined) return void sendAll(subscriber, this.#after(after));
    subscriber.pending = [];
    this.#broker.after(after).then(
      (stored) => this.#catchUp(subscriber, stored.map((fields) => new HubEvent(fields, 0))),
      () => this.#catchUp(subscriber, []),
    );
  }

  /** The kept events after `id`: all of them for an id older than the history, none for an unknown one. */
  #after(id: string): HubEvent[] {
    const kept = this.#kept.length > this.#history ? this.#kept.slice(-this.#history) : this.#kept;
    for (let i = kept.length - 1; i >= 0; i--) if (kept[i]!.id === id) return kept.slice(i + 1);
    if (kept.length === 0 || !SEQUENCE_ID.test(id)) return [];
    const seq = Number(id);
    return seq < kept[0]!.seq ? kept.slice() : [];
  }

  /** Sends the broker's replay, then the live events that came meanwhile and are not in it. */
  #catchUp(subscriber: Subscriber, replay: HubEvent[]): void {
    const pending = subscriber.pending ?? [];
    subscriber.pending = undefined;
    const replayed = new Set(replay.map((event) => event.id));
    let from = 0;
    for (let i = pending.length - 1; i >= 0; i--) {
      if (replayed.has(pending[i]!.id)) {
        from = i + 1;
        break;
      }
    }
    sendAll(subscriber, [...replay, ...pending.slice(from)]);
  }

  #deliver(fields: StoredEvent): void {
    const event = new HubEvent(fields, this.#broker === undefined ? this.#seq : 0);
    if (this.#broker === undefined) this.#keep(event);
    this.#lastSent = performance.now();
    for (const subscriber of this.#subscribers) {
      if (subscriber.pending) subscriber.pending.push(event);
      else subscriber.send(event.bytes(subscriber.sep));
    }
  }

  #keep(event: HubEvent): void {
    if (this.#history === 0) return;
    this.#kept.push(event);
    // Trimmed in batches, so that keeping an event costs no copy of the history each time.
    if (this.#kept.length >= this.#history * 2) this.#kept = this.#kept.slice(-this.#history);
  }

  #pingAll(): void {
    if (performance.now() - this.#lastSent < this.#pingMs - 1) return;
    for (const subscriber of this.#subscribers) subscriber.ping(this.#ping.bytes(subscriber.sep));
  }

  #stopPings(): void {
    clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
  }
}

/** Sends `events` as one chunk: a replay takes one place in the queue, however long it is. */
function sendAll(subscriber: Subscriber, events: HubEvent[]): void {
  if (events.length === 0) return;
  const parts = events.map((event) => event.bytes(subscriber.sep));
  const joined = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.byteLength;
  }
  subscriber.send(joined);
}

function checkHistory(history: unknown): number {
  if (history === 0) return 0;
  return checkCount(history, "history", "EventHub");
}
