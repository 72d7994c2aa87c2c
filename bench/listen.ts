/**
 * What every bench server started by bench/wrk.mjs shares: the runtime's own server
 * (`Deno.serve` or `Bun.serve`) on an OS-chosen port of 127.0.0.1, announced on stdout as
 * `listening <port>` for the driver to read, and the arguments the server was started with.
 *
 * @example
 * ```ts
 * import { args, listen } from "./listen.ts";
 * listen(() => new Response(args[0]));
 * ```
 */

/** A request handler, as `Deno.serve` and `Bun.serve` take it. */
export type Handler = (request: Request) => Response | Promise<Response>;

interface Runtimes {
  Deno?: {
    args: string[];
    serve(
      options: { port: number; hostname: string; onListen(addr: { port: number }): void },
      handler: Handler,
    ): unknown;
  };
  Bun?: {
    argv: string[];
    serve(options: { port: number; hostname: string; fetch: Handler; idleTimeout?: number }): { port: number };
  };
}

const g = globalThis as unknown as Runtimes;

/**
 * The arguments after the script's path.
 *
 * @example
 * ```ts
 * const mode = args[0]; // "native" for `bun bench/serve.ts native`
 * ```
 */
export const args: string[] = g.Deno?.args ?? g.Bun?.argv.slice(2) ?? [];

/**
 * Serves `handler` on 127.0.0.1 at a port the OS picks and prints `listening <port>` once it
 * accepts connections. `idleTimeout` (seconds, 0 for none) reaches Bun only, whose default
 * closes a connection idle for 10 s; Deno keeps idle connections open.
 *
 * @example
 * ```ts
 * listen(() => new Response("ok"), { idleTimeout: 0 });
 * ```
 */
export function listen(handler: Handler, options: { idleTimeout?: number } = {}): void {
  if (g.Deno) {
    g.Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: ({ port }) => console.log(`listening ${port}`) }, handler);
  } else if (g.Bun) {
    console.log(`listening ${g.Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler, ...options }).port}`);
  } else {
    throw new Error("bench servers run under Deno or Bun");
  }
}
