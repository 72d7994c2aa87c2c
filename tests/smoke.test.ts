import { test } from "node:test";
import assert from "node:assert/strict";
import { HttpResponseOK } from "../mod.ts";
import { roundTrip, runtime } from "./_serve.ts";

test(`smoke on ${runtime}`, async () => {
  const r = await roundTrip(() => new HttpResponseOK("hi"));
  assert.equal(r.status, 200);
  assert.equal(r.text, "hi");
});
