/**
 * Type-level checks for the Hono adapter, compiled by `tsc -p .` and `deno check` (npm test's
 * type steps): a JSON status class returned by a handler must give Hono's `hc` client the body
 * type and the status. If the inference breaks, this file stops compiling.
 */
import { Hono } from "hono";
import { hc, type InferResponseType } from "hono/client";
import {
  errorHandler,
  HttpResponseOK,
  JsonResponseCreated,
  JsonResponseNotFound,
  JsonResponseOK,
  responses,
} from "../src/hono.ts";

/** True when `X` and `Y` are the same type (`any` equals nothing but `any`). */
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends (<T>() => T extends Y ? 1 : 2) ? true : false;
/** Compiles only when `T` is `true`. */
type Expect<T extends true> = T;

interface User {
  id: number;
  name: string;
}

const app = new Hono()
  .use(responses())
  .onError(errorHandler)
  .get("/explicit", () => new JsonResponseOK<{ id: number }>({ id: 1 }))
  .get("/inferred", () => new JsonResponseOK({ id: 1, tags: ["a"] }))
  // deno-lint-ignore require-await -- the type of an async handler's response is what is checked
  .get("/async", async () => new JsonResponseOK<User>({ id: 1, name: "Ada" }))
  .get("/users/:id", (c) => {
    if (c.req.param("id") === "0") return new JsonResponseNotFound({ error: "no such user" });
    return new JsonResponseOK<User>({ id: 1, name: "Ada" });
  })
  .post("/users", () => new JsonResponseCreated<User>({ id: 2, name: "Grace" }))
  .get("/mixed", (c) => c.req.query("new") ? new JsonResponseOK({ fresh: true }) : c.json({ legacy: true }, 200))
  .get("/html", () => new HttpResponseOK("<p>hi</p>"));

const dev = new Hono().onError(
  errorHandler({ debug: true, onError: (error, request) => console.warn(error, request.url) }),
);
void dev;

const client = hc<typeof app>("http://localhost");

export type Checks = [
  Expect<Equal<InferResponseType<typeof client.explicit.$get>, { id: number }>>,
  Expect<Equal<InferResponseType<typeof client.inferred.$get>, { id: number; tags: string[] }>>,
  Expect<Equal<InferResponseType<typeof client.async.$get>, { id: number; name: string }>>,
  Expect<Equal<InferResponseType<typeof client.users[":id"]["$get"], 200>, { id: number; name: string }>>,
  Expect<Equal<InferResponseType<typeof client.users[":id"]["$get"], 404>, { error: string }>>,
  Expect<Equal<InferResponseType<typeof client.users.$post, 201>, { id: number; name: string }>>,
  Expect<Equal<InferResponseType<typeof client.mixed.$get>, { fresh: boolean } | { legacy: true }>>,
];

/** The client's `json()` is typed with the body and its status narrows the union. */
export async function typedClient(): Promise<number> {
  const res = await client.users[":id"].$get({ param: { id: "1" } });
  if (res.status === 404) {
    const body = await res.json();
    return body.error.length;
  }
  const user = await res.json();
  return user.id;
}

// @ts-expect-error: the inferred body is exactly { id: number }, not any and not something else
export type Guard = Expect<Equal<InferResponseType<typeof client.explicit.$get>, { id: string }>>;
