#!/usr/bin/env node
// npm run test:e2e: the demo (examples/demo.ts) in a real browser. Installs Debian's chromium
// when /usr/bin/chromium is missing (apt-get, as root, without a prompt), starts the demo on a
// free port under Deno and then under Bun, drives the page with playwright-core and checks what
// a user would see: JSON, redirects, cookies that round-trip (plain and signed), a download
// that arrives with its Unicode filename and its bytes, an audio element whose seeks are Range
// requests answered with 206, the SSE clock ticking, problem details, and the status gallery.
// Saves a full-page screenshot per runtime under .e2e/ and ends with "N passed, N failed".
// Usage: node scripts/e2e.mjs [deno|bun …]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));
const CHROMIUM = "/usr/bin/chromium";
const DOWNLOAD_NAME = "résumé 2026 — naïve.txt";
const runtimes = process.argv.slice(2).length ? process.argv.slice(2) : ["deno", "bun"];
const commands = {
  deno: [join("node_modules", ".bin", "deno"), ["run", "-A", "examples/demo.ts"]],
  bun: [join("node_modules", ".bin", "bun"), ["examples/demo.ts"]],
};
let passed = 0;
let failed = 0;

function installChromium() {
  if (existsSync(CHROMIUM)) return;
  console.log(`${CHROMIUM} is missing: installing Debian's chromium with apt-get`);
  if (process.getuid?.() !== 0) {
    throw new Error(`${CHROMIUM} is missing and this is not root: run "apt-get install -y chromium" as root first`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    const r = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
  }
}

/** Starts the demo on a free port; resolves with its URL and a way to stop it. */
function startDemo(runtime) {
  const [cmd, args] = commands[runtime];
  const child = spawn(cmd, args, {
    env: { ...process.env, PORT: "0", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", resolve);
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the demo did not start on ${runtime} within 30 s:\n${output}`));
    }, 30_000);
    const read = (chunk) => {
      output += chunk;
      const url = output.match(/allresponses demo on (http:\/\/\S+\/)/)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stop, output: () => output });
      }
    };
    child.stdout.setEncoding("utf8").on("data", read);
    child.stderr.setEncoding("utf8").on("data", (chunk) => (output += chunk));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) on ${runtime} before listening:\n${output}`));
    });
  });
}

async function check(label, body) {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`  ok   ${label} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    console.log(`  FAIL ${label}: ${error?.stack ?? error}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** The text, status and Content-Type that a card's output shows once it has something. */
async function output(page, section) {
  const out = page.locator(`#${section} .out`);
  await page.waitForFunction((node) => node.dataset.status !== undefined, await out.elementHandle(), { timeout: 5000 });
  return await out.evaluate((node) => ({
    status: Number(node.dataset.status),
    type: node.dataset.type,
    text: node.innerText,
  }));
}

async function click(page, section, name) {
  await page.locator(`#${section} .out`).evaluate((node) => {
    delete node.dataset.status;
  });
  await page.locator(`#${section}`).getByRole("button", { name, exact: true }).click();
  return await output(page, section);
}

async function jar(page, name) {
  await page.locator("#jar").evaluate((node) => {
    node.dataset.action = "pending";
  });
  await page.locator("#cookies").getByRole("button", { name, exact: true }).click();
  await page.waitForFunction(() => document.querySelector("#jar").dataset.action === "done", null, { timeout: 5000 });
  return await page.locator("#jar").evaluate((node) => ({
    cookies: JSON.parse(node.dataset.cookies),
    session: node.dataset.session,
    text: node.textContent,
  }));
}

async function drive(browser, runtime) {
  console.log(`\n== ${runtime}`);
  const failedBefore = failed;
  const demo = await startDemo(runtime);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  const media = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === "/media/scale.wav") {
      media.push({ status: response.status(), contentRange: response.headers()["content-range"], at: Date.now() });
    }
  });
  try {
    await check("the page loads and names the runtime", async () => {
      await page.goto(demo.url);
      await page.waitForFunction(() => document.querySelector("#runtime").textContent !== "…");
      const label = await page.locator("#runtime").textContent();
      assert(label.toLowerCase().startsWith(runtime), `the page says it is served by ${label}`);
    });

    await check("the EventSource receives ticks from EventSourceResponse", async () => {
      await page.waitForFunction(() => Number(document.querySelector("#ticks").textContent) >= 2, null, {
        timeout: 5000,
      });
      const time = await page.locator("#time").textContent();
      assert(/\d/.test(time), `the clock shows ${time}`);
    });

    await check("JSON: JsonResponseOK and JSONResponse", async () => {
      const hello = await click(page, "json", "GET /api/hello");
      assert(hello.status === 200 && hello.type === "application/json", `got ${hello.status} ${hello.type}`);
      assert(hello.text.includes("Hello from allresponses"), hello.text);
      const any = await click(page, "json", "GET /api/any");
      assert(any.status === 200 && any.text.includes("takes any JSON value"), any.text);
    });

    await check("redirects: a 307 keeps the POST, a 302 becomes a GET", async () => {
      const r307 = await click(page, "redirects", "POST /redirect/307");
      assert(r307.text.includes('"method": "POST"') && r307.text.includes("RedirectResponse (307)"), r307.text);
      const r302 = await click(page, "redirects", "POST /redirect/302");
      assert(r302.text.includes('"method": "GET"') && r302.text.includes("HttpResponseRedirect (302)"), r302.text);
    });

    await check("cookies round-trip: set, signed, forged, deleted", async () => {
      const set = await jar(page, "set");
      assert(set.cookies.flavour === "oatmeal raisin 🍪", `after set: ${set.text}`);
      const signed = await jar(page, "sign");
      assert(signed.session === "ada", `after sign: ${signed.text}`);
      const browserCookies = await context.cookies(demo.url);
      const session = browserCookies.find((c) => c.name === "session");
      assert(session?.httpOnly && session.value.startsWith("ada."), `the browser holds ${JSON.stringify(session)}`);
      const forged = await jar(page, "forge");
      assert(forged.session === "false", `after forge: ${forged.text}`);
      const deleted = await jar(page, "delete");
      assert(Object.keys(deleted.cookies).length === 0 && deleted.session === "null", `after delete: ${deleted.text}`);
      assert((await context.cookies(demo.url)).length === 0, "the browser still holds cookies");
    });

    await check("the download arrives with its Unicode filename and its bytes", async () => {
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 10_000 }),
        page.click("#download-link"),
      ]);
      assert(
        download.suggestedFilename() === DOWNLOAD_NAME,
        `saved as ${JSON.stringify(download.suggestedFilename())}`,
      );
      const bytes = readFileSync(await download.path());
      const expected = readFileSync(".demo-media/resume.txt");
      assert(bytes.equals(expected), `got ${bytes.length} bytes, expected ${expected.length}`);
      const head = await click(page, "download", "HEAD /download");
      assert(head.status === 200 && head.text.includes("filename*=UTF-8''r%C3%A9sum%C3%A9"), head.text);
    });

    await check("seeking the audio issues Range requests answered with 206", async () => {
      await page.waitForFunction(() => document.querySelector("#audio").readyState >= 1, null, { timeout: 10_000 });
      const size = statSync(".demo-media/scale.wav").size;
      for (const [button, seconds] of [["seek to 0:40", 40], ["seek to 0:25", 25]]) {
        const buffered = await page.evaluate((t) => {
          const { buffered } = document.querySelector("#audio");
          for (let i = 0; i < buffered.length; i++) if (buffered.start(i) <= t && t < buffered.end(i)) return true;
          return false;
        }, seconds);
        assert(!buffered, `0:${seconds} was buffered before the seek, so seeking there needs no request`);
        const before = Date.now();
        await page.locator("#media").getByRole("button", { name: button }).click();
        await page.waitForFunction(
          (t) => {
            const audio = document.querySelector("#audio");
            return !audio.seeking && Math.abs(audio.currentTime - t) < 0.5;
          },
          seconds,
          { timeout: 10_000 },
        );
        // The byte the seek lands on (44 bytes of header, 4 bytes a frame); the browser asks
        // from the start of its cache block, so a little before it.
        const target = 44 + seconds * 44_100 * 4;
        const first = (contentRange) => {
          const m = /^bytes (\d+)-\d+\/(\d+)$/.exec(contentRange ?? "");
          return m && Number(m[2]) === size ? Number(m[1]) : undefined;
        };
        const near = (start) => start !== undefined && start <= target && start > target - 1024 * 1024;
        const hit = media.find((r) => r.at >= before && r.status === 206 && near(first(r.contentRange)));
        assert(hit, `no 206 with a Content-Range near byte ${target} after "${button}": ${JSON.stringify(media)}`);
        // And the server sent those bytes, not the browser's cache (which may extend the range it reports).
        const log = await page.evaluate(() => fetch("/media/log").then((response) => response.json()));
        assert(
          log.some((e) => e.status === 206 && first(e.contentRange) === first(hit.contentRange)),
          `the server's log has no 206 from byte ${first(hit.contentRange)}: ${JSON.stringify(log)}`,
        );
      }
    });

    await check("StreamingResponse: the countdown arrives line by line", async () => {
      await page.locator("#stream").getByRole("button", { name: "GET /stream" }).click();
      await page.waitForFunction(() => document.querySelector("#stream .out").dataset.chunks !== undefined, null, {
        timeout: 10_000,
      });
      const { chunks, text } = await page.locator("#stream .out").evaluate((node) => ({
        chunks: Number(node.dataset.chunks),
        text: node.innerText,
      }));
      assert(chunks >= 3 && text.includes("liftoff"), `${chunks} chunks: ${text}`);
    });

    await check("problem details: application/problem+json from HttpError inside handle()", async () => {
      await page.selectOption("#accept", "application/json");
      const missing = await click(page, "problems", "Http404");
      assert(
        missing.status === 404 && missing.type === "application/problem+json",
        `got ${missing.status} ${missing.type}`,
      );
      assert(missing.text.includes("There is no user 42"), missing.text);
      const crash = await click(page, "problems", "a crash");
      assert(crash.status === 500 && !crash.text.includes("hunter2"), `the 500 reveals: ${crash.text}`);
      await page.selectOption("#accept", "text/plain");
      const teapot = await click(page, "problems", "HttpError(418)");
      assert(teapot.status === 418 && teapot.type.startsWith("text/plain"), `got ${teapot.status} ${teapot.type}`);
      await page.selectOption("#accept", "application/json");
      const credit = await click(page, "problems", "ProblemDetailsResponse");
      assert(
        credit.status === 403 && credit.type === "application/problem+json" && credit.text.includes('"balance": 30'),
        credit.text,
      );
    });

    await check("the gallery: every registered final status answered by its own class", async () => {
      await page.waitForFunction(() => document.querySelector("#gallery").dataset.done === "true", null, {
        timeout: 10_000,
      });
      const tiles = await page.locator("#gallery .tile").evaluateAll((nodes) =>
        nodes.map((node) => ({
          code: node.dataset.code,
          ok: node.dataset.ok,
          text: node.innerText.replace(/\s+/g, " "),
        }))
      );
      const statuses = await page.evaluate(() => fetch("/status").then((response) => response.json()));
      assert(tiles.length === statuses.length, `${tiles.length} tiles for ${statuses.length} statuses`);
      const bad = tiles.filter((tile) => tile.ok !== "true");
      assert(bad.length === 0, `failed tiles: ${JSON.stringify(bad)}`);
    });

    await check("no script errors on the page", () => {
      assert(pageErrors.length === 0, pageErrors.join("\n"));
    });

    mkdirSync(".e2e", { recursive: true });
    const screenshot = join(".e2e", `demo-${runtime}.png`);
    await page.mouse.move(0, 0);
    await page.evaluate(() => globalThis.scrollTo(0, 0));
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`  screenshot: ${screenshot}`);
  } finally {
    await context.close();
    await demo.stop();
    if (failed > failedBefore) console.log(`  the demo's output:\n${demo.output().replace(/^/gm, "    ")}`);
  }
}

const started = Date.now();
let browser;
try {
  installChromium();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  for (const runtime of runtimes) {
    try {
      if (!commands[runtime]) throw new Error(`unknown runtime ${runtime}: use deno or bun`);
      await drive(browser, runtime);
    } catch (error) {
      failed++;
      console.log(`  FAIL ${runtime}: ${error?.stack ?? error}`);
    }
  }
} catch (error) {
  failed++;
  console.log(`FAIL ${error?.stack ?? error}`);
} finally {
  await browser?.close();
}
console.log(`\ne2e in ${((Date.now() - started) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
