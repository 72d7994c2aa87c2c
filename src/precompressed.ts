/**
 * Precompressed variants of a file (`<file>.br`, `<file>.zst`, `<file>.gz`): which one a
 * request's `Accept-Encoding` asks for (RFC 9110 §12.5.3), and which ones exist — learned once
 * per version of the file, not probed with three stats per request.
 *
 * @module
 */

import { fileRuntime } from "./runtime/select.ts";
import { type FileInfo, isFailure, sameVersion } from "./runtime/types.ts";

/** A content coding that a precompressed sibling can have. */
export type Coding = "br" | "zstd" | "gzip";

/** The codings in the order they are preferred among equal q-values, with the extension of their sibling. */
const CODINGS: readonly { coding: Coding; extension: string }[] = [
  { coding: "br", extension: ".br" },
  { coding: "zstd", extension: ".zst" },
  { coding: "gzip", extension: ".gz" },
];

/** A q-value (RFC 9110 §12.4.2): 0 to 1 with at most three decimals. */
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** The q-value of each coding an `Accept-Encoding` value names (lower case; `x-gzip` as `gzip`). */
function qualities(header: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const item of header.split(",")) {
    const [name = "", ...params] = item.split(";");
    const coding = name.trim().toLowerCase();
    if (coding === "") continue;
    let q = 1;
    for (const param of params) {
      const [key = "", value = ""] = param.split("=");
      if (key.trim().toLowerCase() !== "q") continue;
      const text = value.trim();
      q = QVALUE.test(text) ? Number(text) : NaN;
    }
    // An entry with a malformed q-value says nothing.
    if (!Number.isNaN(q)) found.set(coding === "x-gzip" ? "gzip" : coding, q);
  }
  return found;
}

/**
 * The codings among `available` that the request's `Accept-Encoding` prefers to the file as it
 * is, best first (higher q first; among equal q, br, zstd, gzip). A coding the header does not
 * name is acceptable only through `*`; `q=0` refuses. The file as it is (`identity`) wins over
 * a coding of lower q when the header gives it one (by name or through `*`); unnamed, it is the
 * last choice. No header, or an empty one, asks for no coding.
 */
export function preferredCodings(header: string | null, available: readonly Coding[]): Coding[] {
  if (header === null || available.length === 0) return [];
  const q = qualities(header);
  if (q.size === 0) return [];
  const any = q.get("*");
  // Unnamed, identity is acceptable but least preferred: any coding the header accepts beats it.
  const identity = q.get("identity") ?? any ?? 0;
  const ranked = CODINGS
    .map(({ coding }, order) => ({ coding, order, q: available.includes(coding) ? q.get(coding) ?? any ?? 0 : 0 }))
    .filter((c) => c.q > 0 && c.q >= identity);
  return ranked.sort((a, b) => b.q - a.q || a.order - b.order).map((c) => c.coding);
}

/** A precompressed sibling of a file. */
export interface Variant {
  coding: Coding;
  /** The sibling as a stat found it. */
  file: FileInfo;
}

/**
 * A sibling may stand for a file only when it is not older than it: an older one is stale.
 * Without modification times nothing tells, so no sibling is served.
 */
function fresh(variant: FileInfo, original: FileInfo): boolean {
  return variant.mtimeMs !== undefined && original.mtimeMs !== undefined && variant.mtimeMs >= original.mtimeMs;
}

/** What {@link VariantIndex} remembers of one file: the version it looked at, and the siblings it found. */
interface Known {
  version: FileInfo;
  variants: Variant[];
}

/** The file that answers a request: the original or a sibling, its coding, and whether the answer varies by coding. */
export interface ServedFile {
  file: FileInfo;
  /** The Content-Encoding; `undefined` for the file as it is. */
  coding: Coding | undefined;
  /** True when the file has a variant, so that every response for it carries `Vary: Accept-Encoding`. */
  vary: boolean;
}

/**
 * The precompressed siblings of files, learned the first time a file is served and again each
 * time it changes (device, inode, size or mtime); a sibling that appears while the original stays
 * as it is is not seen until the original changes. At most `limit` files are remembered (the
 * oldest go first). `admit(path)` may refuse a sibling's path (a directory server: one whose real
 * path leaves its root); it is asked again whenever the sibling's own version changes.
 */
export class VariantIndex {
  readonly #known = new Map<string, Known>();

  constructor(
    readonly admit: (path: string) => boolean = () => true,
    readonly limit = 4096,
  ) {}

  /** The siblings of `file` (a version a stat just found), fresh when they were found. */
  variants(file: FileInfo): Variant[] {
    const known = this.#known.get(file.path);
    if (known !== undefined && sameVersion(known.version, file)) return known.variants;
    const variants = this.#discover(file);
    this.#known.delete(file.path);
    if (this.#known.size >= this.limit) this.#known.delete(this.#known.keys().next().value!);
    this.#known.set(file.path, { version: file, variants });
    return variants;
  }

  #discover(file: FileInfo): Variant[] {
    const variants: Variant[] = [];
    for (const { coding, extension } of CODINGS) {
      const found = this.#stat(file.path + extension);
      if (found !== undefined && fresh(found, file)) variants.push({ coding, file: found });
    }
    return variants;
  }

  #stat(path: string): FileInfo | undefined {
    const found = fileRuntime.stat(path);
    return isFailure(found) || !this.admit(path) ? undefined : found;
  }

  /**
   * The file that answers `request` for `file`: the first sibling the request prefers that is
   * still there and still fresh (each is stat'ed as it is served, for its current length), or
   * the file itself.
   */
  serve(file: FileInfo, request: Request | undefined): ServedFile {
    const variants = this.variants(file);
    if (variants.length === 0) return { file, coding: undefined, vary: false };
    const codings = preferredCodings(request?.headers.get("accept-encoding") ?? null, variants.map((v) => v.coding));
    for (const coding of codings) {
      const variant = variants.find((v) => v.coding === coding)!;
      const now = fileRuntime.stat(variant.file.path);
      if (isFailure(now) || !fresh(now, file)) continue;
      if (!sameVersion(now, variant.file)) {
        if (!this.admit(now.path)) continue;
        variant.file = now;
      }
      return { file: now, coding, vary: true };
    }
    return { file, coding: undefined, vary: true };
  }
}

/** The siblings of the files that `FileResponse` serves with `precompressed` and no index of its own. */
export const sharedVariants: VariantIndex = new VariantIndex();
