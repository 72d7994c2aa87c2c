// Types of bench/wrk.mjs, for the benchmarks written in TypeScript.

/** The settings of a run, each overridden by BENCH_ROUNDS, BENCH_WARMUP, BENCH_SECONDS, BENCH_CONNECTIONS. */
export function wrkOptions(
  defaults: { rounds: number; warmup: number; seconds: number; connections: number },
): { rounds: number; warmup: number; seconds: number; connections: number };

/** Deno.serve, Bun.serve and Hono on each, less those that BENCH_TARGETS leaves out. */
export function serverTargets(): { runtime: string; mode: string; server: string }[];

/** Installs wrk with apt-get when it is missing. */
export function ensureWrk(): void;

/** The command line that runs `script` with `args` under `runtime` (Deno with `denoFlags` too). */
export function runtimeCommand(
  runtime: string,
  script: string,
  args: string[],
  denoFlags?: string[],
): [string, string[]];

/** A URL, and the pid of the server process behind it. */
export interface Side {
  url: string;
  pid: number;
}

/** A bench server started by `startServer`. */
export interface Server {
  url: string;
  port: number;
  pid: number;
  /** `path` of this server, as a side of `alternate`. */
  side(path: string): Side;
  stop(): Promise<void>;
}

/** Starts `script` with `args` under `runtime` (in `cwd`); resolves once it prints `listening <port>`. */
export function startServer(
  runtime: string,
  script: string,
  args: string[],
  options?: { denoFlags?: string[]; signal?: NodeJS.Signals; cwd?: string },
): Promise<Server>;

/** Starts a server as `startServer` does, runs `use` with it, and stops it whatever `use` does. */
export function withServer<T>(
  runtime: string,
  script: string,
  args: string[],
  use: (server: Server) => T | Promise<T>,
  options?: { denoFlags?: string[]; signal?: NodeJS.Signals },
): Promise<T>;

/** GETs `url` with `headers` on a connection of its own: the status, the response headers and the body. */
export function fetchOnce(
  url: string,
  headers?: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>;

/** How wrk runs: for how long, with how many connections, with which request headers (`Name: value`). */
export interface WrkOptions {
  seconds: number;
  connections: number;
  headers?: string[];
}

/** Runs wrk against `url` and returns what it prints. */
export function wrkOutput(url: string, options: WrkOptions): string;

/** A wrk run: requests per second, and the server's CPU time per request in microseconds. */
export interface Run {
  rps: number;
  cpu: number;
}

/** One wrk run against `url`, served by process `pid`; throws unless every request succeeded. */
export function wrk(url: string, options: WrkOptions & { pid: number }): Run;

/** Baseline and candidate alternately (ABBA) for `rounds` rounds after a warm-up of each. */
export function alternate(
  base: Side,
  cand: Side,
  options: WrkOptions & { rounds: number; warmup: number },
): { base: Run[]; cand: Run[] };

/** The medians, paired ratio and paired CPU ratio of runs of baseline and candidate. */
export interface Summary {
  baseRps: number;
  candRps: number;
  ratio: number;
  baseCpu: number;
  candCpu: number;
  cpuRatio: number;
}

/** Runs of baseline and candidate measured in pairs, reduced to medians and paired ratios. */
export function summarize(base: Run[], cand: Run[]): Summary;

/** `alternate`, then `summarize`. */
export function pairs(base: Side, cand: Side, options: WrkOptions & { rounds: number; warmup: number }): Summary;

/** The cells of a `Summary` in a table, with the given numbers of decimals. */
export function summaryCells(summary: Summary, digits?: { rps?: number; cpu?: number; ratio?: number }): string[];

/** A Markdown table of rows holding a `Summary`: the columns `labels` (the first `textColumns` left-aligned), then the summary's six. */
export function summaryTable<Row extends Summary>(
  labels: string[],
  rows: Row[],
  labelsOf: (row: Row) => (string | number)[],
  options?: { textColumns?: number; rps?: number; cpu?: number; ratio?: number },
): string;
