/**
 * Test helper: the one place where the suite asks which runtime runs it (Deno, Bun, or Node
 * running the compiled build), and the runtime globals the tests use, typed. A test that behaves
 * differently on one runtime imports what it needs from here instead of looking at `globalThis`.
 */

/** A request handler as the runtimes' servers take it. */
export type ServeHandler = (request: Request) => Response | Promise<Response>;

/** The part of `Deno` the tests use. */
export interface DenoGlobal {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: ServeHandler,
  ): { addr: { port: number }; shutdown(): Promise<void> };
}

/** The part of `Bun` the tests use. */
export interface BunGlobal {
  serve(options: {
    port: number;
    hostname: string;
    fetch: ServeHandler;
    idleTimeout?: number;
    error?: (error: Error) => Response;
  }): { port: number; stop(force?: boolean): Promise<void> | void };
}

const g = globalThis as unknown as { Deno?: DenoGlobal; Bun?: BunGlobal };

/** `Deno`, when the suite runs under Deno. */
export const deno: DenoGlobal | undefined = g.Deno;
/** `Bun`, when the suite runs under Bun. */
export const bun: BunGlobal | undefined = g.Bun;

/** The runtime running the suite. */
export const runtime: "deno" | "bun" | "node" = deno ? "deno" : bun ? "bun" : "node";
/** True under Deno. */
export const onDeno: boolean = runtime === "deno";
/** True under Bun. */
export const onBun: boolean = runtime === "bun";
/** True under Node (which runs the build compiled to JavaScript). */
export const onNode: boolean = runtime === "node";

/** The test options that run a test on `only` alone and say why it is skipped elsewhere. */
export function onlyOn(only: typeof runtime, why: string): { skip: string | false } {
  return { skip: runtime === only ? false : `${only} only: ${why}` };
}

/**
 * The library entry point as the running suite imports it, as a URL (a function: a suite bundled
 * for workerd has no `import.meta.url` to resolve it against): `mod.ts` on Deno and Bun,
 * the compiled `mod.js` on Node.
 */
export function entryModule(): string {
  return new URL(onNode ? "../mod.js" : "../mod.ts", import.meta.url).href;
}

/** The arguments that make this runtime's executable (`process.execPath`) run `code` as an ES module. */
export function evalArgs(code: string): string[] {
  if (onDeno) return ["eval", code];
  if (onBun) return ["-e", code];
  return ["--input-type=module", "-e", code];
}
