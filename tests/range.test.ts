import { test } from "node:test";
import assert from "node:assert/strict";
import { parseRange } from "../mod.ts";
import { multipartByteranges } from "../src/range.ts";

const r = (start: number, end: number) => ({ start, end });

test("parseRange: single ranges, inclusive and clamped", async (t) => {
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
  for (const [header, expected] of cases) {
    await t.test(header, () => assert.deepEqual(parseRange(header, 1000), expected));
  }
});

test("parseRange: several ranges are coalesced when they overlap or touch, in the order asked", async (t) => {
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
  for (const [header, expected] of cases) {
    await t.test(header, () => assert.deepEqual(parseRange(header, 1000), expected));
  }
});

test("parseRange: nothing satisfiable is [] (416)", async (t) => {
  const cases: [string, number][] = [
    ["bytes=1000-", 1000],
    ["bytes=1000-2000", 1000],
    ["bytes=-0", 1000],
    ["bytes=5000-,-0", 1000],
    ["bytes=99999999999999999999-", 1000],
    ["bytes=0-", 0],
    ["bytes=0-0", 0],
  ];
  for (const [header, size] of cases) {
    await t.test(`${header} of ${size} bytes`, () => assert.deepEqual(parseRange(header, size), []));
  }
});

test("parseRange: malformed headers, other units and no header are undefined (ignore, 200)", async (t) => {
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
  for (const header of [...malformed, null, undefined]) {
    await t.test(JSON.stringify(header) ?? "undefined", () => assert.equal(parseRange(header, 1000), undefined));
  }
});

test("parseRange: an empty representation asked for a suffix is undefined: no 206 can describe no bytes", () => {
  assert.equal(parseRange("bytes=-5", 0), undefined);
});

const specs = (n: number) => Array.from({ length: n }, (_, i) => `${i * 2}-${i * 2}`).join(",");

test("parseRange: 100 ranges are kept", () => {
  const hundred = parseRange(`bytes=${specs(100)}`, 1000);
  assert.equal(hundred?.length, 100);
  assert.deepEqual(hundred?.[99], r(198, 198));
});

test("parseRange: more than 100 range-specs are ignored, unsatisfiable and duplicate ones too", async (t) => {
  // It is the header's size that is limited.
  for (
    const [name, header] of [["distinct", specs(101)], ["unsatisfiable", "5000-5001,".repeat(101)], [
      "duplicate",
      "0-0,".repeat(101),
    ]]
  ) {
    await t.test(name!, () => assert.equal(parseRange(`bytes=${header}`, 1000), undefined));
  }
});

test("parseRange: 100 duplicate range-specs are kept, coalesced", () => {
  assert.deepEqual(parseRange(`bytes=${"0-0,".repeat(100)}`, 1000), [r(0, 0)]);
});

test("parseRange: size must be a non-negative safe integer", async (t) => {
  for (const size of [-1, 1.5, NaN, Infinity, 2 ** 53]) {
    await t.test(String(size), () => {
      assert.throws(() => parseRange("bytes=0-1", size), {
        name: "RangeError",
        message: `parseRange: size ${size} is not a non-negative safe integer`,
      });
    });
  }
});

test("multipartByteranges: the exact layout and length of RFC 9110 §14.6", () => {
  const layout = multipartByteranges([r(0, 1), r(5, 9)], 10, "text/plain; charset=utf-8", "BOUNDARY");
  assert.equal(layout.type, "multipart/byteranges; boundary=BOUNDARY");
  const text = layout.segments.map((s) =>
    s instanceof Uint8Array ? new TextDecoder().decode(s) : `<${s.start}-${s.end}>`
  )
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
