#!/usr/bin/env node
// npm run gen: writes src/classes.ts, one class per registered status, from the status table
// (src/status.ts) and the per-status wording below. `classesSource` is the pure part, which
// tests/generated.test.ts compares with the file so that a stale file fails the suite.
// Run under Bun (`bun scripts/gen-classes.mjs`), which imports the TypeScript status table.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The file this script writes. */
export const CLASSES_FILE = fileURLToPath(new URL("../src/classes.ts", import.meta.url));

/** What each status means, for its classes' documentation. */
const MEANING = {
  100: "the client should continue with its request",
  101: "the server switches to the protocol named in Upgrade",
  102: "the server has accepted the request and is still working on it (WebDAV)",
  103: "hints at headers the final response will carry, such as Link preloads",
  104: "the server supports resumable uploads",
  200: "the request succeeded",
  201: "the request created a resource, named by Location",
  202: "the request was accepted for processing that has not finished",
  203: "a transforming proxy changed the origin's response",
  204: "the request succeeded and there is no content to send",
  205: "the request succeeded and the client should reset its document view",
  206: "the response carries the requested ranges of the representation",
  207: "the body holds a status for each of several resources (WebDAV)",
  208: "the members of a binding were already listed (WebDAV)",
  226: "the response is the result of instance manipulations applied to the current instance",
  300: "the resource has several representations to choose from",
  301: "the resource has moved for good; clients may change POST to GET",
  302: "the resource is found elsewhere for now; clients may change POST to GET",
  303: "the result is at another URI, to be fetched with GET",
  304: "the client's cached copy is still good",
  305: "deprecated: the resource must be reached through a proxy",
  307: "the resource is elsewhere for now; the method and body are kept",
  308: "the resource has moved for good; the method and body are kept",
  400: "the request is malformed",
  401: "the request lacks valid credentials for the resource",
  402: "reserved for future use; used by some payment APIs",
  403: "the server understood the request and refuses it",
  404: "there is no representation for the target resource",
  405: "the method is not supported by the resource; Allow lists those that are",
  406: "no representation matches the request's Accept headers",
  407: "the client must authenticate with the proxy",
  408: "the server timed out waiting for the request",
  409: "the request conflicts with the resource's current state",
  410: "the resource is gone for good",
  411: "the request needs a Content-Length",
  412: "a precondition in the request headers failed",
  413: "the request content is larger than the server will process",
  414: "the target URI is longer than the server will interpret",
  415: "the request content is in a format the resource does not support",
  416: "none of the requested ranges can be satisfied",
  417: "the Expect header's expectation cannot be met",
  418: "reserved (RFC 9110 §15.5.19); the RFC 2324 teapot",
  421: "the request reached a server that cannot answer for its authority",
  422: "the content is well-formed but cannot be processed",
  423: "the resource is locked (WebDAV)",
  424: "the request failed because an action it depended on failed (WebDAV)",
  425: "the server will not risk processing a request that might be replayed",
  426: "the client must switch to the protocol named in Upgrade",
  428: "the request must be conditional",
  429: "the client sent too many requests",
  431: "the request's header fields are too large",
  451: "the resource is unavailable for legal reasons",
  500: "the server hit an unexpected condition",
  501: "the server does not support the functionality required",
  502: "an upstream server sent an invalid response",
  503: "the server cannot handle the request for now",
  504: "an upstream server did not answer in time",
  505: "the server does not support the request's HTTP version",
  506: "the server's content negotiation is misconfigured",
  507: "the server cannot store what the request needs (WebDAV)",
  508: "the server found an infinite loop (WebDAV)",
  510: "the request lacks a required extension (obsoleted by RFC 9110)",
  511: "the client must authenticate to gain network access",
};

/** The status-specific option each status's example shows. */
const EXAMPLE_OPTIONS = {
  201: '{ location: "/items/7" }',
  206: "{ contentRange: [0, 1023, 2048] }",
  300: '{ location: "/choices/best" }',
  305: '{ location: "http://proxy.example/" }',
  401: "{ wwwAuthenticate: 'Bearer realm=\"api\"' }",
  407: "{ proxyAuthenticate: 'Basic realm=\"proxy\"' }",
  408: "{ retryAfter: 5 }",
  413: "{ retryAfter: 60 }",
  416: "{ totalLength: 2048 }",
  426: '{ upgrade: "HTTP/3" }',
  429: "{ retryAfter: 30 }",
  503: "{ retryAfter: 120 }",
};

/** Django's names, each the same class as a registered one. */
const ALIASES = [
  {
    name: "HttpResponseRedirect",
    of: "HttpResponseFound",
    type: "RedirectStatusClass<302>",
    doc: "`302` Found, under Django's name.",
    example: 'new HttpResponseRedirect("/login");',
  },
  {
    name: "HttpResponseServerError",
    of: "HttpResponseInternalServerError",
    type: "HttpStatusClass<500>",
    doc: "`500` Internal Server Error, under Django's name.",
    example: 'new HttpResponseServerError("Something broke");',
  },
  {
    name: "HttpResponseNotAllowed",
    of: "HttpResponseMethodNotAllowed",
    type: "NotAllowedClass",
    doc: "`405` Method Not Allowed, under Django's name: takes the permitted methods first.",
    example: 'new HttpResponseNotAllowed(["GET", "HEAD"]); // allow: GET, HEAD',
  },
  {
    name: "JsonResponseServerError",
    of: "JsonResponseInternalServerError",
    type: "JsonStatusClass<500>",
    doc: "`500` Internal Server Error with a JSON body, under Django's naming.",
    example: 'new JsonResponseServerError({ error: "internal" });',
  },
  {
    name: "JsonResponseNotAllowed",
    of: "JsonResponseMethodNotAllowed",
    type: "JsonNotAllowedClass",
    doc: "`405` Method Not Allowed with a JSON body, under Django's naming: takes the permitted methods first.",
    example: 'new JsonResponseNotAllowed(["POST"], { error: "use POST" });',
  },
];

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);
const HEADER = `/**
 * One class per registered status: \`HttpResponse<Name>\` for every status and
 * \`JsonResponse<Name>\` for every status that allows content, plus the Django names as aliases.
 *
 * Generated by \`npm run gen\` (scripts/gen-classes.mjs) from the status table in \`status.ts\`:
 * edit the script, not this file. Each class is a class expression given its defaults by a pure
 * call (cheap to evaluate at import, and a bundler may drop the classes a program does not use),
 * whose constructor hands its checks to \`factory.ts\`; the JSON classes are cast
 * through \`unknown\` to their types, whose \`_data\`/\`_status\`/\`_format\` exist for Hono's \`hc\` only.
 *
 * @module
 */

import {
  checkFixedStatus,
  type HttpStatusClass,
  type InterimStatusClass,
  interimStatusError,
  jsonBody,
  jsonDefaults,
  type JsonNotAllowedClass,
  type JsonStatusClass,
  type JsonStatusInit,
  type NotAllowedClass,
  notAllowedInit,
  type NullBodyStatusClass,
  type RedirectStatusClass,
  type RedirectStatusInit,
  type StatusInit,
  statusInit,
  withDefaults,
} from "./factory.ts";
import { RedirectResponse } from "./redirect.ts";
import { type BodyContent, HttpResponse, NO_INIT } from "./response.ts";
`;

function docComment(lines, example) {
  return [
    "/**",
    ...lines.map((l) => ` * ${l}`),
    " *",
    " * @example",
    " * ```ts",
    ...example.map((l) => ` * ${l}`),
    " * ```",
    " */",
  ]
    .join("\n");
}

// `export const <name>: <type> = withDefaults("<name>", <defaults>, class <name> extends <base> {…})
// as <type>;`, laid out as `deno fmt` lays it out, so that the file needs no formatting after
// generation. The name and the defaults are defined on the class by a (pure) call rather than as
// static fields, whose initializers cost time at import (BENCHMARKS.md, cold start); the name is
// given as a string because a bundler may rename the class expression (esbuild makes it
// `HttpResponseNotFound2` beside the constant of the same name), and errors name the class. A
// JSON class's type has members that exist in types only (what Hono's `hc` reads), and an interim
// class's constructor never returns: those classes are cast through `unknown`.
function declaration(name, type, expression, defaults) {
  const cast = /^(Json|Interim)/.test(type) ? `unknown as ${type}` : type;
  const indented = expression.replaceAll("\n", "\n  ");
  return `export const ${name}: ${type} = /* @__PURE__ */ withDefaults(\n  "${name}",\n  ${defaults},\n  ${indented},\n) as ${cast};`;
}

function interimClass(code, text, name) {
  const doc = docComment(
    [
      `\`${code} ${text}\`: ${
        MEANING[code]
      }. A web \`Response\` cannot carry an interim status, so constructing this class throws a \`TypeError\` that says so.`,
    ],
    [
      `import { ${name} } from "allresponses";`,
      `new ${name}(); // throws TypeError: a web Response cannot be a ${code}`,
    ],
  );
  const body = `class ${name} {
  constructor() {
    throw interimStatusError(${code}, new.target);
  }
}`;
  return `${doc}\n${declaration(name, "InterimStatusClass", body, `{ status: ${code} }`)}`;
}

function redirectClass(code, text, name) {
  const doc = docComment(
    [`\`${code} ${text}\`: ${MEANING[code]}. Takes the target URL; redirect rules apply (schemes, encoding, length).`],
    [`import { ${name} } from "allresponses";`, `new ${name}("/new/place"); // location: /new/place`],
  );
  const body = `class ${name} extends RedirectResponse {
  constructor(url: string | URL, init: RedirectStatusInit<${code}> = NO_INIT) {
    checkFixedStatus(${code}, init, new.target);
    super(url, init);
  }
}`;
  return `${doc}\n${declaration(name, `RedirectStatusClass<${code}>`, body, `{ status: ${code}, contentType: "" }`)}`;
}

function nullBodyClass(code, text, name) {
  const doc = docComment(
    [`\`${code} ${text}\`: ${MEANING[code]}. Never has content.`],
    [`import { ${name} } from "allresponses";`, `new ${name}(); // no body, no Content-Type, no Content-Length`],
  );
  return `${doc}\n${declaration(name, `NullBodyStatusClass<${code}>`, httpBody(code, name), `{ status: ${code} }`)}`;
}

function httpBody(code, name) {
  return `class ${name} extends HttpResponse {
  constructor(content?: BodyContent, init?: StatusInit<${code}>) {
    super(content, statusInit(${code}, init, new.target));
  }
}`;
}

function httpClass(code, text, name) {
  const options = code === 101 ? '{ upgrade: "websocket" }' : EXAMPLE_OPTIONS[code];
  const content = code === 101 ? "null" : JSON.stringify(text);
  const doc = docComment(
    [`\`${code} ${text}\`: ${MEANING[code]}.`],
    [`import { ${name} } from "allresponses";`, `new ${name}(${content}${options ? `, ${options}` : ""});`],
  );
  return `${doc}\n${declaration(name, `HttpStatusClass<${code}>`, httpBody(code, name), `{ status: ${code} }`)}`;
}

function notAllowedClass(code, text, name) {
  const doc = docComment(
    [`\`${code} ${text}\`: ${MEANING[code]}. Takes the permitted methods first.`],
    [`import { ${name} } from "allresponses";`, `new ${name}(["GET", "HEAD"]); // allow: GET, HEAD`],
  );
  const body = `class ${name} extends HttpResponse {
  constructor(permittedMethods: readonly string[], content?: BodyContent, init?: StatusInit<${code}>) {
    super(content, notAllowedInit(permittedMethods, init, new.target));
  }
}`;
  return `${doc}\n${declaration(name, "NotAllowedClass", body, `{ status: ${code} }`)}`;
}

const JSON_SUFFIX = "`T` types the body for Hono's `hc` client.";

function jsonClass(code, text, name) {
  const options = REDIRECTS.has(code) ? '{ location: "/new/place" }' : EXAMPLE_OPTIONS[code];
  const doc = docComment(
    [`\`${code} ${text}\` with a JSON body (\`application/json\`): ${MEANING[code]}. ${JSON_SUFFIX}`],
    [
      `import { ${name} } from "allresponses";`,
      `new ${name}({ detail: ${JSON.stringify(text)} }${options ? `, ${options}` : ""});`,
    ],
  );
  const body = `class ${name} extends HttpResponse {
  constructor(data: unknown, init?: JsonStatusInit<${code}>) {
    super(jsonBody(data, init, new.target), statusInit(${code}, init, new.target));
  }
}`;
  return `${doc}\n${declaration(name, `JsonStatusClass<${code}>`, body, `/* @__PURE__ */ jsonDefaults(${code})`)}`;
}

function jsonNotAllowedClass(code, text, name) {
  const doc = docComment(
    [
      `\`${code} ${text}\` with a JSON body (\`application/json\`): ${
        MEANING[code]
      }. Takes the permitted methods first. ${JSON_SUFFIX}`,
    ],
    [`import { ${name} } from "allresponses";`, `new ${name}(["GET"], { error: "use GET" }); // allow: GET`],
  );
  const body = `class ${name} extends HttpResponse {
  constructor(permittedMethods: readonly string[], data?: unknown, init?: JsonStatusInit<${code}>) {
    const content = data === undefined ? null : jsonBody(data, init, new.target);
    super(content, notAllowedInit(permittedMethods, init, new.target));
  }
}`;
  return `${doc}\n${declaration(name, "JsonNotAllowedClass", body, `/* @__PURE__ */ jsonDefaults(${code})`)}`;
}

function statusClasses(code, text, statusName) {
  const http = `HttpResponse${statusName}`;
  const json = `JsonResponse${statusName}`;
  if (code < 200 && code !== 101) return [interimClass(code, text, http)];
  if (NULL_BODY.has(code) && code !== 101) return [nullBodyClass(code, text, http)];
  if (code === 101) return [httpClass(code, text, http)];
  if (code === 405) return [notAllowedClass(code, text, http), jsonNotAllowedClass(code, text, json)];
  if (REDIRECTS.has(code)) return [redirectClass(code, text, http), jsonClass(code, text, json)];
  return [httpClass(code, text, http), jsonClass(code, text, json)];
}

function aliasDeclaration({ name, of, type, doc, example }) {
  return `${docComment([`${doc} The same class as \`${of}\`.`], [`import { ${name} } from "allresponses";`, example])}
export const ${name}: ${type} = ${of};`;
}

/**
 * The text of src/classes.ts for the status table: `codes` is `STATUS_CODE` (name → code),
 * `texts` is `STATUS_TEXT` (code → reason phrase).
 */
export function classesSource(codes, texts) {
  const parts = Object.entries(codes).flatMap(([statusName, code]) => {
    if (!(code in MEANING)) throw new Error(`gen-classes: no meaning written for status ${code}`);
    return statusClasses(code, texts[code], statusName);
  });
  return `${HEADER}\n${[...parts, ...ALIASES.map(aliasDeclaration)].join("\n\n")}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { STATUS_CODE, STATUS_TEXT } = await import("../src/status.ts");
  writeFileSync(CLASSES_FILE, classesSource(STATUS_CODE, STATUS_TEXT));
  console.log(`wrote ${CLASSES_FILE}`);
}
