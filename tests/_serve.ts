/**
 * Test helper: a real HTTP server on 127.0.0.1 with an OS-chosen port, on whichever runtime
 * runs the suite (Deno.serve, Bun.serve, or on Node `@hono/node-server` with its default
 * options, as a Node user would run it).
 */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { bun, deno, type ServeHandler } from "./_runtime.ts";

// The runtime running the suite, for the tests that import it from here.
export { runtime } from "./_runtime.ts";

/** A handler as the servers take it. */
export type TestHandler = ServeHandler;

/** A running test server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

/** Starts `handler` on a real server and returns its URL and a way to stop it. */
export async function serve(handler: TestHandler): Promise<TestServer> {
  if (deno) {
    const server = deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, handler);
    return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
  }
  if (bun) {
    const server = bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler });
    return { url: `http://127.0.0.1:${server.port}`, close: async () => void (await server.stop(true)) };
  }
  const { serve: nodeServe } = await import("@hono/node-server");
  const server = nodeServe({ fetch: handler, port: 0, hostname: "127.0.0.1" }) as Server;
  if (!server.listening) {
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
  }
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Serves `handler`, runs `body` with the server's URL, and always stops the server. */
export async function withServer<T>(handler: TestHandler, body: (url: string) => Promise<T>): Promise<T> {
  const server = await serve(handler);
  try {
    return await body(server.url);
  } finally {
    await server.close();
  }
}

/** Serves `response()` once and fetches it: what a client really receives. */
export async function roundTrip(response: () => Response, init?: RequestInit & { path?: string }) {
  return await withServer(response, async (url) => {
    const res = await fetch(url + (init?.path ?? "/"), { redirect: "manual", ...init });
    const body = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body, text: new TextDecoder().decode(body) };
  });
}
