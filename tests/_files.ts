/**
 * Test helper for the FileResponse suites: fixture files generated into a temporary directory,
 * requests through a real server, and a count of the file descriptors open on the fixtures.
 */

import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The fixed modification time of the fixtures: Tue, 02 Jan 2024 03:04:05 GMT. */
export const MTIME = new Date("2024-01-02T03:04:05Z");
/** {@link MTIME} as an HTTP date. */
export const MTIME_HTTP = "Tue, 02 Jan 2024 03:04:05 GMT";

/** `n` deterministic pseudo-random bytes (xorshift32). */
export function bytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A fresh temporary directory for one test file's fixtures. */
export function fixtureDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `allresponses-${prefix}-`));
}

/** Writes `content` to `dir/name` with the modification time `mtime`; returns the path. */
export function writeFixture(dir: string, name: string, content: Uint8Array | string, mtime: Date = MTIME): string {
  const path = join(dir, name);
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, content);
  utimesSync(path, mtime, mtime);
  return path;
}

/** Removes a fixture directory. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The file descriptors of this process that are open on a file under `dir`. */
export function openFds(dir: string): number {
  let n = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(dir)) n++;
    } catch {
      // closed between the listing and the readlink
    }
  }
  return n;
}

/** All file descriptors of this process. */
export function allFds(): number {
  return readdirSync("/proc/self/fd").length;
}

/** Polls `count()` until it is at most `target`, for up to `ms`; returns the last count. */
export async function settle(count: () => number, target: number, ms = 5000): Promise<number> {
  const until = Date.now() + ms;
  let n = count();
  while (n > target && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    n = count();
  }
  return n;
}

/** What a client received: status, headers and the exact body bytes. */
export interface Received {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** Fetches `url` and reads the whole body. */
export async function receive(url: string, init?: RequestInit): Promise<Received> {
  const res = await fetch(url, { redirect: "manual", ...init });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}

/** The ASCII bytes of `text`. */
export function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
