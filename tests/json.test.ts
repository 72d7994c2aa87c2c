import { test } from "node:test";
import assert from "node:assert/strict";
import { JSONResponse, JsonResponse, JsonResponseCreated, JsonResponseOK } from "../mod.ts";
import { roundTrip } from "./_serve.ts";

test("JsonResponse (Django): a plain object by default, compact application/json", async () => {
  const res = new JsonResponse({ a: [1, 2], b: "é" });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.equal(res.headers.get("content-length"), "20");
  assert.equal(await res.text(), '{"a":[1,2],"b":"é"}');
  assert.equal(await new JsonResponse(Object.create(null)).text(), "{}");
});

test("JsonResponse (Django): safe refuses anything but a plain object", async (t) => {
  for (const data of [[1, 2], "x", 1, null, true, new Date(0), new Map()]) {
    await t.test(String(data), () => {
      assert.throws(() => new JsonResponse(data), {
        name: "TypeError",
        message:
          /^JsonResponse: with safe \(the default\) only a plain object can be the top-level value, not .*; pass \{ safe: false \}/,
      });
    });
  }
  assert.equal(new JsonResponse([1, 2], { safe: false }).headers.get("content-length"), "5");
});

test("JSONResponse (Starlette) and JsonResponse<Name> take any JSON value", async (t) => {
  for (const data of [[1], "s", 0, null, false, { x: 1 }]) {
    await t.test(JSON.stringify(data), async () => {
      assert.equal(await new JSONResponse(data).text(), JSON.stringify(data));
      assert.equal(await new JsonResponseOK(data).text(), JSON.stringify(data));
    });
  }
  assert.equal(new JSONResponse({}, { status: 202 }).status, 202);
});

test("JSON: values JSON.stringify cannot encode are TypeErrors at construction, named the same on every runtime", async (t) => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const cases: [unknown, RegExp][] = [
    [{ n: 1n }, /data cannot be encoded as JSON: data\.n is a BigInt$/],
    [[0, [1n]], /data\[1\]\[0\] is a BigInt$/],
    [cyclic, /data\.self is a circular reference$/],
    [undefined, /^JSONResponse: data cannot be encoded as JSON: the top-level value undefined has no JSON form$/],
    [() => 1, /the top-level value a function has no JSON form$/],
    [Symbol("s"), /the top-level value Symbol\(s\) has no JSON form$/],
  ];
  for (const [data, message] of cases) {
    await t.test(String(message), () => {
      assert.throws(() => new JSONResponse(data), { name: "TypeError", message });
      assert.throws(() => new JsonResponseOK(data), { name: "TypeError", message: /^JsonResponseOK: / });
    });
  }
  assert.throws(() => new JsonResponse({ n: 1n }), { name: "TypeError", message: /^JsonResponse: .*BigInt/ });
});

test("JSON: replacer and space pass through; contentType overrides", async () => {
  const res = new JSONResponse({ a: 1, b: 2 }, { replacer: ["a"], space: 2 });
  assert.equal(await res.text(), '{\n  "a": 1\n}');
  const fn = new JsonResponseOK({ a: 1, b: 2 }, { replacer: (k, v) => (k === "b" ? undefined : v) });
  assert.equal(await fn.text(), '{"a":1}');
  const ld = new JSONResponse({}, { contentType: "application/ld+json" });
  assert.equal(ld.headers.get("content-type"), "application/ld+json");
});

test("JSON: typed classes carry the data type (compile-time) and the status", () => {
  const res = new JsonResponseCreated<{ id: number }>({ id: 7 });
  const status: 201 = res.status;
  assert.equal(status, 201);
});

test("JSON through a real server: exact bytes and headers", async () => {
  const r = await roundTrip(() => new JsonResponse({ emoji: "🎉", quote: '"', nl: "\n" }));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("content-type"), "application/json");
  assert.equal(r.headers.get("content-length"), String(r.body.length));
  assert.equal(r.text, '{"emoji":"🎉","quote":"\\"","nl":"\\n"}');
});
