/**
 * The one error vocabulary of the library: a `TypeError` for a value of the wrong type or form,
 * a `RangeError` for a number out of range, each message starting with the public name the
 * caller used (`FileResponse: …`, `setCookie: …`), and values shown one way.
 *
 * @module
 */

const MAX_SHOWN = 60;

/**
 * A value as an error message shows it, without calling anything the caller supplied (no
 * `toString`, no getters): a string quoted (cut after 60 characters), a number or other
 * primitive as written, a date as ISO 8601, an object by its kind (`Uint8Array`, `an object`).
 *
 * @example
 * ```ts
 * describe("a\nb"); // "\"a\\nb\""
 * describe(1.5); // "1.5"
 * describe(new Uint8Array(2)); // "a Uint8Array"
 * ```
 */
export function describe(value: unknown): string {
  if (typeof value === "string") {
    const text = JSON.stringify(value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) : value);
    return value.length > MAX_SHOWN ? `${text.slice(0, -1)}…"` : text;
  }
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.description === undefined ? "a symbol" : `Symbol(${value.description})`;
  if (typeof value === "function") return "a function";
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : value.toISOString();
  if (Array.isArray(value)) return "an array";
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (tag === "Object") return "an object";
  return `${/^[AEIOU]/.test(tag) ? "an" : "a"} ${tag}`;
}

/**
 * A `TypeError` for a wrong type or value, its message prefixed with the public name.
 *
 * @example
 * ```ts
 * throw invalidType("setCookie", `sameSite ${describe("loose")} is not "lax", "strict" or "none"`);
 * ```
 */
export function invalidType(name: string, message: string): TypeError {
  return new TypeError(`${name}: ${message}`);
}

/**
 * A `RangeError` for a number out of range, its message prefixed with the public name.
 *
 * @example
 * ```ts
 * throw outOfRange("FileResponse", `chunkSize ${describe(0)} is not an integer from 1 to 16777216`);
 * ```
 */
export function outOfRange(name: string, message: string): RangeError {
  return new RangeError(`${name}: ${message}`);
}

/**
 * The error for `value`, given as the option `label`, when it is not the number `expected`
 * describes: a `RangeError` for a number out of range, a `TypeError` for anything else.
 *
 * @example
 * ```ts
 * throw badNumber("parseRange", "size", "10", "a non-negative safe integer"); // TypeError
 * throw badNumber("parseRange", "size", -1, "a non-negative safe integer"); // RangeError
 * ```
 */
export function badNumber(name: string, label: string, value: unknown, expected: string): TypeError | RangeError {
  const message = `${label} ${describe(value)} is not ${expected}`;
  return typeof value === "number" ? outOfRange(name, message) : invalidType(name, message);
}
