/**
 * `@hono/node-server`'s `serve()` for the suite inside workerd, where a worker cannot listen on
 * a port of its own: tests/_serve.ts takes its Node branch there (no `Deno`, no `Bun`), and
 * scripts/workerd.mjs bundles this module in place of that import. The "server" is the worker
 * itself, on the port workerd listens on: tests/workerd/entry.ts hands every request that is not
 * the runner's to the open server's handler. A test's `fetch(url)` therefore leaves the worker,
 * goes through workerd's HTTP server and comes back in as a new request: the response crosses
 * the wire as a deployed worker's does. One server is open at a time (the shim runs tests one
 * after another); a second one is refused rather than served by the wrong handler.
 *
 * @module
 */

type Handler = (request: Request) => Response | Promise<Response>;

let open: Handler | undefined;
let port = 0;

/** Records the port workerd listens on (from the runner's request). */
export function setPort(value: number): void {
  port = value;
}

/** The open server's response to `request`. */
export function route(request: Request): Response | Promise<Response> {
  if (!open) return new Response("no test server is open", { status: 503 });
  return open(request);
}

/** What tests/_serve.ts uses of a Node `Server`. */
interface ServerLike {
  listening: boolean;
  address(): { port: number };
  close(callback: (error?: Error) => void): void;
  closeAllConnections(): void;
}

/** Makes `options.fetch` the worker's handler until `close()`. */
export function serve(options: { fetch: Handler }): ServerLike {
  if (open) throw new Error("tests/workerd: a second test server while one is open");
  const handler = options.fetch;
  open = handler;
  return {
    listening: true,
    address: () => ({ port }),
    close(callback) {
      if (open === handler) open = undefined;
      callback();
    },
    closeAllConnections() {},
  };
}
