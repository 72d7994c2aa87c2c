/**
 * JSON responses: Django's `JsonResponse` (safe by default) and Starlette's `JSONResponse`.
 *
 * @module
 */

import { describe, invalidType } from "./invalid.ts";
import { DEFAULTS, HttpResponse, type HttpResponseInit, type ResponseDefaults } from "./response.ts";

/** Options shared by every JSON response class. */
export interface JsonInit extends HttpResponseInit {
  /** Passed to `JSON.stringify`. */
  replacer?: ((this: unknown, key: string, value: unknown) => unknown) | (string | number)[] | null;
  /** Passed to `JSON.stringify`; output is compact when absent. */
  space?: string | number;
}

/** Options of Django's {@link JsonResponse}. */
export interface DjangoJsonInit extends JsonInit {
  /** When true (the default), only a plain object may be the top-level value. */
  safe?: boolean;
}

/**
 * Encodes `data` as JSON text, turning every way `JSON.stringify` can fail (a BigInt, a cycle,
 * a top-level `undefined`, function or symbol) into a `TypeError`, at construction time, that
 * names the class the caller constructed (`cls.name`).
 */
export function encodeJson(data: unknown, init: JsonInit, cls: { readonly name: string }): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(data, init.replacer as Parameters<typeof JSON.stringify>[1], init.space);
  } catch (error) {
    const why = unencodable(data, "data", []) ?? (error as Error).message;
    const failure = invalidType(cls.name, `data cannot be encoded as JSON: ${why}`);
    throw Object.defineProperty(failure, "cause", { value: error, writable: true, configurable: true });
  }
  if (text === undefined) {
    throw invalidType(
      cls.name,
      `data cannot be encoded as JSON: the top-level value ${describe(data)} has no JSON form`,
    );
  }
  return text;
}

// Names what JSON.stringify choked on, in words that are the same on every engine.
function unencodable(value: unknown, path: string, ancestors: object[]): string | undefined {
  if (typeof value === "bigint") return `${path} is a BigInt`;
  if (value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return undefined;
  }
  if (ancestors.includes(value)) return `${path} is a circular reference`;
  ancestors.push(value);
  for (const [key, item] of Object.entries(value)) {
    const why = unencodable(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, ancestors);
    if (why) return why;
  }
  ancestors.pop();
  return undefined;
}

/** The defaults of every JSON response class. */
export const JSON_DEFAULTS: ResponseDefaults = { contentType: "application/json" };

function isPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A JSON response, Starlette-style: any JSON value, compact, `application/json`.
 *
 * @example
 * ```ts
 * import { JSONResponse } from "allresponses";
 * Bun.serve({ fetch: () => new JSONResponse([1, 2, 3], { status: 201 }) });
 * ```
 */
export class JSONResponse extends HttpResponse {
  /** @internal */
  static readonly [DEFAULTS]: ResponseDefaults = JSON_DEFAULTS;

  /**
   * Creates an `application/json` response from `data`.
   *
   * @param data Any value `JSON.stringify` can encode.
   * @param init Status, headers, and `replacer`/`space` for `JSON.stringify`.
   * @throws {TypeError} when `data` cannot be encoded.
   */
  constructor(data: unknown, init: JsonInit = {}) {
    super(encodeJson(data, init, new.target), init);
  }
}

/**
 * A JSON response, Django-style: with `safe` (the default) the top-level value must be a plain
 * object, which keeps arrays and primitives out of places that expect an object.
 *
 * @example
 * ```ts
 * import { JsonResponse } from "allresponses";
 * Deno.serve(() => new JsonResponse({ ok: true }));
 * new JsonResponse([1, 2], { safe: false });
 * ```
 */
export class JsonResponse extends HttpResponse {
  /** @internal */
  static readonly [DEFAULTS]: ResponseDefaults = JSON_DEFAULTS;

  /**
   * Creates an `application/json` response from `data`.
   *
   * @param data A plain object, or with `safe: false` any value `JSON.stringify` can encode.
   * @param init Status, headers, `safe`, and `replacer`/`space` for `JSON.stringify`.
   * @throws {TypeError} when `data` is not a plain object under `safe`, or cannot be encoded.
   */
  constructor(data: unknown, init: DjangoJsonInit = {}) {
    if (init.safe !== false && !isPlainObject(data)) {
      throw invalidType(
        new.target.name,
        `with safe (the default) only a plain object can be the top-level value, not ${
          describe(data)
        }; pass { safe: false } for others`,
      );
    }
    super(encodeJson(data, init, new.target), init);
  }
}
