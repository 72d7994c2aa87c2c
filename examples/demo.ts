/**
 * The allresponses demo: one server, one page, every kind of response working in a browser —
 * JSON, redirects, cookies (plain and signed), a download with a Unicode filename, an audio file
 * the browser seeks in with Range requests, a streamed body, a live clock over server-sent
 * events, a gallery of every status class, and problem details.
 *
 * Run it with `npm start` (Deno) or `npm run start:bun` (Bun), then open
 * http://127.0.0.1:8000/ (`PORT` changes the port; `PORT=0` takes a free one). The media it
 * serves is generated at start into `.demo-media/`: nothing is downloaded.
 *
 * @module
 */

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as allresponses from "../mod.ts";
import {
  FileResponse,
  getCookies,
  getSignedCookie,
  handle,
  HTMLResponse,
  Http404,
  HttpError,
  HttpResponseRedirect,
  JSONResponse,
  JsonResponseOK,
  ProblemDetailsResponse,
  RedirectResponse,
  STATUS_CODE,
  STATUS_TEXT,
  type StatusName,
  StreamingResponse,
} from "../mod.ts";
import { handler as clock } from "./sse-clock.ts";

/** The name the download is saved under: non-ASCII, spaces and a dash, as RFC 8187 allows. */
export const DOWNLOAD_NAME = "résumé 2026 — naïve.txt";

/** The files {@link writeMedia} generates. */
export interface DemoMedia {
  /** A WAV file: 16-bit stereo PCM at 44.1 kHz, one note per second of a rising scale. */
  audio: string;
  /** A UTF-8 text file, served as the download. */
  document: string;
}

/**
 * Seconds of audio: at 176,400 bytes a second, about 8.5 MB — more than a browser reads ahead
 * for `preload="metadata"`, so that a seek far into it needs a Range request.
 */
const AUDIO_SECONDS = 48;
const SAMPLE_RATE = 44_100;

/**
 * Writes the demo's media into `dir` (created if missing): a WAV of a rising pentatonic scale,
 * one note per second, ten notes over and over (so a seek is audible as a change of pitch), and
 * the text file the download serves.
 *
 * @param dir The directory to write into.
 * @returns The paths of the two files.
 * @example
 * ```ts
 * import { writeMedia } from "./demo.ts";
 * const { audio } = writeMedia("/tmp/demo-media"); // "/tmp/demo-media/scale.wav"
 * ```
 */
export function writeMedia(dir: string): DemoMedia {
  mkdirSync(dir, { recursive: true });
  const audio = join(dir, "scale.wav");
  const document = join(dir, "resume.txt");
  writeFileSync(audio, wav(AUDIO_SECONDS));
  writeFileSync(
    document,
    `Résumé — naïve café owner, 2026\n\n` +
      `This file was written by the allresponses demo when it started and sent by FileResponse\n` +
      `with asAttachment and filename "${DOWNLOAD_NAME}": Content-Disposition carries an ASCII\n` +
      `fallback and the UTF-8 name (RFC 6266 and RFC 8187).\n`,
  );
  return { audio, document };
}

/** The notes of the scale, in semitones above A3: two octaves of the major pentatonic scale. */
const SCALE = [0, 2, 4, 7, 9, 12, 14, 16, 19, 21];

/**
 * A RIFF/WAVE file of `seconds` of 16-bit stereo PCM: the {@link SCALE}, one note a second, over
 * and over. Each note starts and ends at silence, so the repeats are copies of the first ones.
 */
function wav(seconds: number): Uint8Array {
  const bytesPerSecond = SAMPLE_RATE * 4; // two channels of two bytes
  const dataLength = seconds * bytesPerSecond;
  const bytes = new Uint8Array(44 + dataLength);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataLength, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // the fmt chunk's length
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 2, true); // channels
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, bytesPerSecond, true);
  view.setUint16(32, 4, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, dataLength, true);
  // An Int16Array is far faster to fill than a DataView (on Bun, tenfold), but writes in the
  // platform's byte order: the samples are swapped to little-endian below where that differs.
  const samples = new Int16Array(bytes.buffer, 44, seconds * SAMPLE_RATE * 2);
  const notes = Math.min(seconds, SCALE.length);
  for (let second = 0; second < notes; second++) {
    const frequency = 220 * 2 ** (SCALE[second]! / 12);
    for (let i = 0; i < SAMPLE_RATE; i++) {
      const t = i / SAMPLE_RATE;
      const level = 0.25 * 32767 * Math.min(1, t / 0.02) * Math.min(1, (1 - t) / 0.1); // no clicks
      const frame = 2 * (second * SAMPLE_RATE + i);
      samples[frame] = Math.round(level * Math.sin(2 * Math.PI * frequency * t));
      samples[frame + 1] = Math.round(level * Math.sin(2 * Math.PI * frequency * 1.003 * t));
    }
  }
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 0) {
    for (let i = 0; i < notes * SAMPLE_RATE * 2; i++) view.setInt16(44 + 2 * i, samples[i]!, true);
  }
  for (let second = notes; second < seconds; second++) {
    const from = 44 + (second % notes) * bytesPerSecond;
    bytes.copyWithin(44 + second * bytesPerSecond, from, from + bytesPerSecond);
  }
  return bytes;
}

/** What the server did with one request for the audio file, as `/media/log` reports it. */
export interface MediaLogEntry {
  /** The request's Range header, or null. */
  range: string | null;
  /** The status sent: 200, 206, 304 or 416. */
  status: number;
  /** The Content-Range sent, or null. */
  contentRange: string | null;
}

/** Options of {@link createDemo}. */
export interface DemoOptions {
  /** Where to write the generated media. */
  mediaDir: string;
  /** The secret signed cookies are signed with. Default: a random one per start. */
  secret?: string;
  /**
   * Called with every error a route throws that is not an `HttpError` (those are answers, not
   * faults). Default: logs it with `console.error`.
   */
  onError?: (error: unknown, request: Request) => void;
}

/** A status class's constructor, looked up by name: `(data, init)`, or `()` for null-body statuses. */
type AnyStatusClass = new (...args: unknown[]) => Response;

/** The classes by name, for the status gallery. */
const classes = allresponses as unknown as Record<string, AnyStatusClass | undefined>;

/** A status of the gallery: every registered final status (1xx cannot be a response). */
interface GalleryStatus {
  code: number;
  name: StatusName;
  reason: string;
  className: string;
}

/** Every registered status from 200 to 599, with the class the gallery answers it with. */
const gallery: GalleryStatus[] = (Object.entries(STATUS_CODE) as [StatusName, number][])
  .filter(([, code]) => code >= 200)
  .map(([name, code]) => ({
    code,
    name,
    reason: STATUS_TEXT[code as keyof typeof STATUS_TEXT],
    className: `${classes[`JsonResponse${name}`] ? "Json" : "Http"}Response${name}`,
  }));

/** The status-specific options the gallery shows off. */
function statusOptions(code: number): Record<string, unknown> {
  if (code === 201) return { location: "/status/200" };
  if (code === 206) return { contentRange: [0, 99, 1000] };
  if (code === 401) return { wwwAuthenticate: 'Bearer realm="demo"' };
  if (code === 407) return { proxyAuthenticate: 'Basic realm="demo proxy"' };
  if (code === 416) return { totalLength: 1000 };
  if (code === 408 || code === 413 || code === 429 || code === 503) return { retryAfter: 30 };
  if (code >= 300 && code < 400 && code !== 304) return { location: `/landing?via=${code}` };
  return {};
}

/** The response of `/status/<code>`: the status's own class, with its options. */
function statusResponse(status: GalleryStatus): Response {
  const Class = classes[status.className]!;
  const { code, name, reason, className } = status;
  if (className.startsWith("Http")) return new Class(); // 204, 205, 304: no body at all
  const data = { status: code, name, reason, class: className };
  if (code === 405) return new Class(["GET", "HEAD"], data);
  return new Class(data, statusOptions(code));
}

/** The runtime serving the demo, e.g. `Deno/2.9.6`, `Bun/1.4.5` or `Node.js/20.20.2`. */
function runtimeName(): string {
  const { navigator, process } = globalThis as {
    navigator?: { userAgent?: string };
    process?: { versions?: { node?: string } };
  };
  if (navigator?.userAgent) return navigator.userAgent;
  return process?.versions?.node ? `Node.js/${process.versions.node}` : "an unknown runtime";
}

/** A countdown, one line every 300 ms: the browser shows each line as it arrives. */
async function* countdown(): AsyncGenerator<string> {
  for (let n = 5; n > 0; n--) {
    yield `${n}…\n`;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  yield "liftoff\n";
}

/** Throws a 405 (with `Allow`) unless the request's method is one of `methods`. */
function allow(request: Request, ...methods: string[]): void {
  if (!methods.includes(request.method)) {
    throw new HttpError(405, `Use ${methods.join(" or ")}`, { headers: { allow: methods.join(", ") } });
  }
}

/**
 * Creates the demo's handler: it writes the media (see {@link writeMedia}) and returns a
 * `Deno.serve` / `Bun.serve` handler wrapped in `handle()`, so that the `HttpError`s it throws
 * become responses (problem details for clients that accept JSON).
 *
 * @example
 * ```ts
 * import { createDemo } from "./demo.ts";
 * Deno.serve({ port: 8000 }, createDemo({ mediaDir: "/tmp/demo-media" }));
 * ```
 */
export function createDemo(options: DemoOptions): (request: Request) => Promise<Response> {
  const media = writeMedia(options.mediaDir);
  const secret = options.secret ?? crypto.randomUUID();
  const page = readFileSync(new URL("./demo.html", import.meta.url), "utf8");
  const mediaLog: MediaLogEntry[] = [];
  const onError = options.onError ??
    ((error: unknown, request: Request) => console.error(`demo: ${request.method} ${request.url} threw`, error));

  return handle(async (request) => {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === "/") return new HTMLResponse(page);
    if (path === "/clock" || path.startsWith("/clock/")) return clock(request);

    // JSON
    if (path === "/api/hello") {
      const time = new Date().toISOString();
      return new JsonResponseOK({ message: "Hello from allresponses", runtime: runtimeName(), time });
    }
    if (path === "/api/any") return new JSONResponse(["Starlette's JSONResponse", "takes any JSON value", 42, null]);

    // A body that arrives as it is made
    if (path === "/stream") return new StreamingResponse(countdown(), { request, mediaType: "text/plain" });

    // Redirects: a 307 keeps the method and body, a 302 lets the browser turn a POST into a GET.
    if (path === "/redirect/307") return new RedirectResponse("/landing?via=RedirectResponse (307)");
    if (path === "/redirect/302") return new HttpResponseRedirect("/landing?via=HttpResponseRedirect (302)");
    if (path === "/landing") {
      return new JsonResponseOK({ landed: path, via: url.searchParams.get("via"), method: request.method });
    }

    // Cookies
    if (path === "/cookies") {
      return new JsonResponseOK({
        cookies: getCookies(request),
        session: await getSignedCookie(request, secret, "session") ?? null,
      });
    }
    if (path === "/cookies/set") {
      allow(request, "POST");
      const value = url.searchParams.get("value") ?? "oatmeal raisin 🍪";
      return new JsonResponseOK({ set: { flavour: value } }).setCookie("flavour", value, { maxAge: 3600 });
    }
    if (path === "/cookies/sign") {
      allow(request, "POST");
      return await new JsonResponseOK({ signed: { session: "ada" } })
        .setSignedCookie("session", "ada", secret, { httpOnly: true, maxAge: 3600 });
    }
    if (path === "/cookies/tamper") {
      allow(request, "POST");
      const forged = "admin.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
      return new JsonResponseOK({ forged: { session: forged } })
        .setCookie("session", forged, { httpOnly: true, maxAge: 3600 });
    }
    if (path === "/cookies/delete") {
      allow(request, "POST");
      return new JsonResponseOK({ deleted: ["flavour", "session"] }).deleteCookie("flavour").deleteCookie("session");
    }

    // Files: the download, and the audio the page seeks in (Range → 206).
    if (path === "/download") {
      allow(request, "GET", "HEAD");
      return new FileResponse(media.document, { request, asAttachment: true, filename: DOWNLOAD_NAME });
    }
    if (path === "/media/scale.wav") {
      allow(request, "GET", "HEAD");
      const response = new FileResponse(media.audio, { request });
      mediaLog.push({
        range: request.headers.get("range"),
        status: response.status,
        contentRange: response.headers.get("content-range"),
      });
      mediaLog.splice(0, mediaLog.length - 8);
      return response;
    }
    if (path === "/media/log") return new JsonResponseOK(mediaLog);

    // The status gallery
    if (path === "/status") return new JSONResponse(gallery);
    if (path.startsWith("/status/")) {
      const status = gallery.find((s) => String(s.code) === path.slice("/status/".length));
      if (!status) throw new Http404(`No registered final status ${path.slice("/status/".length)}`);
      return statusResponse(status);
    }

    // Problem details: what handle() makes of what a handler throws.
    if (path === "/problem/missing") throw new Http404("There is no user 42");
    if (path === "/problem/teapot") {
      throw new HttpError(418, "This server only brews tea", { headers: { "retry-after": "120" } });
    }
    if (path === "/problem/crash") throw new Error("database password is hunter2");
    if (path === "/problem/credit") {
      return new ProblemDetailsResponse({
        type: "https://example.com/probs/out-of-credit",
        title: "You do not have enough credit.",
        status: 403,
        detail: "Your current balance is 30, but that costs 50.",
        balance: 30,
      });
    }
    throw new Http404(`Nothing at ${path}`);
  }, {
    onError(error, request) {
      if (!(error instanceof HttpError)) onError(error, request);
    },
  });
}

interface Runtimes {
  Deno?: {
    env: { get(name: string): string | undefined };
    serve(
      options: { port: number; hostname: string; onListen(addr: { port: number }): void },
      handler: (request: Request) => Promise<Response>,
    ): unknown;
  };
  Bun?: {
    serve(options: { port: number; hostname: string; fetch: (request: Request) => Promise<Response> }): {
      port: number;
    };
  };
  process?: { env: Record<string, string | undefined> };
}

if (import.meta.main) {
  const { Deno, Bun, process } = globalThis as unknown as Runtimes;
  const port = Number((Deno ? Deno.env.get("PORT") : process?.env.PORT) ?? 8000);
  const hostname = "127.0.0.1";
  const handler = createDemo({ mediaDir: fileURLToPath(new URL("../.demo-media/", import.meta.url)) });
  const listening = (port: number) => console.log(`allresponses demo on http://${hostname}:${port}/`);
  if (Deno) {
    Deno.serve({ port, hostname, onListen: (addr) => listening(addr.port) }, handler);
  } else if (Bun) {
    listening(Bun.serve({ port, hostname, fetch: handler }).port);
  } else {
    console.error("Run the demo with Deno (npm start) or Bun (npm run start:bun).");
  }
}
