/**
 * Hostile headers: the parsers that read what a client sends take time linear in the header's
 * length. For each shape of header, the time per character at 100 000 and 1 000 000 characters
 * against 10 000 (a linear parser stays near 1×; a quadratic one is 10× and 100×).
 *
 * Run: `npm run bench:hostile` (Deno and Bun, writes BENCHMARKS.md), or one runtime with
 * `deno run -A bench/hostile.ts` / `bun bench/hostile.ts`, which prints one JSON line per shape.
 */
import { getCookies, parseRange } from "../mod.ts";

const g = globalThis as unknown as { Deno?: unknown; Bun?: unknown };
const runtime = g.Deno ? "deno" : g.Bun ? "bun" : "node";

const cookie = (header: string) => new Request("http://localhost/", { headers: { cookie: header } });

const SHAPES: [string, (n: number) => () => unknown][] = [
  ["parseRange: blanks and empty elements", (n) => () => parseRange("bytes=" + " ,".repeat(n / 2) + "0-1", 1000)],
  ["parseRange: one long number", (n) => () => parseRange("bytes=0-" + "9".repeat(n), 1000)],
  ["parseRange: digits without a dash", (n) => () => parseRange("bytes=" + "1".repeat(n), 1000)],
  ["parseRange: blanks after a range", (n) => () => parseRange("bytes=0-1" + " \t".repeat(n / 2) + "x", 1000)],
  ["parseRange: many ranges", (n) => () => parseRange("bytes=" + "1-2,".repeat(n / 4), 1000)],
  ["parseRange: no equals sign", (n) => () => parseRange("x".repeat(n), 1000)],
  ["getCookies: blanks before a value", (n) => () => getCookies(cookie("a=" + " ".repeat(n) + "x"))],
  [
    "getCookies: blanks around an empty name",
    (n) => () => getCookies(cookie(" ".repeat(n / 2) + "=" + "\t".repeat(n / 2))),
  ],
  ["getCookies: many pairs", (n) => () => getCookies(cookie("a=1;".repeat(n / 4)))],
  ["getCookies: separators only", (n) => () => getCookies(cookie(";".repeat(n)))],
  ["getCookies: percent signs", (n) => () => getCookies(cookie("a=" + "%".repeat(n)))],
  ["getCookies: quotes", (n) => () => getCookies(cookie("x=" + '"'.repeat(n)))],
];

/** Nanoseconds per character of `run` on a header of `length` characters: the best of five timings of ≥ 10 ms. */
function perChar(make: (n: number) => () => unknown, length: number): number {
  const run = make(length);
  let best = Infinity;
  for (let trial = 0; trial < 5; trial++) {
    const started = performance.now();
    let runs = 0;
    let elapsed = 0;
    do {
      run();
      runs++;
      elapsed = performance.now() - started;
    } while (elapsed < 10);
    best = Math.min(best, (elapsed / runs / length) * 1e6);
  }
  return best;
}

for (const [shape, make] of SHAPES) {
  const base = perChar(make, 10_000);
  const ratio = (length: number) => Number((perChar(make, length) / base).toFixed(2));
  console.log(
    JSON.stringify({
      runtime,
      shape,
      nsPerChar: Number(base.toFixed(2)),
      at100k: ratio(100_000),
      at1m: ratio(1_000_000),
    }),
  );
}
