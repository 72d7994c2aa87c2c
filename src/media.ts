/**
 * Media types by file extension, and whether a type compresses, from the compact tables that
 * `scripts/gen-media.mjs` generates from the `mime-db` database (the data `@std/media-types` is
 * built from) into `media_table.ts`: a bundle that serves files carries that table instead of
 * the whole database (BENCHMARKS.md, "Bundle size"), and decodes it on the first `contentType()`
 * call rather than at import (BENCHMARKS.md, "Media table").
 *
 * @module
 */

import {
  CODE,
  CODES,
  COMPRESSIBLE,
  COMPRESSIBLE_RULE,
  FIRST_PAIRED,
  MARK,
  MEDIA_TYPES,
  SEPARATORS,
  WORDS,
} from "./media_table.ts";

let byExtension: Map<string, string> | undefined;

/**
 * The front-coded lines, every dictionary code replaced by its word in one pass: each word is
 * expanded first (it holds only codes of the words before it).
 */
function expanded(): string {
  const words: string[] = [];
  const wordOf = (code: string) =>
    words[code.length === 1 ? CODES.indexOf(code) : CODES.length + code.charCodeAt(1) - FIRST_PAIRED]!;
  const expand = (text: string) => text.replace(CODE, wordOf);
  for (const word of WORDS.split(",")) words.push(expand(word));
  return expand(MEDIA_TYPES);
}

/** The extension → Content-Type map, decoded from media_table.ts on first use (importing costs nothing). */
function extensionTable(): Map<string, string> {
  if (byExtension !== undefined) return byExtension;
  byExtension = new Map();
  let key = "";
  for (const line of expanded().split("|")) {
    const words = line.split(" ");
    key = key.slice(0, parseInt(line[0]!, 36)) + words[0]!.slice(1);
    addType(byExtension, key, words);
  }
  return byExtension;
}

/**
 * One line's type (`key`: the type with its marks, and ";" when UTF-8) with the extensions it
 * spells and those after `words[0]`.
 */
function addType(table: Map<string, string>, key: string, words: string[]): void {
  const marked = key.endsWith(";") ? key.slice(0, -1) : key;
  const type = marked.replaceAll(MARK, "");
  const value = marked === key ? type : `${type}; charset=utf-8`;
  for (let end = marked.indexOf(MARK); end !== -1; end = marked.indexOf(MARK, end + 1)) {
    table.set(marked.slice(segmentStart(marked, end), end), value);
  }
  for (let i = 1; i < words.length; i++) table.set(words[i]!, value);
}

/** Where the segment of the type that holds position `end` starts: after one of SEPARATORS. */
function segmentStart(type: string, end: number): number {
  let start = end;
  while (!SEPARATORS.includes(type[start - 1]!)) start--;
  return start;
}

/**
 * The Content-Type for a file path or an extension (`"report.pdf"`, `".html"`, `"css"`), with
 * `charset=utf-8` for text types and UTF-8 formats such as JSON; `undefined` when unknown.
 *
 * @example
 * ```ts
 * import { contentType } from "allresponses";
 * contentType("index.html"); // "text/html; charset=utf-8"
 * contentType(".png"); // "image/png"
 * contentType("file.unknown"); // undefined
 * ```
 */
export function contentType(pathOrExtension: string): string | undefined {
  const base = pathOrExtension.slice(Math.max(pathOrExtension.lastIndexOf("/"), pathOrExtension.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  const extension = (dot === -1 ? base : base.slice(dot + 1)).toLowerCase();
  return extension === "" ? undefined : extensionTable().get(extension);
}

let compressibleTypes: Set<string> | undefined;

/**
 * True when a body of this Content-Type is worth compressing: text, JSON, XML, JavaScript and
 * the other types mime-db marks `compressible`; false for images, video, archives, compressed
 * fonts and types it does not know. Parameters (`; charset=…`) and case are ignored.
 *
 * @example
 * ```ts
 * compressible("application/json; charset=utf-8"); // true
 * compressible("image/png"); // false
 * ```
 */
export function compressible(type: string): boolean {
  const semicolon = type.indexOf(";");
  const essence = (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase();
  if (COMPRESSIBLE_RULE.test(essence)) return true;
  compressibleTypes ??= new Set(COMPRESSIBLE.split(" "));
  return compressibleTypes.has(essence);
}
