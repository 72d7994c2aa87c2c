// Type-checked in the fresh project (strict, NodeNext, the DOM library and no runtime's types,
// skipLibCheck off): the published .d.ts resolve through package.json "exports" on their own
// and type what a user writes.
import { type HttpResponseInit, HttpResponseNotFound, JsonResponseOK, STATUS_CODE } from "allresponses";

const init: HttpResponseInit = { headers: { "x-smoke": "1" } };
const ok = new JsonResponseOK({ ok: true }, init);
export const status: 200 = ok.status;
export const notFound: 404 = STATUS_CODE.NotFound;
export const response: Response = new HttpResponseNotFound("gone");
// @ts-expect-error a JsonResponseOK's status is 200
export const wrong: 201 = ok.status;
