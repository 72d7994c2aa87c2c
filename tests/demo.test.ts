import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STATUS_CODE } from "../mod.ts";
import { createDemo, DOWNLOAD_NAME, type MediaLogEntry, writeMedia } from "../examples/demo.ts";
import { withServer } from "./_serve.ts";

const dir = mkdtempSync(join(tmpdir(), "allresponses-demo-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const errors: unknown[] = [];
const demo = createDemo({ mediaDir: dir, secret: "test secret", onError: (error) => errors.push(error) });
const audio = readFileSync(join(dir, "scale.wav"));

/** The JSON body of `response`, as the type the test expects. */
async function json<T = Record<string, unknown>>(response: Response | Promise<Response>): Promise<T> {
  return await (await response).json() as T;
}

/** The `Cookie` header a browser would send back for these `Set-Cookie` values (name=value only). */
function cookieHeader(setCookies: string[]): string {
  return setCookies.map((c) => c.slice(0, c.indexOf(";"))).join("; ");
}

test("demo media: a RIFF/WAVE header that matches the file, 16-bit stereo PCM at 44.1 kHz, over 1 MB", () => {
  const view = new DataView(audio.buffer, audio.byteOffset, audio.byteLength);
  const ascii = (offset: number) => String.fromCharCode(...audio.subarray(offset, offset + 4));
  assert.deepEqual([ascii(0), ascii(8), ascii(12), ascii(36)], ["RIFF", "WAVE", "fmt ", "data"]);
  assert.equal(view.getUint32(4, true), audio.length - 8);
  assert.equal(view.getUint16(20, true), 1, "PCM");
  assert.equal(view.getUint16(22, true), 2, "channels");
  assert.equal(view.getUint32(24, true), 44_100, "sample rate");
  assert.equal(view.getUint32(28, true), 44_100 * 4, "bytes per second");
  assert.equal(view.getUint16(34, true), 16, "bits per sample");
  assert.equal(view.getUint32(40, true), audio.length - 44);
  assert.ok(audio.length > 1024 * 1024, `${audio.length} bytes`);
  const samples = new Int16Array(audio.buffer.slice(audio.byteOffset + 44, audio.byteOffset + audio.length));
  assert.ok(samples.some((s) => Math.abs(s) > 8000), "a tone you can hear");
  assert.ok(samples.every((s) => Math.abs(s) <= 0.25 * 32767 + 1), "and not a loud one");
});

test("demo media: one note a second, rising through the pentatonic scale and starting again after ten", () => {
  const samples = new Int16Array(audio.buffer.slice(audio.byteOffset + 44, audio.byteOffset + audio.length));
  // A sine of f Hz crosses zero 2f times a second: count the left channel's sign changes.
  const pitch = (second: number) => {
    let crossings = 0;
    for (let i = second * 44_100 + 1; i < (second + 1) * 44_100; i++) {
      if ((samples[2 * i - 2]! < 0) !== (samples[2 * i]! < 0)) crossings++;
    }
    return crossings / 2;
  };
  const semitones = [0, 2, 4, 7, 9, 12, 14, 16, 19, 21];
  for (const [second, semitone] of semitones.entries()) {
    const expected = 220 * 2 ** (semitone / 12);
    assert.ok(
      Math.abs(pitch(second) - expected) < expected * 0.03,
      `second ${second}: ${pitch(second)} Hz, not ${expected}`,
    );
  }
  assert.deepEqual(samples.subarray(25 * 88_200, 26 * 88_200), samples.subarray(5 * 88_200, 6 * 88_200));
});

test("demo media: writeMedia writes the same files again, into a directory it creates", () => {
  const again = join(dir, "again", "nested");
  const media = writeMedia(again);
  assert.deepEqual(readFileSync(media.audio), audio);
  assert.equal(readFileSync(media.document, "utf8"), readFileSync(join(dir, "resume.txt"), "utf8"));
});

test("demo /: the page, an HTMLResponse", async () => {
  await withServer(demo, async (url) => {
    const res = await fetch(url);
    await res.arrayBuffer();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
  });
});

test("demo /: the page has every section", async (t) => {
  const html = await withServer(demo, async (url) => await (await fetch(url)).text());
  for (const id of ["json", "stream", "redirects", "cookies", "download", "media", "clock", "problems", "statuses"]) {
    await t.test(id, () => assert.ok(html.includes(`<section id="${id}"`)));
  }
});

test("demo JSON: JsonResponseOK names the runtime; JSONResponse sends an array", async () => {
  await withServer(demo, async (url) => {
    const hello = await fetch(`${url}/api/hello`);
    assert.equal(hello.status, 200);
    assert.equal(hello.headers.get("content-type"), "application/json");
    const body = await json<{ message: string; runtime: string }>(hello);
    assert.equal(body.message, "Hello from allresponses");
    assert.match(body.runtime, /^(Deno|Bun|Node\.js)\/\d/);
    const any = await fetch(`${url}/api/any`);
    assert.deepEqual(await any.json(), ["Starlette's JSONResponse", "takes any JSON value", 42, null]);
  });
});

test("demo redirects: 307 keeps the POST, 302 lets the client switch to GET; Locations percent-encoded", async () => {
  await withServer(demo, async (url) => {
    const r307 = await fetch(`${url}/redirect/307`, { method: "POST", redirect: "manual" });
    assert.equal(r307.status, 307);
    assert.equal(r307.headers.get("location"), "/landing?via=RedirectResponse%20(307)");
    const r302 = await fetch(`${url}/redirect/302`, { method: "POST", redirect: "manual" });
    assert.equal(r302.status, 302);
    assert.equal(r302.headers.get("location"), "/landing?via=HttpResponseRedirect%20(302)");
    const kept = await json(fetch(`${url}/redirect/307`, { method: "POST" }));
    assert.deepEqual(kept, { landed: "/landing", via: "RedirectResponse (307)", method: "POST" });
    const switched = await json(fetch(`${url}/redirect/302`, { method: "POST" }));
    assert.equal(switched.method, "GET");
  });
});

test("demo cookies: set, read back, signed and verified, forged and refused, deleted", async () => {
  await withServer(demo, async (url) => {
    const read = async (cookie: string) =>
      await json<{ cookies: Record<string, string>; session: string | false | null }>(
        fetch(`${url}/cookies`, { headers: cookie ? { cookie } : {} }),
      );
    assert.deepEqual(await read(""), { cookies: {}, session: null });

    const set = await fetch(`${url}/cookies/set`, { method: "POST" });
    assert.equal(set.status, 200);
    const [flavour] = set.headers.getSetCookie();
    assert.equal(flavour, "flavour=oatmeal%20raisin%20%F0%9F%8D%AA; Max-Age=3600; Path=/; SameSite=Lax");
    assert.deepEqual((await read(cookieHeader([flavour!]))).cookies, { flavour: "oatmeal raisin 🍪" });

    const signed = (await fetch(`${url}/cookies/sign`, { method: "POST" })).headers.getSetCookie();
    assert.match(signed[0]!, /^session=ada\.[^;]+; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.equal((await read(cookieHeader(signed))).session, "ada");

    const forged = (await fetch(`${url}/cookies/tamper`, { method: "POST" })).headers.getSetCookie();
    assert.match(forged[0]!, /^session=admin\./);
    assert.equal((await read(cookieHeader(forged))).session, false);

    const deleted = (await fetch(`${url}/cookies/delete`, { method: "POST" })).headers.getSetCookie();
    assert.equal(deleted.length, 2);
    for (const [i, name] of ["flavour", "session"].entries()) {
      assert.equal(deleted[i], `${name}=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; SameSite=Lax`);
    }
  });
});

test("demo cookies: the endpoints that change cookies take POST only", async (t) => {
  await withServer(demo, async (url) => {
    for (const path of ["/cookies/set", "/cookies/sign", "/cookies/tamper", "/cookies/delete"]) {
      await t.test(path, async () => {
        const res = await fetch(url + path);
        await res.body?.cancel();
        assert.equal(res.status, 405);
        assert.equal(res.headers.get("allow"), "POST");
      });
    }
  });
});

test("demo download: FileResponse as an attachment with the Unicode filename, its bytes, and HEAD", async () => {
  await withServer(demo, async (url) => {
    const res = await fetch(`${url}/download`);
    assert.equal(res.status, 200);
    assert.equal(
      res.headers.get("content-disposition"),
      `attachment; filename="resume 2026 _ naive.txt"; filename*=UTF-8''${encodeURIComponent(DOWNLOAD_NAME)}`,
    );
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    const text = await res.text();
    assert.equal(text, readFileSync(join(dir, "resume.txt"), "utf8"));
    assert.ok(text.startsWith("Résumé — naïve café owner, 2026"));
    const head = await fetch(`${url}/download`, { method: "HEAD" });
    assert.equal(head.headers.get("content-disposition"), res.headers.get("content-disposition"));
    assert.equal(head.headers.get("content-length"), String(new TextEncoder().encode(text).length));
    assert.equal((await head.arrayBuffer()).byteLength, 0);
  });
});

test("demo media: a Range request gets 206 and those bytes, If-None-Match a 304, and /media/log records them", async () => {
  await withServer(demo, async (url) => {
    const start = 44 + 25 * 44_100 * 4;
    const res = await fetch(`${url}/media/scale.wav`, { headers: { range: `bytes=${start}-${start + 65535}` } });
    assert.equal(res.status, 206);
    assert.equal(res.headers.get("content-range"), `bytes ${start}-${start + 65535}/${audio.length}`);
    assert.equal(res.headers.get("content-type"), "audio/wav");
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), new Uint8Array(audio.subarray(start, start + 65536)));

    const etag = res.headers.get("etag")!;
    const cached = await fetch(`${url}/media/scale.wav`, { headers: { "if-none-match": etag, range: "bytes=0-" } });
    assert.equal(cached.status, 304);
    await cached.body?.cancel();

    const log = await json<MediaLogEntry[]>(fetch(`${url}/media/log`));
    assert.deepEqual(log.slice(-2), [
      {
        range: `bytes=${start}-${start + 65535}`,
        status: 206,
        contentRange: `bytes ${start}-${start + 65535}/${audio.length}`,
      },
      { range: "bytes=0-", status: 304, contentRange: null },
    ]);
  });
});

test("demo media: /media/log keeps the last 8 requests", async () => {
  await withServer(demo, async (url) => {
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${url}/media/scale.wav`, { headers: { range: `bytes=${i}-${i}` } });
      assert.equal(res.status, 206);
      await res.arrayBuffer();
    }
    const log = await json<MediaLogEntry[]>(fetch(`${url}/media/log`));
    assert.deepEqual(log.map((entry) => entry.range), [2, 3, 4, 5, 6, 7, 8, 9].map((i) => `bytes=${i}-${i}`));
  });
});

test("demo stream: StreamingResponse sends the countdown as it is made, without Content-Length", async () => {
  await withServer(demo, async (url) => {
    const started = Date.now();
    const res = await fetch(`${url}/stream`);
    assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(res.headers.get("content-length"), null);
    const arrivals: number[] = [];
    let text = "";
    const decoder = new TextDecoder();
    for await (const chunk of res.body!) {
      arrivals.push(Date.now() - started);
      text += decoder.decode(chunk, { stream: true });
    }
    assert.equal(text, "5…\n4…\n3…\n2…\n1…\nliftoff\n");
    assert.ok(arrivals.length >= 3, `${arrivals.length} chunks`);
    assert.ok(arrivals.at(-1)! - arrivals[0]! >= 1000, `all within ${arrivals.at(-1)! - arrivals[0]!} ms`);
  });
});

test("demo clock: /clock is the SSE example's page and /clock/events its tick stream", async () => {
  await withServer(demo, async (url) => {
    const page = await fetch(`${url}/clock`);
    assert.match(await page.text(), /new EventSource/);
    const res = await fetch(`${url}/clock/events`);
    assert.equal(res.headers.get("content-type"), "text/event-stream; charset=utf-8");
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("\r\n\r\n", text.indexOf("event: tick"))) {
      const { value, done } = await reader.read();
      assert.ok(!done, `the stream ended after ${JSON.stringify(text)}`);
      text += new TextDecoder().decode(value);
    }
    assert.match(text, /event: tick\r\ndata: \{"time":"[^"]+","clients":\d+\}/);
    await reader.cancel();
  });
});

/**
 * `/status/<code>` as the server sends it, redirects not followed. A 407 is asked of the handler
 * itself: fetch turns a 407 that no proxy sent into a network error (the Fetch standard; Node's
 * fetch and browsers do, Deno's and Bun's do not).
 */
async function get(url: string, code: number): Promise<Response> {
  if (code === 407) return await demo(new Request(`${url}/status/${code}`));
  return await fetch(`${url}/status/${code}`, { redirect: "manual" });
}

test("demo status gallery: every registered final status, answered by its own class", async (t) => {
  await withServer(demo, async (url) => {
    const gallery = await json<{ code: number; name: string; reason: string; className: string }[]>(
      fetch(`${url}/status`),
    );
    const final = Object.values(STATUS_CODE).filter((code) => code >= 200);
    assert.deepEqual(gallery.map((s) => s.code), final);
    for (const status of gallery) {
      await t.test(`${status.code} ${status.name}`, async () => {
        const res = await get(url, status.code);
        const text = await res.text();
        assert.equal(res.status, status.code);
        if ([204, 205, 304].includes(status.code)) {
          assert.equal(status.className, `HttpResponse${status.name}`);
          assert.equal(text, "");
          return;
        }
        assert.equal(status.className, `JsonResponse${status.name}`);
        assert.deepEqual(JSON.parse(text), {
          status: status.code,
          name: status.name,
          reason: status.reason,
          class: status.className,
        });
      });
    }
  });
});

test("demo status gallery: the status-specific headers", async (t) => {
  const rows: [number, string, string][] = [
    [201, "location", "/status/200"],
    [206, "content-range", "bytes 0-99/1000"],
    [301, "location", "/landing?via=301"],
    [401, "www-authenticate", 'Bearer realm="demo"'],
    [405, "allow", "GET, HEAD"],
    [407, "proxy-authenticate", 'Basic realm="demo proxy"'],
    [416, "content-range", "bytes */1000"],
    ...[408, 413, 429, 503].map((code): [number, string, string] => [code, "retry-after", "30"]),
  ];
  await withServer(demo, async (url) => {
    for (const [code, name, value] of rows) {
      await t.test(`${code} ${name}`, async () => {
        const res = await get(url, code);
        await res.arrayBuffer();
        assert.equal(res.headers.get(name), value);
      });
    }
  });
});

test("demo status gallery: no 1xx and nothing outside the registry", async (t) => {
  await withServer(demo, async (url) => {
    for (const code of [100, 101, 103, 199, 600]) {
      await t.test(String(code), async () => {
        const res = await fetch(`${url}/status/${code}`);
        await res.arrayBuffer();
        assert.equal(res.status, 404);
      });
    }
  });
});

test("demo problem details: HttpError inside handle() → problem+json or text by Accept; crashes reveal nothing", async () => {
  await withServer(demo, async (url) => {
    const acceptJson = { accept: "application/json" };
    const missing = await fetch(`${url}/problem/missing`, { headers: acceptJson });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("content-type"), "application/problem+json");
    assert.deepEqual(await missing.json(), {
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "There is no user 42",
    });

    const teapot = await fetch(`${url}/problem/teapot`, { headers: { accept: "text/plain" } });
    assert.equal(teapot.status, 418);
    assert.equal(teapot.headers.get("content-type"), "text/plain; charset=utf-8");
    assert.equal(teapot.headers.get("retry-after"), "120");
    assert.equal(await teapot.text(), "This server only brews tea");

    const before = errors.length;
    const crash = await fetch(`${url}/problem/crash`, { headers: acceptJson });
    assert.equal(crash.status, 500);
    const body = await crash.text();
    assert.ok(!body.includes("hunter2"), body);
    assert.deepEqual(JSON.parse(body), { type: "about:blank", title: "Internal Server Error", status: 500 });
    assert.equal(errors.length, before + 1, "the crash reached onError");
    assert.match(String(errors.at(-1)), /hunter2/);

    const credit = await fetch(`${url}/problem/credit`);
    assert.equal(credit.status, 403);
    assert.equal(credit.headers.get("content-type"), "application/problem+json");
    assert.equal((await json(credit)).balance, 30);
  });
});

test("demo: an unknown path is a 404 that says which, and HttpErrors never reach onError", async () => {
  await withServer(demo, async (url) => {
    const before = errors.length;
    const res = await fetch(`${url}/nowhere`);
    assert.equal(res.status, 404);
    assert.equal(await res.text(), "Nothing at /nowhere");
    assert.equal(errors.length, before);
  });
});
