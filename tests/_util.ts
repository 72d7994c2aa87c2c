/** Test helpers shared by the suites: timing, signals, console capture and the error vocabulary. */

import assert from "node:assert/strict";

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves `true` when `promise` settles within `ms`, `false` otherwise. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` every 10 ms until it holds or `ms` pass; returns whether it held. */
export async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(10)) if (check()) return true;
  return check();
}

/** A promise and the function that resolves it. */
export function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** Runs `body` with console.error replaced by a recorder, and returns what was logged. */
export async function capturingConsoleError(body: () => Promise<void>): Promise<unknown[][]> {
  const calls: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void calls.push(args);
  try {
    await body();
  } finally {
    console.error = original;
  }
  return calls;
}

/** Fetches `url` and reads its body to the end: whether it ended or failed, and the text received. */
export async function readToEnd(url: string): Promise<{ outcome: "ended" | "errored"; received: string }> {
  const decoder = new TextDecoder();
  let received = "";
  const outcome = await fetch(url).then(async (response) => {
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return "ended" as const;
      received += decoder.decode(value, { stream: true });
    }
  }).catch(() => "errored" as const);
  return { outcome, received };
}

/**
 * Asserts that `error` is in the library's error vocabulary: a `TypeError` (a `BadHeaderError`
 * among them) or a `RangeError`, its message starting with `name`, the public name called.
 */
export function assertVocabulary(error: unknown, name: string): void {
  assert.ok(
    error instanceof TypeError || error instanceof RangeError,
    `a TypeError or RangeError, not ${String(error)}`,
  );
  assert.ok(error.message.startsWith(`${name}: `), `message ${JSON.stringify(error.message)} starts with "${name}: "`);
}
