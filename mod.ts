/**
 * allresponses: Django's and Starlette's response classes for the web-standard `Response`,
 * on Deno, Bun and Node. One class per HTTP status, HTML/text/JSON/redirect responses,
 * errors that become responses, and the helpers behind them.
 *
 * @example
 * ```ts
 * import { HttpResponseCreated, JsonResponseNotFound, RedirectResponse } from "allresponses";
 * Deno.serve((req) => {
 *   const { pathname } = new URL(req.url);
 *   if (pathname === "/old") return new RedirectResponse("/new");
 *   if (req.method === "POST") return new HttpResponseCreated("made", { location: "/items/1" });
 *   return new JsonResponseNotFound({ error: "nothing here" });
 * });
 * ```
 *
 * @module
 */

export { neverCache, patchCacheControl, patchVary } from "./src/cache.ts";
export type { CacheControlDirectives } from "./src/cache.ts";
export * from "./src/classes.ts";
export { compressResponse } from "./src/compress.ts";
export type { CompressionOptions, Encoding } from "./src/compress.ts";
export { condition, evaluatePreconditions } from "./src/conditional.ts";
export type { ConditionalValidators, ConditionOptions, ValidatorFunction } from "./src/conditional.ts";
export { conditionalGet } from "./src/hono_middleware.ts";
export { getCookies, getSignedCookie } from "./src/cookies.ts";
export type { CookieOptions, Priority, SameSite } from "./src/cookies.ts";
export { handle, Http404, HttpError, ProblemDetailsResponse } from "./src/errors.ts";
export type { HandleOptions, Handler, HttpErrorInit, ProblemDetails } from "./src/errors.ts";
export type {
  HttpStatusClass,
  InterimStatusClass,
  JsonNotAllowedClass,
  JsonStatusClass,
  JsonStatusInit,
  JsonStatusResponse,
  NotAllowedClass,
  NullBodyStatusClass,
  RedirectStatus,
  RedirectStatusClass,
  RedirectStatusInit,
  StatusInit,
  StatusOptionKeys,
  StatusOptions,
  StatusResponse,
} from "./src/factory.ts";
export { contentDisposition } from "./src/disposition.ts";
export type { DispositionType } from "./src/disposition.ts";
export { FileResponse } from "./src/file.ts";
export type { FileResponseInit } from "./src/file.ts";
export type { FileSource } from "./src/file.ts";
export { BadHeaderError } from "./src/headers.ts";
export type { HeadersInit } from "./src/headers.ts";
export { JSONResponse, JsonResponse } from "./src/json.ts";
export type { DjangoJsonInit, JsonInit } from "./src/json.ts";
export { contentType } from "./src/media.ts";
export { parseRange } from "./src/range.ts";
export type { ByteRange } from "./src/range.ts";
export { DisallowedRedirect, RedirectResponse } from "./src/redirect.ts";
export type { RedirectInit, RedirectResponseInit } from "./src/redirect.ts";
export { HTMLResponse, HttpResponse, PlainTextResponse } from "./src/response.ts";
export type { BodyContent, HttpResponseInit } from "./src/response.ts";
export { encodeServerSentEvent, EventSourceResponse, lastEventId } from "./src/sse.ts";
export type { EventSeparator, EventSourceResponseInit, ServerSentEvent, ServerSentEventSource } from "./src/sse.ts";
export { STATUS_CODE, STATUS_TEXT } from "./src/status.ts";
export type { StatusCode, StatusName } from "./src/status.ts";
export { staticFiles } from "./src/static.ts";
export type { StaticFilesHandler, StaticFilesOptions } from "./src/static.ts";
export { StreamingHttpResponse, StreamingResponse } from "./src/stream.ts";
export type { StreamChunk, StreamContent, StreamingResponseInit } from "./src/stream.ts";
export { httpDate, retryAfterValue, setContentLocation } from "./src/util.ts";
export { EventHub } from "./src/hub.ts";
export type { EventBroker, EventHubOptions, StoredEvent } from "./src/hub.ts";
export type { CloseReason } from "./src/sse.ts";
