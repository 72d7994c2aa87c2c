import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRange } from "../mod.ts";
import { multipartByteranges } from "../src/range.ts";

const r = (start: number, end: number) => ({ start, end });

test("parseRange: single ranges, inclusive and clamped", () => {
  const cases: [string, { start: number; end: number }[]][] = [
    ["bytes=0-0", [r(0, 0)]],
    ["bytes=0-499", [r(0, 499)]],
    ["bytes=500-999", [r(500, 999)]],
    ["bytes=500-", [r(500, 999)]],
    ["bytes=900-5000", [r(900, 999)]],
    ["bytes=0-99999999999999999999999", [r(0, 999)]],
    ["bytes=-1", [r(999, 999)]],
    ["bytes=-100", [r(900, 999)]],
    ["bytes=-1000", [r(0, 999)]],
    ["bytes=-5000", [r(0, 999)]],
    ["bytes=0-", [r(0, 999)]],
    ["bytes=007-010", [r(7, 10)]],
    ["BYTES=1-2", [r(1, 2)]],
    ["Bytes=1-2", [r(1, 2)]],
    ["bytes= 1-2 ", [r(1, 2)]],
    ["bytes=1-2,", [r(1, 2)]],
    ["bytes=,1-2", [r(1, 2)]],
    ["bytes=1-2, 5000-", [r(1, 2)]],
    ["bytes=-0, 3-4", [r(3, 4)]],
  ];
  for (const [header, expected] of cases) assert.deepEqual(parseRange(header, 1000), expected, header);
});

test("parseRange: several ranges are coalesced when they overlap or touch, in the order asked", () => {
  const cases: [string, { start: number; end: number }[]][] = [
    ["bytes=0-4,5-9", [r(0, 9)]],
    ["bytes=0-9,5-19", [r(0, 19)]],
    ["bytes=0-9, 5-19, 500-", [r(0, 19), r(500, 999)]],
    ["bytes=500-509,0-4,-3", [r(500, 509), r(0, 4), r(997, 999)]],
    ["bytes=10-20,0-5,15-30", [r(10, 30), r(0, 5)]],
    ["bytes=0-0,2-2,1-1", [r(0, 2)]],
    ["bytes=-10,0-", [r(0, 999)]],
    ["bytes=100-200,0-50,150-160", [r(100, 200), r(0, 50)]],
    ["bytes=0-1,0-1,0-1", [r(0, 1)]],
    ["bytes=5-6,0-1", [r(5, 6), r(0, 1)]],
  ];
  for (const [header, expected] of cases) assert.deepEqual(parseRange(header, 1000), expected, header);
});

test("parseRange: nothing satisfiable is [] (416)", () => {
  for (const header of ["bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=5000-,-0", "bytes=99999999999999999999-"]) {
    assert.deepEqual(parseRange(header, 1000), [], header);
  }
  assert.deepEqual(parseRange("bytes=0-", 0), []);
  assert.deepEqual(parseRange("bytes=0-0", 0), []);
});

test("parseRange: malformed headers, other units and no header are undefined (ignore, 200)", () => {
  const malformed = [
    "",
    "bytes",
    "bytes=",
    "bytes=,",
    "bytes= ",
    "bytes=-",
    "bytes=--1",
    "bytes=1",
    "bytes=a-b",
    "bytes=1-a",
    "bytes=5-1",
    "bytes=0-1-2",
    "bytes=0x1-2",
    "bytes=+1-2",
    "bytes=1.5-2",
    "bytes=1 -2",
    "bytes=1- 2",
    "bytes=0-1;2-3",
    "bytes=0-1,x",
    "bytes 0-1",
    "bytes:0-1",
    "bytes =0-1",
    " bytes=0-1x",
    "bytesx=0-1",
    "=0-1",
    "items=0-1",
    "lines=1-2",
    "none",
    "bytes=0-1,5-1",
    "bytes=0-1\n",
  ];
  for (const header of malformed) assert.equal(parseRange(header, 1000), undefined, JSON.stringify(header));
  assert.equal(parseRange(null, 1000), undefined);
  assert.equal(parseRange(undefined, 1000), undefined);
  // An empty file asked for a suffix: its only bytes are none, which no 206 can describe.
  assert.equal(parseRange("bytes=-5", 0), undefined);
});

test("parseRange: more than 100 ranges are ignored; 100 are kept", () => {
  const specs = (n: number) => Array.from({ length: n }, (_, i) => `${i * 2}-${i * 2}`).join(",");
  const hundred = parseRange(`bytes=${specs(100)}`, 1000);
  assert.equal(hundred?.length, 100);
  assert.deepEqual(hundred?.[99], r(198, 198));
  assert.equal(parseRange(`bytes=${specs(101)}`, 1000), undefined);
  // Unsatisfiable and duplicate ranges count too: it is the header's size that is limited.
  assert.equal(parseRange(`bytes=${"5000-5001,".repeat(101)}`, 1000), undefined);
  assert.equal(parseRange(`bytes=${"0-0,".repeat(101)}`, 1000), undefined);
  assert.deepEqual(parseRange(`bytes=${"0-0,".repeat(100)}`, 1000), [r(0, 0)]);
});

test("parseRange: the cost is linear in the header's length (100 000 characters in a few ms)", () => {
  const n = 100_000;
  const headers = [
    `bytes=${"0-0,".repeat(n / 4)}`,
    `bytes=${",".repeat(n)}0-1`,
    `bytes=${" ".repeat(n)}0-1`,
    `bytes=${"1".repeat(n)}-`,
    `bytes=0-${"9".repeat(n)}`,
    `bytes=-${"9".repeat(n)}`,
    `bytes=0-1${" ".repeat(n)}x`,
    `bytes=${", ".repeat(n / 2)}`,
    `bytes=${"1-0".repeat(n / 3)}`,
    `${"x".repeat(n)}=0-1`,
    `bytes=${"0-1, ".repeat(99)}${" ".repeat(n)}`,
  ];
  for (const header of headers) {
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      parseRange(header, 1_000_000);
      best = Math.min(best, performance.now() - t0);
    }
    assert.ok(best < 5, `${header.slice(0, 20)}…: ${best.toFixed(2)} ms`);
  }
});

test("parseRange: size must be a non-negative safe integer", () => {
  for (const size of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
    assert.throws(() => parseRange("bytes=0-1", size), RangeError, String(size));
  }
});

test("multipartByteranges: the exact layout and length of RFC 9110 §14.6", () => {
  const layout = multipartByteranges([r(0, 1), r(5, 9)], 10, "text/plain; charset=utf-8", "BOUNDARY");
  assert.equal(layout.type, "multipart/byteranges; boundary=BOUNDARY");
  const text = layout.segments.map((s) => s instanceof Uint8Array ? new TextDecoder().decode(s) : `<${s.start}-${s.end}>`)
    .join("");
  assert.equal(
    text,
    "--BOUNDARY\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 0-1/10\r\n\r\n<0-1>" +
      "\r\n--BOUNDARY\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes 5-9/10\r\n\r\n<5-9>" +
      "\r\n--BOUNDARY--\r\n",
  );
  const literal = layout.segments.reduce((n, s) => n + (s instanceof Uint8Array ? s.byteLength : 0), 0);
  assert.equal(layout.length, literal + 2 + 5);
});
