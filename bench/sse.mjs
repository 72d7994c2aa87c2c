#!/usr/bin/env node
// Server-sent events at scale: N raw TCP clients (node:net, in this process) each hold an event
// stream of one server process (bench/sse_server.ts on Bun and on Deno), then the server
// broadcasts one event to all of them, several times. Per way of streaming (the bare
// ReadableStream floor, that stream in an HttpResponse, EventHub, EventSourceResponse over a generator, Hono's streamSSE): the
// server's RSS over its idle RSS per stream (both after a full collection), the p99 of the broadcast's arrival over all
// clients (from just before the broadcast request), and the server's CPU time per broadcast
// (/proc/<pid>/stat). They alternate within each round; the medians over rounds go into
// the "sse" section of BENCHMARKS.md. The script raises `ulimit -n` for itself and the servers.
//
// Usage: npm run bench:sse                          (10 000 streams, 3 rounds, about 8 minutes)
//        BENCH_STREAMS=1000 BENCH_ROUNDS=1 node bench/sse.mjs   (a quick validation run)
//        BENCH_WRITE=0 …  (print only)    BENCH_RUNTIMES=bun …  (bun, deno or both)
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { cpuMicros, median, stealMeter, writeSection } from "./report.mjs";
import { withServer } from "./wrk.mjs";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 7);
const RUNTIMES = (process.env.BENCH_RUNTIMES ?? "bun,deno").split(",");
const WRITE = process.env.BENCH_WRITE !== "0";
const MODES = (process.env.BENCH_MODES ?? "floor,floorHttp,hub,generator,hono").split(",");
const LABELS = {
  floor: "bare `ReadableStream` response (the floor)",
  floorHttp: "the floor's stream in an `HttpResponse` with the SSE headers",
  hub: "`EventHub`",
  generator: "`EventSourceResponse` over an async generator",
  hono: "Hono `streamSSE`",
};
// Each process (this one with the clients, the server with its streams) holds one file per stream.
const FILES = STREAMS + 1000;

/** Runs this script again under a shell that raised the open-file limit, when it is too low. */
function ensureFileLimit() {
  const soft = Number(execFileSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).trim());
  if (soft >= FILES || process.env.BENCH_SSE_LIMIT_RAISED) return;
  console.log(`ulimit -n is ${soft}; raising it to ${FILES}`);
  const r = spawnSync(
    "sh",
    ["-c", `ulimit -n ${FILES} && exec "$0" "$@"`, process.execPath, ...process.argv.slice(1)],
    {
      stdio: "inherit",
      env: { ...process.env, BENCH_SSE_LIMIT_RAISED: "1" },
    },
  );
  if (r.status !== 0) console.error(`could not run with ulimit -n ${FILES} (raise the hard limit first)`);
  process.exit(r.status ?? 1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rssKiB(pid) {
  return Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]);
}

/** One client: a socket holding the stream, and when each broadcast reached it. */
function openClient(port, clients) {
  return new Promise((resolve, reject) => {
    const client = { socket: undefined, started: false, waitingFor: "", arrived: 0 };
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    client.socket = socket;
    socket.setEncoding("latin1");
    socket.on("data", (text) => {
      if (!client.started && text.includes("\r\n\r\n")) {
        client.started = true;
        clients.push(client);
        resolve(client);
      }
      if (client.waitingFor && text.includes(client.waitingFor)) {
        client.arrived = performance.now();
        client.waitingFor = "";
      }
    });
    socket.on("error", reject);
  });
}

async function openClients(port) {
  const clients = [];
  for (let i = 0; i < STREAMS; i += 250) {
    const batch = Math.min(250, STREAMS - i);
    await Promise.all(Array.from({ length: batch }, () => openClient(port, clients)));
  }
  return clients;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function broadcast(port, clients, n) {
  // Every n has six digits, so that no marker is the prefix of another.
  const marker = `data: ${n}`;
  for (const client of clients) client.waitingFor = marker;
  const start = performance.now();
  for (const client of clients) client.arrived = 0;
  const response = await fetch(`http://127.0.0.1:${port}/broadcast?n=${n}`, { method: "POST" });
  await response.text();
  const deadline = start + 20_000;
  for (;;) {
    const missing = clients.filter((c) => c.arrived === 0);
    if (missing.length === 0 || performance.now() > deadline) break;
    await sleep(20);
  }
  const times = clients.map((c) => (c.arrived ? c.arrived - start : Infinity)).sort((a, b) => a - b);
  return { p99: percentile(times, 99), missing: times.filter((t) => t === Infinity).length };
}

/** RSS after a full collection in the server, so that garbage of the moment does not count. */
async function settledRss(server) {
  await (await fetch(`http://127.0.0.1:${server.port}/gc`, { method: "POST" })).text();
  await sleep(500);
  return rssKiB(server.pid);
}

async function measure(runtime, mode, round) {
  return await withServer(runtime, "bench/sse_server.ts", [mode], async (server) => {
    await sleep(1000);
    const idle = await settledRss(server);
    const clients = await openClients(server.port);
    await sleep(1000);
    const held = await settledRss(server);
    const p99s = [];
    let missing = 0;
    const cpuBefore = cpuMicros(server.pid);
    for (let b = 0; b < BROADCASTS; b++) {
      const r = await broadcast(server.port, clients, 100_000 + round * 100 + b);
      p99s.push(r.p99);
      missing += r.missing;
      await sleep(200);
    }
    const cpuPerBroadcast = (cpuMicros(server.pid) - cpuBefore) / BROADCASTS / 1000;
    for (const client of clients) client.socket.destroy();
    return {
      perStream: ((held - idle) * 1024) / STREAMS,
      overIdleMiB: (held - idle) / 1024,
      p99: median(p99s),
      cpuPerBroadcast,
      missing,
    };
  }, {
    denoFlags: ["--v8-flags=--expose-gc"],
    signal: "SIGKILL",
  });
}

async function main() {
  ensureFileLimit();
  const steal = stealMeter();
  const results = {};
  for (const runtime of RUNTIMES) {
    for (let round = 0; round < ROUNDS; round++) {
      // Rotated each round, so that no way of streaming always runs first or last.
      const order = MODES.map((_, i) => MODES[(i + round) % MODES.length]);
      for (const mode of order) {
        const r = await measure(runtime, mode, round);
        ((results[runtime] ??= {})[mode] ??= []).push(r);
        console.log(
          `${runtime} ${mode.padEnd(9)} round ${round + 1}: ${r.overIdleMiB.toFixed(1)} MiB over idle, ` +
            `${(r.perStream / 1024).toFixed(2)} KiB/stream, broadcast p99 ${r.p99.toFixed(1)} ms, ` +
            `CPU ${r.cpuPerBroadcast.toFixed(1)} ms/broadcast${r.missing ? `, ${r.missing} missed` : ""}`,
        );
      }
    }
  }
  const lines = [];
  for (const runtime of RUNTIMES) {
    const name = runtime === "bun" ? "Bun" : "Deno";
    const m = (mode, key) => median(results[runtime][mode].map((r) => r[key]));
    const floorStream = m("floor", "perStream");
    const floorP99 = m("floor", "p99");
    lines.push(
      `| ${name}, ${
        STREAMS.toLocaleString("en-US").replace(",", " ")
      } streams | RSS over idle | per stream | over the floor, per stream | broadcast p99 | p99 / floor's | server CPU per broadcast |`,
      "|---|---:|---:|---:|---:|---:|---:|",
    );
    for (const mode of MODES) {
      const perStream = m(mode, "perStream");
      const p99 = m(mode, "p99");
      const missed = results[runtime][mode].reduce((n, r) => n + r.missing, 0);
      lines.push(
        `| ${LABELS[mode]} | ${m(mode, "overIdleMiB").toFixed(1)} MiB | ${(perStream / 1024).toFixed(2)} KiB | ` +
          `${mode === "floor" ? "—" : `${((perStream - floorStream) / 1024).toFixed(2)} KiB`} | ` +
          `${p99.toFixed(1)} ms${missed ? ` (${missed} missed)` : ""} | ${
            mode === "floor" ? "1.00" : (p99 / floorP99).toFixed(2)
          } | ` +
          `${m(mode, "cpuPerBroadcast").toFixed(1)} ms |`,
      );
    }
    lines.push("");
  }
  lines.push(
    `Medians of ${ROUNDS} rounds (the ways of streaming alternate, rotated each round), ${BROADCASTS} broadcasts each; ` +
      `CPU steal during the run: ${steal().toFixed(1)} %. Command: \`npm run bench:sse\`.`,
  );
  const table = lines.join("\n");
  console.log(`\n${table}`);
  if (WRITE) writeSection("sse", table);
}

await main();
