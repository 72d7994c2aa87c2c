// Runs in the fresh project once hono and @hono/node-server are installed too: serves the
// packed allresponses on a real server (Bun.serve, or @hono/node-server on Node) and fetches
// from it. `serve.mjs plain` serves a handle()-wrapped fetch handler; `serve.mjs hono` a Hono
// app through allresponses/hono's responses() and errorHandler.
import assert from "node:assert/strict";
import * as core from "allresponses";

async function handlerFor(kind) {
  if (kind === "plain") {
    return core.handle((request) => {
      if (new URL(request.url).pathname === "/") {
        return new core.JsonResponseOK({ ok: true }, { headers: { "x-smoke": "kept" } });
      }
      throw new core.Http404("no such page");
    });
  }
  const { Hono } = await import("hono");
  const adapter = await import("allresponses/hono");
  for (const [name, value] of Object.entries(core)) {
    assert.equal(adapter[name], value, `allresponses/hono re-exports ${name}`);
  }
  const app = new Hono();
  app.use(adapter.responses());
  app.onError(adapter.errorHandler);
  app.get("/", (c) => {
    c.header("x-smoke", "kept");
    return new adapter.JsonResponseOK({ ok: true });
  });
  app.get("/missing", () => {
    throw new adapter.Http404("no such page");
  });
  return app.fetch;
}

async function listen(fetch) {
  if (globalThis.Bun) {
    const server = globalThis.Bun.serve({ port: 0, hostname: "127.0.0.1", fetch });
    return { url: `http://127.0.0.1:${server.port}`, close: async () => void (await server.stop(true)) };
  }
  const { serve } = await import("@hono/node-server");
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  if (!server.listening) {
    await new Promise((resolve, reject) => server.once("listening", resolve).once("error", reject));
  }
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const kind = process.argv[2];
assert.ok(kind === "plain" || kind === "hono", "usage: serve.mjs plain|hono");
const server = await listen(await handlerFor(kind));
try {
  const res = await fetch(`${server.url}/`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.equal(res.headers.get("x-smoke"), "kept");
  assert.deepEqual(await res.json(), { ok: true });

  const missing = await fetch(`${server.url}/missing`, { headers: { accept: "application/json" } });
  assert.equal(missing.status, 404);
  await missing.arrayBuffer();
} finally {
  await server.close();
}
console.log(
  `${kind === "hono" ? "a Hono app with allresponses/hono" : "handle()"} served on ${
    globalThis.Bun ? "Bun.serve" : "@hono/node-server"
  }`,
);
