// Type-checked like consumer.ts, when the package has allresponses/hono: an app built with the
// adapter, and Hono's hc client inferring a JsonResponseOK's body.
import { Hono } from "hono";
import { hc } from "hono/client";
import { errorHandler, JsonResponseOK, responses } from "allresponses/hono";

const app = new Hono().use(responses()).get("/", () => new JsonResponseOK({ ok: true }));
app.onError(errorHandler);

export async function read(): Promise<boolean> {
  const res = await hc<typeof app>("http://127.0.0.1").index.$get();
  const body = await res.json();
  // @ts-expect-error body.ok is a boolean; an untyped (any) body would let this line through
  const _notText: string = body.ok;
  return body.ok;
}
