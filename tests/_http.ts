/**
 * Test helper: a raw HTTP/1.1 client on `node:net`, for what `fetch` hides — request-targets it
 * would normalize (`..`), header fields it would merge or drop (two `Date`s), and bodies it
 * would decode (`Content-Encoding`).
 */

import { connect } from "node:net";

/** A response as it came over the wire. */
export interface RawResponse {
  status: number;
  /** Every header field in order, names in lower case. */
  fields: [string, string][];
  /** The body, de-chunked but not decoded. */
  body: Uint8Array;
  /** The value of the one field `name`; `null` when absent; throws when it appears more than once. */
  header(name: string): string | null;
  /** How many times the field `name` appears. */
  count(name: string): number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function indexOf(bytes: Uint8Array, text: string, from = 0): number {
  const needle = new TextEncoder().encode(text);
  outer: for (let i = from; i <= bytes.byteLength - needle.byteLength; i++) {
    for (let j = 0; j < needle.byteLength; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The body of a chunked message. */
function dechunk(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (;;) {
    const eol = indexOf(bytes, "\r\n", at);
    if (eol === -1) throw new Error("truncated chunked body");
    const size = parseInt(new TextDecoder().decode(bytes.subarray(at, eol)), 16);
    if (size === 0) return concat(parts);
    parts.push(bytes.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/**
 * Sends one request to `url`'s host with the request-target exactly as given, and reads the
 * response to the end (`Connection: close`).
 */
export function rawRequest(
  url: string,
  target: string,
  { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${hostname}:${port}`, "Connection: close"];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(lines.join("\r\n") + "\r\n\r\n"));
    const chunks: Uint8Array[] = [];
    socket.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      try {
        resolve(parse(concat(chunks), method === "HEAD"));
      } catch (error) {
        reject(error);
      }
    });
  });
}

function parse(bytes: Uint8Array, head: boolean): RawResponse {
  const end = indexOf(bytes, "\r\n\r\n");
  if (end === -1) throw new Error("no complete response head");
  const [statusLine = "", ...lines] = new TextDecoder("latin1").decode(bytes.subarray(0, end)).split("\r\n");
  const fields = lines.map((line): [string, string] => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
  });
  const rest = bytes.subarray(end + 4);
  const chunked = fields.some(([n, v]) => n === "transfer-encoding" && /chunked/i.test(v));
  const body = head || rest.byteLength === 0 ? rest : chunked ? dechunk(rest) : rest;
  const count = (name: string) => fields.filter(([n]) => n === name).length;
  return {
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
    fields,
    body,
    count,
    header(name) {
      const values = fields.filter(([n]) => n === name).map(([, v]) => v);
      if (values.length > 1) throw new Error(`${name} appears ${values.length} times: ${values.join(" | ")}`);
      return values[0] ?? null;
    },
  };
}
