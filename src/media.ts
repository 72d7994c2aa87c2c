/**
 * Media types by file extension, from the `mime-db` database (the data `@std/media-types`
 * is built from).
 *
 * @module
 */

import db from "mime-db/db.json" with { type: "json" };

interface MimeEntry {
  source?: string;
  charset?: string;
  extensions?: string[];
}

const SOURCE_SCORE: Record<string, number> = { iana: 3, apache: 2, nginx: 1 };

// A standard-tree type beats a vendor or experimental one; then the IANA source beats the
// others; then a specific top-level type (video/mp4) beats application/* (application/mp4).
function score(type: string, entry: MimeEntry): number {
  const subtype = type.slice(type.indexOf("/") + 1);
  const facet = /^(x-|x\.|prs\.)/.test(subtype) ? 0 : subtype.startsWith("vnd.") ? 1 : 2;
  const source = SOURCE_SCORE[entry.source ?? ""] ?? 1.5;
  return facet * 10 + source + (type.startsWith("application/") ? 0 : 0.5);
}

let byExtension: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (byExtension) return byExtension;
  const best = new Map<string, [string, number]>();
  for (const [type, entry] of Object.entries(db as Record<string, MimeEntry>)) {
    if (!entry.extensions) continue;
    const s = score(type, entry);
    const charset = type.startsWith("text/") || entry.charset?.toUpperCase() === "UTF-8" ? "; charset=utf-8" : "";
    for (const ext of entry.extensions) {
      const seen = best.get(ext);
      if (!seen || s > seen[1]) best.set(ext, [type + charset, s]);
    }
  }
  byExtension = new Map([...best].map(([ext, [type]]) => [ext, type]));
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
  const ext = (dot === -1 ? base : base.slice(dot + 1)).toLowerCase();
  return ext === "" ? undefined : table().get(ext);
}
