#!/usr/bin/env node
// Compression throughput and memory: a 1 MiB text body compressed by compressResponse against
// node:zlib alone (one gzip / brotliCompress call on the whole buffer), and against
// CompressionStream, on Deno.serve and Bun.serve (bench/compress.ts), with wrk on 127.0.0.1,
// baseline and candidate alternating (ABBA) on one warm server; the target is a throughput
// within 10 % of node:zlib alone. Then a 1 GiB stream through compressResponse in a process of
// its own per runtime: the RSS growth (target < 64 MiB). Results go into the "compress" section
// of BENCHMARKS.md.
//
// Usage: node bench/compress.mjs        (about 5 minutes)
//        BENCH_ROUNDS=2 BENCH_SECONDS=2 BENCH_WARMUP=1 BENCH_WRITE=0 node bench/compress.mjs   (a quick check)
//        BENCH_TARGETS=deno,bun …
import { execFileSync } from "node:child_process";
import * as zlib from "node:zlib";
import { markdownTable, stealMeter, writeSection } from "./report.mjs";
import { ensureWrk, fetchOnce, pairs, runtimeCommand, summaryTable, withServer, wrkOptions } from "./wrk.mjs";

const options = wrkOptions({ rounds: 9, warmup: 3, seconds: 2, connections: 4 });
const WRITE = process.env.BENCH_WRITE !== "0";

/** GETs `url` with Accept-Encoding `coding` and decodes the body. */
async function decodedBody(url, coding) {
  const { headers, body } = await fetchOnce(url, { "accept-encoding": coding });
  const encoding = headers["content-encoding"];
  if (encoding !== coding) throw new Error(`${url}: Content-Encoding ${encoding}, not ${coding}`);
  return {
    wire: body.length,
    text: (coding === "br" ? zlib.brotliDecompressSync(body) : zlib.gunzipSync(body)).toString(),
  };
}

const only = process.env.BENCH_TARGETS?.split(",");
const targets = [
  { runtime: "deno", server: "Deno.serve" },
  { runtime: "bun", server: "Bun.serve" },
].filter((t) => !only || only.includes(t.runtime));
const cases = [
  {
    coding: "gzip",
    base: "/zlib/gzip",
    cand: "/ours/gzip",
    baseLabel: "zlib.gzip(bytes)",
    candLabel: "compressResponse",
  },
  {
    coding: "br",
    base: "/zlib/br",
    cand: "/ours/br",
    baseLabel: "zlib.brotliCompress(bytes), quality 4",
    candLabel: "compressResponse",
  },
  {
    coding: "gzip",
    base: "/zlib/gzip",
    cand: "/stream/gzip",
    baseLabel: "zlib.gzip(bytes)",
    candLabel: "CompressionStream (for comparison)",
  },
];

ensureWrk();
const steal = stealMeter();
const rows = [];
for (const { runtime, server: name } of targets) {
  await withServer(runtime, "bench/compress.ts", ["serve"], async (server) => {
    for (const c of cases) {
      const a = await decodedBody(server.url + c.base, c.coding);
      const b = await decodedBody(server.url + c.cand, c.coding);
      if (a.text !== b.text || a.text.length !== 1024 * 1024) {
        throw new Error(`${c.base} and ${c.cand} decode differently`);
      }
      const headers = [`Accept-Encoding: ${c.coding}`];
      const row = {
        server: name,
        ...c,
        wire: b.wire,
        ...pairs(server.side(c.base), server.side(c.cand), { ...options, headers }),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  });
}
const memory = targets.map(({ runtime, server: name }) => {
  const command = runtimeCommand(runtime, "bench/compress.ts", ["memory"]);
  const result = JSON.parse(execFileSync(...command, { encoding: "utf8" }).trim().split("\n").pop());
  console.log(JSON.stringify({ runtime, ...result }));
  return { server: name.replace(".serve", ""), ...result };
});

const table = [
  `A 1 MiB text body (prose-like, about 3:1 with gzip). wrk -t1 -c${options.connections}, ${options.rounds} rounds of ${options.seconds} s per side ` +
  `after ${options.warmup} s of warm-up. Medians; each ratio is the median of the back-to-back pairs, the CPU ratio being baseline CPU / ` +
  `candidate CPU (read it like the throughput ratio; ≥ 0.9 meets the target). CPU steal during the run: ${
    steal().toFixed(1)
  } %.`,
  "",
  summaryTable(
    ["server", "coding", "baseline", "candidate"],
    rows,
    (r) => [r.server, r.coding, r.baseLabel, r.candLabel],
    {
      rps: 1,
      cpu: 0,
    },
  ),
  "",
  "1 GiB streamed through `compressResponse` (gzip, 64 KiB chunks, read as fast as it comes), after a 16 MiB warm-up run in the same process:",
  "",
  markdownTable(
    "runtime | seconds | RSS growth (MiB) | peak RSS (MiB)",
    1,
    memory.map((m) => [m.server, m.seconds.toFixed(1), m.grownMiB.toFixed(1), Math.round(m.rssMiB)]),
  ),
].join("\n");
console.log(table);
if (WRITE) writeSection("compress", table);
