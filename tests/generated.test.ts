import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CLASSES_FILE, classesSource } from "../scripts/gen-classes.mjs";
import { STATUS_CODE, STATUS_TEXT } from "../src/status.ts";

test("src/classes.ts is what scripts/gen-classes.mjs makes of the status table (run `npm run gen`)", () => {
  assert.equal(readFileSync(CLASSES_FILE, "utf8"), classesSource(STATUS_CODE, STATUS_TEXT));
});
