/**
 * Media types by file extension, and whether a type compresses, from the compact tables that
 * `scripts/gen-media.mjs` generates from the `mime-db` database (the data `@std/media-types` is
 * built from) into `media_table.ts`: a bundle that serves files carries 16 KB of table instead
 * of the whole database.
 *
 * @module
 */

import { COMPRESSIBLE, COMPRESSIBLE_RULE, MEDIA_TYPES } from "./media_table.ts";

let byExtension: Map<string, string> | undefined;

/** The extension → Content-Type map, decoded from the front-coded table on first use. */
function extensionTable(): Map<string, string> {
  if (byExtension !== undefined) return byExtension;
  byExtension = new Map();
  let previous = "";
  for (const line of MEDIA_TYPES.split("|")) {
    const [coded, ...extensions] = line.split(" ");
    const type = previous.slice(0, parseInt(coded![0]!, 36)) + coded!.slice(1);
    previous = type;
    const value = type.endsWith(";") ? `${type} charset=utf-8` : type;
    for (const extension of extensions) byExtension.set(extension, value);
  }
  return byExtension;
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
