/**
 * The stat every adapter with a file system shares (Deno's and `node:fs`'s): what a stat says,
 * in one shape, turned into a {@link FileLookup}.
 *
 * @module
 */

import type { FileFailure, FileLookup } from "./types.ts";

/** What a runtime's stat says about a path, in one shape for every runtime. */
export interface StatFacts {
  isFile: boolean;
  isDirectory: boolean;
  size: number;
  /** Milliseconds; `null` where the runtime does not know. */
  mtimeMs: number | null;
  /** `null` where the platform has none. */
  ino: number | null;
  /** `null` where the platform has none. */
  dev: number | null;
  /** The permission bits; `null` where the platform has none (Windows). */
  mode: number | null;
}

/** A runtime's synchronous file-system calls, as {@link statRegularFile} uses them. */
export interface StatCalls {
  /** Stats `path`, following symlinks; throws the runtime's error. */
  stat(path: string): StatFacts;
  /** Throws the runtime's error when this process may not read `path`. */
  checkRead(path: string): void;
}

const MISSING = new Set(["NotFound", "NotADirectory", "FilesystemLoop", "ENOENT", "ENOTDIR", "ELOOP", "ENAMETOOLONG"]);
const FORBIDDEN = new Set(["PermissionDenied", "NotCapable", "EACCES", "EPERM"]);

/**
 * What a file-system error says about the path — missing, or forbidden — by its Deno name or
 * its Node code; `undefined` for any other error (a failing disk), which is no answer about
 * the path.
 */
export function classify(error: unknown): FileFailure | undefined {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  const says = (set: Set<string>) => set.has(String(name)) || set.has(String(code));
  if (says(MISSING)) return { problem: "missing", cause: error };
  if (says(FORBIDDEN)) return { problem: "forbidden", cause: error };
  return undefined;
}

/** The failure that `error` means, or the error itself, thrown, when it means none. */
function failure(error: unknown): FileFailure {
  const known = classify(error);
  if (known === undefined) throw error;
  return known;
}

/**
 * True when the permission bits let any process read the file: the owner, the group and everyone
 * else may all read it (POSIX checks the owner's bits for the owner, the group's for its members,
 * the others' for the rest), so no access check is needed to know it.
 */
function everyoneMayRead(mode: number | null): boolean {
  return mode !== null && (mode & 0o444) === 0o444;
}

/**
 * Stats `path` with `calls`: the regular file there that this process may read, or why there
 * is none (a directory counts as missing: it is no file). Errors that say nothing about the
 * path are thrown as they are.
 */
export function statRegularFile(path: string, calls: StatCalls): FileLookup {
  let facts: StatFacts;
  try {
    facts = calls.stat(path);
  } catch (error) {
    return failure(error);
  }
  if (facts.isDirectory) return { problem: "missing" };
  if (!facts.isFile) return { problem: "not a regular file" };
  if (!everyoneMayRead(facts.mode)) {
    try {
      calls.checkRead(path);
    } catch (error) {
      return failure(error);
    }
  }
  // A modification time of 0 is no time: workerd's files all have it, and it would make every
  // version of a file of the same size look the same.
  const mtimeMs = facts.mtimeMs === null || facts.mtimeMs === 0 ? undefined : facts.mtimeMs;
  return { path, size: facts.size, mtimeMs, ino: facts.ino ?? 0, dev: facts.dev ?? 0 };
}
