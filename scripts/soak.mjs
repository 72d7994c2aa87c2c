#!/usr/bin/env node
// npm run soak: a mixed load against bench/soak_server.ts under Deno and under Bun, on 127.0.0.1
// only. For each runtime: a warm-up, then SOAK_SECONDS (default 60) of wrk with bench/soak.lua
// (file GETs, Ranges, multipart Ranges, 304s, 416s, 404s, short event streams and streams), a
// client sending HEADs (which wrk cannot), and clients on raw sockets that abort at every stage
// (before the first byte, endless event streams and streams, large downloads and multipart
// parts mid-body). Reports requests served, unexpected statuses, 5xx, socket errors, unhandled
// rejections, generators still running, and the server's open file descriptors and RSS before
// and after; exits non-zero when a goal is missed. Installs wrk with apt-get when it is missing.
//
// Usage: node scripts/soak.mjs [--only deno|bun] [--write]
//   SOAK_SECONDS=60 SOAK_CONNECTIONS=32 SOAK_ABORTERS=8
//   --write puts the figures into RELIABILITY.md, between its soak markers.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const write = args.includes("--write");
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 32);
const ABORTERS = Number(process.env.SOAK_ABORTERS ?? 8);
// Long enough for the heap to reach its working size (Deno's RSS climbs for some 15 s under this
// load, then holds), so that "before" is the warm baseline the growth goal is measured from.
const WARMUP = Math.max(5, Math.min(20, Math.round(SECONDS / 3)));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Statuses the mix asks for: 200, 206, 304 (If-None-Match), 416 (a range past the end), 404.
const INTENDED = new Set(["200", "206", "304", "404", "416"]);
// Goals: RSS may grow by this much from the warm baseline; file descriptors return to it.
const RSS_GROWTH_LIMIT = 0.1;

function ensureWrk() {
  if (spawnSync("wrk", ["--version"]).error === undefined) return;
  console.log("wrk is missing: apt-get update && apt-get install -y wrk");
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "wrk"], { stdio: "inherit" });
}

/** The files the mix asks for. */
function fixtures() {
  const dir = mkdtempSync(join(tmpdir(), "allresponses-soak-"));
  writeFileSync(join(dir, "small.txt"), "allresponses soak\n".repeat(120));
  const medium = new Uint8Array(256 * 1024);
  for (let i = 0; i < medium.length; i++) medium[i] = (i * 31) & 0xff;
  writeFileSync(join(dir, "medium.bin"), medium);
  writeFileSync(join(dir, "large.bin"), new Uint8Array(16 * 1024 * 1024).fill(0x61));
  return dir;
}

/** One request with its own connection (closed after), as JSON or headers. */
function get(port, path, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function stats(port, gc = false) {
  return JSON.parse((await get(port, `/stats${gc ? "?gc=1" : ""}`)).text);
}

/** Lets in-flight work finish, collects garbage twice, and reads the server's figures. */
async function quiet(port) {
  await sleep(2000);
  await stats(port, true);
  await sleep(500);
  return await stats(port, true);
}

function startServer(runtime, dir) {
  const [cmd, cmdArgs] = runtime === "deno"
    ? ["node_modules/.bin/deno", ["run", "-A", "--v8-flags=--expose-gc", "bench/soak_server.ts", dir]]
    : ["node_modules/.bin/bun", ["bench/soak_server.ts", dir]];
  const child = spawn(cmd, cmdArgs, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const port = new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const line = out.match(/^(\d+)\n/);
      if (line) resolve(Number(line[1]));
    });
    child.once("exit", (code) => reject(new Error(`${runtime} server exited (${code}): ${stderr}`)));
  });
  return { child, port, stderr: () => stderr };
}

/** Runs wrk with the mix for `seconds`; resolves with the JSON line bench/soak.lua prints. */
function runWrk(port, seconds, etag) {
  const wrkArgs = ["-t2", `-c${CONNECTIONS}`, `-d${seconds}s`, "--timeout", "10s", "-s", "bench/soak.lua"];
  const child = spawn("wrk", [...wrkArgs, `http://127.0.0.1:${port}`, "--", etag], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("SOAK "));
      if (code === 0 && line) resolve(JSON.parse(line.slice(5)));
      else reject(new Error(`wrk exited ${code} without its SOAK line:\n${out}`));
    });
  });
}

/**
 * A client that goes away: sends `request` on a raw socket and destroys the socket once
 * `leaveAfter` bytes have arrived (0: as soon as the request is written, before any byte).
 */
function abortingClient(port, request, leaveAfter, timeoutMs = 5000) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = 0;
    const done = (outcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done("timeout"), timeoutMs);
    socket.on("connect", () => {
      socket.write(request);
      if (leaveAfter === 0) done("left before the first byte");
    });
    socket.on("data", (chunk) => {
      received += chunk.byteLength;
      if (received >= leaveAfter) done("left mid-body");
    });
    socket.on("error", () => done("error"));
    socket.on("end", () => done("ended"));
  });
}

const raw = (path, headers = {}) =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${
    Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")
  }\r\n`;

/** The ways the aborting clients leave, in turn: [label, request, bytes to read first]. */
const ABORTS = [
  ["before the first byte (file)", raw("/file/large.bin"), 0],
  ["before the first byte (event stream)", raw("/sse?n=0"), 0],
  ["endless event stream, after the first event", raw("/sse?n=0"), 400],
  ["endless stream, mid-body", raw("/stream?n=0"), 64 * 1024],
  ["large file, mid-body", raw("/file/large.bin"), 1024 * 1024],
  [
    "multipart range, during the second part",
    raw("/file/large.bin", { range: "bytes=0-99,1000000-9000000" }),
    512 * 1024,
  ],
  ["single range, mid-body", raw("/file/large.bin", { range: "bytes=100-12000000" }), 256 * 1024],
];

async function abortLoop(port, until, tally) {
  for (let i = Math.floor(Math.random() * ABORTS.length); Date.now() < until; i++) {
    const [label, request, leaveAfter] = ABORTS[i % ABORTS.length];
    const outcome = await abortingClient(port, request, leaveAfter);
    const key = `${label}: ${outcome}`;
    tally[key] = (tally[key] ?? 0) + 1;
    await sleep(Math.random() * 20);
  }
}

/** HEAD requests on one keep-alive connection until `until`, each checked: 200, a Content-Length, no body. */
async function headLoop(port, until, tally) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    while (Date.now() < until) {
      const ok = await new Promise((resolve) => {
        const req = httpRequest({ host: "127.0.0.1", port, path: "/file/medium.bin", method: "HEAD", agent }, (res) => {
          let body = 0;
          res.on("data", (chunk) => (body += chunk.byteLength));
          res.on(
            "end",
            () => resolve(res.statusCode === 200 && res.headers["content-length"] === "262144" && body === 0),
          );
        });
        req.on("error", () => resolve(false));
        req.end();
      });
      const key = ok ? "HEAD: 200 with Content-Length, no body" : "HEAD: wrong answer";
      tally[key] = (tally[key] ?? 0) + 1;
    }
  } finally {
    agent.destroy();
  }
}

/** Runs wrk for `seconds` with ABORTERS aborting clients and a HEAD client beside it. */
async function load(port, seconds, etag) {
  const tally = {};
  const until = Date.now() + seconds * 1000;
  const clients = Array.from({ length: ABORTERS }, () => abortLoop(port, until, tally));
  const [wrk] = await Promise.all([runWrk(port, seconds, etag), headLoop(port, until, tally), ...clients]);
  return { wrk, clients: tally };
}

async function soak(runtime, dir) {
  console.log(
    `\n== ${runtime}: warm-up ${WARMUP} s, then ${SECONDS} s of wrk -c${CONNECTIONS} and ${ABORTERS} aborting clients`,
  );
  const server = startServer(runtime, dir);
  try {
    const port = await server.port;
    const etag = (await get(port, "/file/small.txt", "HEAD")).headers.etag;
    const cold = await quiet(port);
    await load(port, WARMUP, etag);
    const before = await quiet(port);
    const { wrk, clients } = await load(port, SECONDS, etag);
    const after = await quiet(port);
    const requests = wrk.requests;
    const unexpected = Object.entries(wrk.statuses).filter(([s]) => !INTENDED.has(s)).reduce((n, [, c]) => n + c, 0);
    const serverErrors = Object.entries(after.statuses).filter(([s]) => Number(s) >= 500).reduce(
      (n, [, c]) => n + c,
      0,
    );
    const socketErrors = Object.values(wrk.errors).reduce((n, c) => n + c, 0);
    const count = (match) => Object.entries(clients).filter(([k]) => match(k)).reduce((n, [, c]) => n + c, 0);
    const result = {
      runtime,
      seconds: SECONDS,
      requests,
      perSecond: Math.round(requests / (wrk.duration_us / 1e6)),
      p99ms: wrk.latency_p99_us / 1000,
      statuses: wrk.statuses,
      unexpected,
      serverErrors,
      socketErrors,
      socketErrorDetail: wrk.errors,
      aborts: count((k) => !k.startsWith("HEAD")),
      heads: count((k) => k.startsWith("HEAD")),
      wrongHeads: count((k) => k === "HEAD: wrong answer"),
      clients,
      unhandled: after.unhandled,
      generatorsRunning: after.generators.running,
      generatorsStarted: after.generators.started,
      fds: { cold: cold.fds, before: before.fds, after: after.fds },
      rss: { cold: cold.rss, before: before.rss, after: after.rss },
      heap: { before: before.heapUsed, after: after.heapUsed },
      rssGrowth: (after.rss - before.rss) / before.rss,
    };
    result.goals = {
      "no 5xx": serverErrors === 0,
      "no unexpected status": unexpected === 0,
      "no socket errors": socketErrors === 0,
      "every HEAD answered right": result.wrongHeads === 0,
      "no unhandled rejection": after.unhandled === 0,
      "no generator left running": after.generators.running === 0,
      "file descriptors back to baseline": after.fds <= before.fds,
      [`RSS growth under ${RSS_GROWTH_LIMIT * 100}%`]: result.rssGrowth < RSS_GROWTH_LIMIT,
    };
    if (server.stderr().trim()) console.log(`${runtime} server stderr:\n${server.stderr().trim().slice(0, 4000)}`);
    return result;
  } finally {
    await stopServer(server.child);
  }
}

/** Stops the server process and waits for it to exit (SIGKILL if SIGTERM has not done it in 5 s). */
async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);

function report(results) {
  const lines = [
    "| | " + results.map((r) => r.runtime).join(" | ") + " |",
    "| --- |" + results.map(() => " ---: |").join(""),
  ];
  const row = (label, f) => lines.push(`| ${label} | ${results.map(f).join(" | ")} |`);
  row("wrk requests served", (r) => `${r.requests} (${r.perSecond}/s)`);
  row("wrk p99 latency", (r) => `${r.p99ms.toFixed(1)} ms`);
  row("statuses (wrk)", (r) => Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(", "));
  row("unexpected statuses", (r) => r.unexpected);
  row("5xx (counted by the server)", (r) => r.serverErrors);
  row("wrk socket errors", (r) => r.socketErrors);
  row("HEAD requests (checked) / wrong", (r) => `${r.heads} / ${r.wrongHeads}`);
  row("aborting clients", (r) => r.aborts);
  row("unhandled rejections", (r) => r.unhandled);
  row("generators started / left running", (r) => `${r.generatorsStarted} / ${r.generatorsRunning}`);
  row("open fds: cold / warm / after", (r) => `${r.fds.cold} / ${r.fds.before} / ${r.fds.after}`);
  row("RSS MiB: cold / warm / after", (r) => `${mib(r.rss.cold)} / ${mib(r.rss.before)} / ${mib(r.rss.after)}`);
  row("RSS growth from warm", (r) => `${(r.rssGrowth * 100).toFixed(1)}%`);
  row("JS heap in use MiB: warm / after", (r) => `${mib(r.heap.before)} / ${mib(r.heap.after)}`);
  row("goals", (r) => Object.values(r.goals).every(Boolean) ? "all met" : `missed: ${missed(r).join(", ")}`);
  return lines.join("\n");
}

function missed(result) {
  return Object.entries(result.goals).filter(([, ok]) => !ok).map(([goal]) => goal);
}

function writeSection(markdown) {
  const file = "RELIABILITY.md";
  const start = "<!-- soak:start -->";
  const end = "<!-- soak:end -->";
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(start);
  if (at === -1) throw new Error(`${file} has no ${start} marker`);
  writeFileSync(file, text.slice(0, at) + `${start}\n${markdown}\n` + text.slice(text.indexOf(end)));
}

function runtimeVersion(runtime) {
  const out = execFileSync(`node_modules/.bin/${runtime}`, ["--version"], { encoding: "utf8" });
  return out.match(/\d+\.\d+\.\d+/)?.[0] ?? "?";
}

async function main() {
  ensureWrk();
  const loadBefore = loadavg()[0];
  const dir = fixtures();
  const results = [];
  try {
    for (const runtime of ["deno", "bun"]) if (!only || only === runtime) results.push(await soak(runtime, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const table = report(results);
  console.log(`\n${table}\n`);
  for (const r of results) console.log(`${r.runtime} side clients:`, r.clients);
  if (write) {
    const cpu = cpus()[0]?.model.trim();
    const versions = results.map((r) => `${r.runtime} ${runtimeVersion(r.runtime)}`).join(", ");
    writeSection(
      `_Run ${
        new Date().toISOString().slice(0, 16).replace("T", " ")
      } UTC: \`SOAK_SECONDS=${SECONDS} npm run soak\`, ` +
        `${CONNECTIONS} wrk connections and ${ABORTERS} aborting clients, on ${cpus().length} × ${cpu}; ${versions}; ` +
        `1-minute load average ${loadBefore.toFixed(1)} before the run (other processes included)._\n\n${table}`,
    );
    console.log("wrote the figures into RELIABILITY.md");
  }
  const failures = results.flatMap((r) => missed(r).map((goal) => `${r.runtime}: ${goal}`));
  if (failures.length) console.log(`goals missed: ${failures.join("; ")}`);
  process.exit(failures.length ? 1 : 0);
}

await main();
