/**
 * What a file's response says about it — its strong ETag, Last-Modified and Content-Type from
 * the extension (no ETag and no Last-Modified without a modification time) — worked out once
 * per version of the file (device, inode, size, mtime) and reused while a stat sees that
 * version, so a small file's response costs a stat and little more.
 *
 * @module
 */

import type { Validators } from "./conditional.ts";
import { contentType } from "./media.ts";
import { type FileInfo, sameVersion } from "./runtime/types.ts";
import { httpDate } from "./util.ts";

/** The validators of a file, a Blob or a source, and their headers. */
export interface FileFacts {
  /** The ETag; none where nothing tells versions apart. */
  etag: string | undefined;
  /** The Last-Modified header (IMF-fixdate); none without a modification time. */
  lastModified: string | undefined;
  /** The validators the request's conditions are evaluated against. */
  validators: Validators;
}

/** The facts of an entity-tag and a modification time in milliseconds, either of which may be missing. */
export function validatorFacts(etag: string | undefined, mtimeMs: number | undefined): FileFacts {
  const lastModifiedMs = mtimeMs === undefined ? undefined : Math.floor(mtimeMs / 1000) * 1000;
  return {
    etag,
    lastModified: lastModifiedMs === undefined ? undefined : httpDate(lastModifiedMs),
    // An entity-tag of "" matches none of a request's but the wildcard: the semantics of none.
    validators: { etag: etag ?? "", lastModified: lastModifiedMs },
  };
}

interface Known {
  version: FileInfo;
  facts: FileFacts;
  /** The name the type was looked up for, and the type; `undefined` for none known. */
  typeOf: string | undefined;
  type: string | undefined;
}

/** How many files are remembered; the oldest go first. */
const REMEMBERED_FILES = 4096;
const known = new Map<string, Known>();

/**
 * A strong entity-tag from what changes when the file does: inode, size and modification time;
 * none without a modification time, which leaves only the size to tell versions apart.
 */
function entityTag(file: FileInfo): string | undefined {
  if (file.mtimeMs === undefined) return undefined;
  return `"${file.ino.toString(36)}-${file.size.toString(36)}-${Math.round(file.mtimeMs * 1000).toString(36)}"`;
}

/** What is remembered of `file`, learned anew when this version is not the one remembered. */
function knownOf(file: FileInfo): Known {
  const entry = known.get(file.path);
  if (entry !== undefined && sameVersion(entry.version, file)) return entry;
  if (entry !== undefined) known.delete(file.path);
  else if (known.size >= REMEMBERED_FILES) known.delete(known.keys().next().value!);
  const fresh: Known = {
    version: file,
    facts: validatorFacts(entityTag(file), file.mtimeMs),
    typeOf: undefined,
    type: undefined,
  };
  known.set(file.path, fresh);
  return fresh;
}

/** The ETag, Last-Modified and validators of this version of `file`. */
export function fileFacts(file: FileInfo): FileFacts {
  return knownOf(file).facts;
}

/** `contentType(name)`, remembered with this version of `file` (the name is the file's path, or a filename given for it). */
export function fileType(file: FileInfo, name: string): string | undefined {
  const entry = knownOf(file);
  if (entry.typeOf !== name) {
    entry.type = contentType(name);
    entry.typeOf = name;
  }
  return entry.type;
}
