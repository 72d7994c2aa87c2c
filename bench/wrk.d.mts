// Types of bench/wrk.mjs, for the benchmarks written in TypeScript.

/** A wrk run: requests per second, and the server's CPU time per request in microseconds. */
export interface Run {
  rps: number;
  cpu: number;
}

/** The medians, paired ratio and paired CPU ratio of runs of baseline and candidate. */
export interface Summary {
  baseRps: number;
  candRps: number;
  ratio: number;
  baseCpu: number;
  candCpu: number;
  cpuRatio: number;
}

/** Installs wrk with apt-get when it is missing. */
export function ensureWrk(): void;

/** Runs of baseline and candidate measured in pairs, reduced to medians and paired ratios. */
export function summarize(base: Run[], cand: Run[]): Summary;

/** A bench server started by `startServer`. */
export interface Server {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Starts `script` with `args` under `runtime`; resolves once it prints `listening <port>`. */
export function startServer(
  runtime: string,
  script: string,
  args: string[],
  options?: { denoFlags?: string[]; signal?: NodeJS.Signals },
): Promise<Server>;

/** How `wrk` runs: for how long, with how many connections and request headers, against which server process. */
export interface WrkOptions {
  seconds: number;
  connections: number;
  headers?: string[];
  pid: number;
}

/** One wrk run against `url`. */
export function wrk(url: string, options: WrkOptions): Run;

/** Baseline and candidate alternately (ABBA) for `rounds` rounds after a warm-up of each. */
export function alternate(
  base: string,
  cand: string,
  options: Omit<WrkOptions, "seconds"> & { seconds: number; rounds: number; warmup: number },
): { base: Run[]; cand: Run[] };

/** `alternate`, then `summarize`. */
export function pairs(
  base: string,
  cand: string,
  options: Omit<WrkOptions, "seconds"> & { seconds: number; rounds: number; warmup: number },
): Summary;
