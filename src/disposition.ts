/**
 * Content-Disposition (RFC 6266) with RFC 8187 `filename*` for names that are not plain ASCII.
 *
 * @module
 */

import { describe, invalidType } from "./invalid.ts";

/**
 * The disposition types: shown in the browser (`inline`) or saved as a download (`attachment`).
 *
 * @example
 * ```ts
 * import { contentDisposition, type DispositionType } from "allresponses";
 * const type: DispositionType = "inline";
 * contentDisposition("chart.svg", type); // 'inline; filename="chart.svg"'
 * ```
 */
export type DispositionType = "attachment" | "inline";

// A name that needs nothing but quoting: printable ASCII without a backslash (which some user
// agents do not unescape) and without a %XX sequence (which some user agents decode).
const PLAIN = /^[\x20-\x5b\x5d-\x7e]*$/;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/gu;
const COMBINING_MARKS = /\p{M}/gu;
// RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;
const HEX = "0123456789ABCDEF";
const encoder = new TextEncoder();

/** RFC 8187 `ext-value` of `name`: `UTF-8''` and the UTF-8 bytes, percent-encoded outside attr-char. */
function extValue(name: string): string {
  let out = "UTF-8''";
  for (const byte of encoder.encode(name)) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(ch) ? ch : `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

/** The quoted-string form of `name` for `filename=`: ASCII only, accents dropped, the rest `_`. */
function asciiFallback(name: string): string {
  const ascii = name.normalize("NFKD").replace(COMBINING_MARKS, "").replace(NOT_PRINTABLE_ASCII, "_");
  return `"${ascii.replace(/[\\"]/g, "\\$&")}"`;
}

/**
 * A Content-Disposition header value (RFC 6266). A plain ASCII filename is sent quoted; any
 * other — non-ASCII, control characters, a backslash, a `%XX` sequence — also gets an RFC 8187
 * `filename*=UTF-8''…` and an ASCII fallback (accents dropped, other characters `_`). Quotes
 * and backslashes are escaped. The value never holds a CR, LF or a byte outside ASCII, so it is
 * always safe as a header.
 *
 * @param filename The name the client should give the file; none when `undefined` or empty.
 * @param type `attachment` (download, the default) or `inline` (display).
 * @throws {TypeError} for a `type` other than `attachment` or `inline`.
 * @example
 * ```ts
 * import { contentDisposition } from "allresponses";
 * contentDisposition("report.pdf"); // 'attachment; filename="report.pdf"'
 * contentDisposition("naïve café.txt", "inline");
 * // `inline; filename="naive cafe.txt"; filename*=UTF-8''na%C3%AFve%20caf%C3%A9.txt`
 * ```
 */
export function contentDisposition(filename?: string, type: DispositionType = "attachment"): string {
  if (type !== "attachment" && type !== "inline") {
    throw invalidType("contentDisposition", `type ${describe(type)} is not "attachment" or "inline"`);
  }
  if (filename === undefined || filename === "") return type;
  if (PLAIN.test(filename) && !PERCENT_ESCAPE.test(filename)) {
    return `${type}; filename="${filename.replace(/"/g, '\\"')}"`;
  }
  return `${type}; filename=${asciiFallback(filename)}; filename*=${extValue(filename)}`;
}
