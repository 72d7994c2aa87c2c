/**
 * Test helper: a real `redis-server` (Debian's package, installed with apt-get when missing) on
 * a free port of 127.0.0.1 with persistence off, stopped by its process id; and a second
 * process serving the notification example on that Redis (this file run as a script, see the
 * bottom).
 */

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import process from "node:process";
import { runtime, serve } from "./_serve.ts";

/** A running redis-server. */
export interface RedisServer {
  url: string;
  port: number;
  /** Kills it (SIGKILL: what a crash looks like) and waits until it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"]).status === 0;
}

/** Installs Debian's `redis-server` when it is missing; returns whether it is there now. */
export function ensureRedisServer(): boolean {
  if (hasRedisServer()) return true;
  spawnSync("apt-get", ["update", "-qq"], { stdio: "ignore" });
  spawnSync("apt-get", ["install", "-y", "-qq", "redis-server"], {
    stdio: "ignore",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return hasRedisServer();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startOn(port: number): Promise<ChildProcess> {
  const child = spawn("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
  ], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Uint8Array) => {
      out += new TextDecoder().decode(chunk);
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  child.stdout!.resume();
  return child;
}

function stop(child: ChildProcess, signal: "SIGKILL" | "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(child.pid!, signal);
  return exited;
}

/** Starts a redis-server, runs `body` with it, and always stops it by its pid. */
export async function withRedis<T>(body: (redis: RedisServer) => Promise<T>): Promise<T> {
  const port = await freePort();
  let child = await startOn(port);
  const redis: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => stop(child, "SIGKILL"),
    restart: async () => void (child = await startOn(port)),
  };
  try {
    return await body(redis);
  } finally {
    await stop(child, "SIGTERM");
  }
}

/**
 * A second process: the notification example (examples/sse-notify.ts) on `redisUrl`, served at
 * `url` (`/events` subscribes, `POST /notify` publishes its body).
 */
export interface HubProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts this file as a script in a child process of the runtime running the suite. */
export async function startHubProcess(redisUrl: string, stream: string): Promise<HubProcess> {
  const script = new URL(runtime === "node" ? "./_redis.js" : "./_redis.ts", import.meta.url).pathname;
  const args = runtime === "deno" ? ["run", "-A", script] : [script];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, HUB_CHILD_REDIS: redisUrl, HUB_CHILD_STREAM: stream, NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Uint8Array) => {
      out += new TextDecoder().decode(chunk);
      const line = out.match(/^listening (\S+)$/m);
      if (line) resolve(line[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the hub process exited (${code}): ${out}`)));
  });
  return { url, stop: () => stop(child, "SIGTERM") };
}

/** The child: serves the notification example on Redis until it is told to stop. */
async function serveHubChild(redisUrl: string, stream: string): Promise<void> {
  const { notifications } = await import("../examples/sse-notify.ts");
  const app = notifications({ redisUrl, stream });
  await app.ready;
  const server = await serve(app.handler);
  process.on("SIGTERM", async () => {
    await app.close();
    await server.close();
    process.exit(0);
  });
  console.log(`listening ${server.url}`);
}

const childRedis = process.env.HUB_CHILD_REDIS;
if (childRedis) await serveHubChild(childRedis, process.env.HUB_CHILD_STREAM ?? "allresponses:events");
