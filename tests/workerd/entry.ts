/**
 * The worker that runs one bundled test file inside workerd (scripts/workerd.mjs bundles it
 * with the file): a request carrying the `x-workerd-runner` header runs the file's tests (its
 * JSON body: the {@link Marks} for them) and answers their results as JSON; every other request is one the tests sent to their own test
 * server (tests/workerd/node_server.ts).
 *
 * @module
 */

import { route, setPort } from "./node_server.ts";
import { type Marks, runRegistered } from "./node_test_shim.ts";

export default {
  async fetch(request: Request): Promise<Response> {
    if (!request.headers.has("x-workerd-runner")) return await route(request);
    setPort(Number(new URL(request.url).port));
    return Response.json(await runRegistered(await request.json() as Marks));
  },
};
