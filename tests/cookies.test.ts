import { test } from "node:test";
import assert from "node:assert/strict";
import { Hono } from "hono";
import {
  deleteCookie as honoDeleteCookie,
  generateCookie as honoGenerateCookie,
  generateSignedCookie as honoGenerateSignedCookie,
  getCookie as honoGetCookie,
  getSignedCookie as honoGetSignedCookie,
  setCookie as honoSetCookie,
  setSignedCookie as honoSetSignedCookie,
} from "hono/cookie";
import {
  type CookieOptions,
  getCookies,
  getSignedCookie,
  HTMLResponse,
  HttpResponse,
  HttpResponseNoContent,
  HttpResponseOK,
  JsonResponseOK,
  RedirectResponse,
} from "../mod.ts";
import { roundTrip, runtime, withServer } from "./_serve.ts";

const EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

/** The one Set-Cookie header `options` produce for `name=value`. */
function cookie(name: string, value?: string, options?: CookieOptions): string {
  const headers = new HttpResponse().setCookie(name, value, options).headers.getSetCookie();
  assert.equal(headers.length, 1);
  return headers[0]!;
}

/** A request carrying `header` as its Cookie header. */
function withCookie(header: string): Request {
  return new Request("http://localhost/", { headers: { cookie: header } });
}

/** The `name=value` pairs of Set-Cookie headers, as a browser would send them back. */
function cookieHeaderFrom(setCookies: string[]): string {
  return setCookies.map((c) => c.slice(0, c.indexOf(";"))).join("; ");
}

/** Asserts that `fn` throws a TypeError (or `type`) whose message mentions `field`. */
function throwsNaming(
  fn: () => unknown,
  field: string,
  label: string,
  type: typeof TypeError | typeof RangeError = TypeError,
): void {
  assert.throws(fn, (e: unknown) => {
    assert.equal((e as Error).constructor, type, `${label}: ${String(e)} is not a ${type.name}`);
    assert.ok(
      (e as Error).message.includes(field),
      `${label}: message ${JSON.stringify((e as Error).message)} does not name ${field}`,
    );
    return true;
  }, label);
}

// --- setCookie: rendering ------------------------------------------------------------------

test("setCookie renders name, value, Path=/ and SameSite=Lax by default", () => {
  assert.equal(cookie("theme", "dark"), "theme=dark; Path=/; SameSite=Lax");
  assert.equal(cookie("empty"), "empty=; Path=/; SameSite=Lax");
  assert.equal(cookie("empty", ""), "empty=; Path=/; SameSite=Lax");
});

test("setCookie renders every option exactly, in Hono's attribute order", () => {
  const expires = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
  assert.equal(
    cookie("all", "v", {
      maxAge: 3600,
      expires,
      path: "/app",
      domain: "example.com",
      secure: true,
      httpOnly: true,
      sameSite: "strict",
      partitioned: true,
      priority: "high",
    }),
    "all=v; Max-Age=3600; Domain=example.com; Path=/app; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Secure; " +
      "SameSite=Strict; Priority=High; Partitioned",
  );
  assert.equal(cookie("a", "b", { maxAge: 0 }), "a=b; Max-Age=0; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "b", { maxAge: 1.9 }), "a=b; Max-Age=1; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "b", { maxAge: -0.5 }), "a=b; Max-Age=0; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "b", { maxAge: -5 }), "a=b; Max-Age=-5; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "b", { maxAge: 1e21 }), "a=b; Max-Age=1000000000000000000000; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "b", { expires: 0 }), `a=b; Path=/; Expires=${EPOCH}; SameSite=Lax`);
  assert.equal(
    cookie("a", "b", { expires: "2031-03-04T05:06:07Z" }),
    "a=b; Path=/; Expires=Tue, 04 Mar 2031 05:06:07 GMT; SameSite=Lax",
  );
  assert.equal(cookie("a", "b", { domain: ".sub.example.com" }), "a=b; Domain=.sub.example.com; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "b", { domain: "127.0.0.1" }), "a=b; Domain=127.0.0.1; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "b", { path: "/x/y.html?q=1&r=<2>" }), "a=b; Path=/x/y.html?q=1&r=<2>; SameSite=Lax");
  assert.equal(cookie("a", "b", { secure: true }), "a=b; Path=/; Secure; SameSite=Lax");
  assert.equal(cookie("a", "b", { httpOnly: true }), "a=b; Path=/; HttpOnly; SameSite=Lax");
  assert.equal(cookie("a", "b", { secure: false, httpOnly: false, partitioned: false }), "a=b; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "b", { secure: true, sameSite: "none" }), "a=b; Path=/; Secure; SameSite=None");
  assert.equal(cookie("a", "b", { priority: "low" }), "a=b; Path=/; SameSite=Lax; Priority=Low");
  assert.equal(cookie("a", "b", { priority: "Medium" }), "a=b; Path=/; SameSite=Lax; Priority=Medium");
  assert.equal(cookie("a", "b", { secure: true, partitioned: true }), "a=b; Path=/; Secure; SameSite=Lax; Partitioned");
});

test("sameSite and priority accept any letter case", async (t) => {
  const rows: [CookieOptions, string][] = [
    ...["lax", "Lax", "LAX", "lAx"].map((sameSite): [CookieOptions, string] => [
      { sameSite } as CookieOptions,
      "a=b; Path=/; SameSite=Lax",
    ]),
    ...["strict", "Strict", "STRICT", "sTrIcT"].map((sameSite): [CookieOptions, string] => [
      { sameSite } as CookieOptions,
      "a=b; Path=/; SameSite=Strict",
    ]),
    ...["none", "None", "NONE", "nOnE"].map((sameSite): [CookieOptions, string] => [
      { sameSite, secure: true } as CookieOptions,
      "a=b; Path=/; Secure; SameSite=None",
    ]),
    ...["high", "High", "HIGH", "hIGh"].map((priority): [CookieOptions, string] => [
      { priority } as CookieOptions,
      "a=b; Path=/; SameSite=Lax; Priority=High",
    ]),
  ];
  for (const [options, expected] of rows) {
    await t.test(JSON.stringify(options), () => assert.equal(cookie("a", "b", options), expected));
  }
});

test("a whole Set-Cookie matches the one Hono writes for the same options", async () => {
  const expires = new Date(Math.floor(Date.now() / 1000) * 1000 + 86_400_000);
  const options = {
    maxAge: 600,
    expires,
    path: "/p",
    domain: "example.com",
    secure: true,
    httpOnly: true,
    sameSite: "Strict",
    priority: "High",
    partitioned: true,
  } as const;
  const value = 'héllo wörld; "quoted", ✓ 𝄞';
  assert.equal(cookie("n", value, options), honoGenerateCookie("n", value, options));
  const ours = await new HttpResponse().setSignedCookie("s", value, "secret", options);
  assert.equal(ours.headers.getSetCookie()[0], await honoGenerateSignedCookie("s", value, "secret", options));
});

test("values outside the cookie-octets are percent-encoded; the header stays safe", () => {
  assert.equal(cookie("a", 'b c;d,e"f\\g%h'), "a=b%20c%3Bd%2Ce%22f%5Cg%25h; Path=/; SameSite=Lax");
  assert.equal(cookie("a", "é✓😀"), "a=%C3%A9%E2%9C%93%F0%9F%98%80; Path=/; SameSite=Lax");
  const injected = cookie("a", "x\r\nSet-Cookie: evil=1; Domain=evil.example\0");
  assert.equal(injected, "a=x%0D%0ASet-Cookie%3A%20evil%3D1%3B%20Domain%3Devil.example%00; Path=/; SameSite=Lax");
  const value = injected.slice(2, injected.indexOf(";"));
  // Every character of the value is a cookie-octet (RFC 6265bis).
  assert.match(value, /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/);
});

test("a lone surrogate in a value throws TypeError rather than being changed", async (t) => {
  for (const value of ["\ud800", "a\udc00b", "x\udbff", "\ude00\ud83d"]) {
    await t.test(`setCookie ${JSON.stringify(value)}`, () => {
      throwsNaming(() => new HttpResponse().setCookie("a", value), "lone surrogate", JSON.stringify(value));
    });
    await t.test(`setSignedCookie ${JSON.stringify(value)}`, async () => {
      await assert.rejects(new HttpResponse().setSignedCookie("a", value, "k"), TypeError);
    });
  }
});

test("a surrogate pair in a value is encoded as its one code point", () => {
  assert.equal(cookie("a", "\ud83d\ude00"), "a=%F0%9F%98%80; Path=/; SameSite=Lax");
});

// --- setCookie: validation -----------------------------------------------------------------

/** Characters that end or break a cookie field, for the injection tables. */
const NASTY = [";", "\r", "\n", "\r\n", "\0", " ", "\t", "\x7f", "\x01", "\x1f", ",", "=", '"', "\\", "é", "\u2028"];

test("injection table: a name that is not a token throws TypeError naming the name", async (t) => {
  const names = [
    "",
    "a b",
    "a;b",
    "a=b",
    "a,b",
    "a\r\nSet-Cookie: evil=1",
    "userName=<script>alert('XSS3')</script><!--",
    "(a)",
    "<a>",
    "a@b",
    "a:b",
    "a/b",
    "a?b",
    "[a]",
    "{a}",
    ...NASTY.map((c) => `a${c}b`),
  ];
  for (const name of names) {
    await t.test(JSON.stringify(name), () => throwsNaming(() => new HttpResponse().setCookie(name, "v"), "name", name));
  }
});

test("injection table: a path that could add an attribute throws TypeError naming the path", async (t) => {
  const paths = [
    "",
    "relative",
    "/a; Domain=evil.example",
    "/a;HttpOnly",
    "/a\r\nSet-Cookie: evil=1",
    "/a b",
    "/café",
    "/" + "a".repeat(1024),
    ...NASTY.filter((c) => c !== "," && c !== "=" && c !== '"' && c !== "\\").map((c) => `/a${c}b`),
  ];
  for (const path of paths) {
    await t.test(
      JSON.stringify(path),
      () => throwsNaming(() => new HttpResponse().setCookie("a", "v", { path }), "path", path),
    );
  }
});

test("injection table: a domain that is not a host name throws TypeError naming the domain", async (t) => {
  const domains = [
    "",
    ".",
    "..example.com",
    "a..b",
    "example.com.",
    "-a.example.com",
    "a-.example.com",
    "example.com; Secure",
    "example.com;Domain=evil.example",
    "example.com\r\nSet-Cookie: evil=1",
    "example.com/path",
    "example.com:8080",
    "user@example.com",
    "[::1]",
    "exämple.com",
    "a".repeat(64) + ".com",
    ("a".repeat(60) + ".").repeat(5) + "com",
    ...NASTY.map((c) => `ex${c}ample.com`),
  ];
  for (const domain of domains) {
    await t.test(JSON.stringify(domain), () => {
      throwsNaming(() => new HttpResponse().setCookie("a", "v", { domain }), "domain", domain);
    });
  }
});

test("injection table: a sameSite or priority that is not one of its words throws TypeError naming it", async (t) => {
  const words = ["", "lax;", "Lax; Secure", "none\r\n", "strict\0", " lax", "lax ", "\tlax", "lax\n", "foo", "true"];
  for (const sameSite of [...words, ...NASTY]) {
    await t.test(`sameSite ${JSON.stringify(sameSite)}`, () => {
      throwsNaming(
        () => new HttpResponse().setCookie("a", "v", { sameSite: sameSite as "lax", secure: true }),
        "sameSite",
        sameSite,
      );
    });
  }
  for (const priority of ["", "high;", "High; Secure", "low\r\n", "medium\0", " high", "urgent", ...NASTY]) {
    await t.test(`priority ${JSON.stringify(priority)}`, () => {
      throwsNaming(
        () => new HttpResponse().setCookie("a", "v", { priority: priority as "high" }),
        "priority",
        priority,
      );
    });
  }
});

test("options of the wrong type cannot smuggle text into the header", async (t) => {
  const sneaky = { toString: () => "lax; Domain=evil.example" };
  const cases: [CookieOptions, string][] = [
    [{ sameSite: sneaky as unknown as "lax" }, "sameSite"],
    [{ priority: sneaky as unknown as "low" }, "priority"],
    [{ path: sneaky as unknown as string }, "path"],
    [{ domain: sneaky as unknown as string }, "domain"],
    [{ path: ["/a;b"] as unknown as string }, "path"],
    [{ maxAge: "1; Domain=evil.example" as unknown as number }, "maxAge"],
    [{ maxAge: sneaky as unknown as number }, "maxAge"],
    [{ expires: sneaky as unknown as string }, "expires"],
  ];
  for (const [options, field] of cases) {
    const label = `${field} ${JSON.stringify(options)}`;
    await t.test(label, () => throwsNaming(() => new HttpResponse().setCookie("a", "v", options), field, label));
  }
  await t.test("an object name", () => {
    throwsNaming(() => new HttpResponse().setCookie(sneaky as unknown as string, "v"), "name", "object name");
  });
  await t.test("an object value", () => {
    throwsNaming(() => new HttpResponse().setCookie("a", sneaky as unknown as string), "value", "object value");
  });
});

test("expires and maxAge: a value that is no date is a TypeError, a time out of range a RangeError", async (t) => {
  const rows: [string, CookieOptions, typeof TypeError | typeof RangeError][] = [
    ['expires "not a date"', { expires: "not a date" }, TypeError],
    ['expires ""', { expires: "" }, TypeError],
    ["expires an invalid Date", { expires: new Date(NaN) }, TypeError],
    ["expires NaN", { expires: NaN }, RangeError],
    ["expires Infinity", { expires: Infinity }, RangeError],
    ["expires in 1600", { expires: Date.UTC(1600, 11, 31, 23, 59, 59) }, RangeError],
    ["expires in 10000", { expires: Date.UTC(10000, 0, 1) }, RangeError],
    ["maxAge NaN", { maxAge: NaN }, RangeError],
    ["maxAge Infinity", { maxAge: Infinity }, RangeError],
    ["maxAge -Infinity", { maxAge: -Infinity }, RangeError],
  ];
  for (const [label, options, type] of rows) {
    const field = "expires" in options ? "expires" : "maxAge";
    await t.test(label, () => throwsNaming(() => new HttpResponse().setCookie("a", "v", options), field, label, type));
  }
});

test("expires: the first and the last second a cookie date can hold are kept", () => {
  assert.equal(
    cookie("a", "v", { expires: Date.UTC(1601, 0, 1) }),
    "a=v; Path=/; Expires=Mon, 01 Jan 1601 00:00:00 GMT; SameSite=Lax",
  );
  assert.equal(
    cookie("a", "v", { expires: new Date(Date.UTC(9999, 11, 31, 23, 59, 59)) }),
    "a=v; Path=/; Expires=Fri, 31 Dec 9999 23:59:59 GMT; SameSite=Lax",
  );
});

test("__Secure- and __Host- prefixes (any case): a cookie that breaks their rules throws TypeError", async (t) => {
  const rows: [string, CookieOptions, string][] = [
    ...["__Secure-id", "__secure-id", "__SECURE-id"].map((
      name,
    ): [string, CookieOptions, string] => [name, {}, "__Secure-"]),
    ...["__Host-id", "__host-id", "__HOST-id"].flatMap((name): [string, CookieOptions, string][] => [
      [name, {}, "__Host-"],
      [name, { secure: true, path: "/app" }, "__Host-"],
      [name, { secure: true, domain: "example.com" }, "__Host-"],
    ]),
  ];
  for (const [name, options, field] of rows) {
    const label = `${name} ${JSON.stringify(options)}`;
    await t.test(label, () => throwsNaming(() => new HttpResponse().setCookie(name, "v", options), field, label));
  }
});

test("__Secure- and __Host- prefixes (any case): a secure cookie on / is set", async (t) => {
  for (const name of ["__Secure-id", "__secure-id", "__SECURE-id", "__Host-id", "__host-id", "__HOST-id"]) {
    await t.test(
      name,
      () => assert.equal(cookie(name, "v", { secure: true }), `${name}=v; Path=/; Secure; SameSite=Lax`),
    );
  }
});

test("names that only look like a prefix have no prefix rules", async (t) => {
  for (const name of ["_Secure-id", "__Securely"]) {
    await t.test(name, () => assert.equal(cookie(name, "v"), `${name}=v; Path=/; SameSite=Lax`));
  }
});

test("SameSite=None and Partitioned without Secure throw TypeError", async (t) => {
  const rows: [CookieOptions, string][] = [
    [{ sameSite: "none" }, "sameSite"],
    [{ sameSite: "NONE", secure: false }, "sameSite"],
    [{ partitioned: true }, "partitioned"],
  ];
  for (const [options, field] of rows) {
    const label = JSON.stringify(options);
    await t.test(label, () => throwsNaming(() => new HttpResponse().setCookie("a", "v", options), field, label));
  }
});

test("a cookie longer than 4096 bytes (name plus encoded value) throws TypeError", () => {
  const fits = "v".repeat(4096 - 4);
  assert.ok(cookie("name", fits).startsWith(`name=${fits};`));
  throwsNaming(() => new HttpResponse().setCookie("name", fits + "v"), "4096", "4097 bytes");
  // The limit counts the encoded value: 1366 "é" become 8196 bytes.
  throwsNaming(() => new HttpResponse().setCookie("a", "é".repeat(1366)), "4096", "encoded");
});

// --- the methods on the response family ----------------------------------------------------

test("every cookie method appends exactly one Set-Cookie header and chains", async () => {
  const res = new HttpResponseOK("hi");
  const chained = res.setCookie("a", "1").setCookie("b", "2", { httpOnly: true }).deleteCookie("c");
  assert.equal(chained, res);
  assert.equal(await res.setSignedCookie("d", "4", "k"), res);
  const all = res.headers.getSetCookie();
  assert.equal(all.length, 4);
  assert.deepEqual(all.slice(0, 3), [
    "a=1; Path=/; SameSite=Lax",
    "b=2; Path=/; HttpOnly; SameSite=Lax",
    `c=; Max-Age=0; Path=/; Expires=${EPOCH}; SameSite=Lax`,
  ]);
  assert.match(all[3]!, /^d=4\.[A-Za-z0-9%]{44,}; Path=\/; SameSite=Lax$/);
  // The same name twice is two headers: the user agent keeps the last.
  assert.equal(new HttpResponse().setCookie("x", "1").setCookie("x", "2").headers.getSetCookie().length, 2);
  // A failed call adds nothing.
  assert.throws(() => res.setCookie("bad name", "v"), TypeError);
  await assert.rejects(res.setSignedCookie("e", "v", ""), TypeError);
  assert.equal(res.headers.getSetCookie().length, 4);
});

test("the cookie methods keep the class of every response", async () => {
  const ok: InstanceType<typeof HttpResponseOK> = new HttpResponseOK("x").setCookie("a", "1");
  const json: InstanceType<typeof JsonResponseOK> = new JsonResponseOK({ a: 1 }).deleteCookie("a");
  const redirect: RedirectResponse = await new RedirectResponse("/next").setSignedCookie("a", "1", "k");
  const html: HTMLResponse = new HTMLResponse("<p>").setCookie("a", "1");
  const empty = new HttpResponseNoContent().setCookie("a", "1");
  assert.ok(ok instanceof HttpResponseOK);
  assert.ok(json instanceof JsonResponseOK);
  assert.ok(redirect instanceof RedirectResponse);
  assert.ok(html instanceof HTMLResponse);
  assert.ok(empty instanceof HttpResponseNoContent);
  for (const res of [ok, json, redirect, html, empty]) assert.equal(res.headers.getSetCookie().length, 1);
  assert.equal(ok.clone().headers.getSetCookie()[0], "a=1; Path=/; SameSite=Lax");
});

test("deleteCookie expires the cookie now and in 1970, with the path and domain given", () => {
  const del = (name: string, options?: Parameters<HttpResponse["deleteCookie"]>[1]) =>
    new HttpResponse().deleteCookie(name, options).headers.getSetCookie();
  assert.deepEqual(del("sid"), [`sid=; Max-Age=0; Path=/; Expires=${EPOCH}; SameSite=Lax`]);
  assert.deepEqual(del("sid", { path: "/app", domain: "example.com", httpOnly: true, sameSite: "strict" }), [
    `sid=; Max-Age=0; Domain=example.com; Path=/app; Expires=${EPOCH}; HttpOnly; SameSite=Strict`,
  ]);
  // Prefixed names and SameSite=None need Secure for the deletion to replace the cookie.
  assert.deepEqual(del("__Host-sid"), [`__Host-sid=; Max-Age=0; Path=/; Expires=${EPOCH}; Secure; SameSite=Lax`]);
  assert.deepEqual(del("__Secure-sid", { path: "/a" }), [
    `__Secure-sid=; Max-Age=0; Path=/a; Expires=${EPOCH}; Secure; SameSite=Lax`,
  ]);
  assert.deepEqual(del("sid", { sameSite: "None" }), [
    `sid=; Max-Age=0; Path=/; Expires=${EPOCH}; Secure; SameSite=None`,
  ]);
  throwsNaming(() => new HttpResponse().deleteCookie("__Host-sid", { secure: false }), "__Host-", "explicit false");
  throwsNaming(() => new HttpResponse().deleteCookie("a;b"), "name", "bad name");
  throwsNaming(() => new HttpResponse().deleteCookie("a", { path: "/;x" }), "path", "bad path");
  throwsNaming(() => new HttpResponse().deleteCookie("a", { domain: "a b" }), "domain", "bad domain");
});

// --- getCookies ----------------------------------------------------------------------------

test("getCookies parses, trims, unquotes and decodes; the first occurrence wins", () => {
  const same = (header: string, expected: Record<string, string>) =>
    assert.deepEqual({ ...getCookies(withCookie(header)) }, expected, header);
  same("a=1; b=2", { a: "1", b: "2" });
  same("a=1;b=2", { a: "1", b: "2" });
  same("  a = 1 ;\tb=2\t;  ", { a: "1", b: "2" });
  same("a=1; a=2; b=3; a=4", { a: "1", b: "3" });
  same("a=; b", { a: "" });
  same("flag; a=1; =orphan; ;;", { a: "1" });
  same("a=b=c==", { a: "b=c==" });
  same('a="quoted value"; b="; c="x', { a: "quoted value", b: '"', c: '"x' });
  same('a="%41"', { a: "A" });
  same("a=%E2%9C%93%20ok; b=x%2Cy", { a: "✓ ok", b: "x,y" });
  same('a=x,y; b={"j":1}', { a: "x,y", b: '{"j":1}' });
  same("A=1; a=2", { A: "1", a: "2" });
  same("sp ace=1; é=2", { "sp ace": "1", "é": "2" });
  same("", {});
});

test("getCookies keeps a value with a bad percent-escape as it was sent, and decodes the others", async (t) => {
  for (const raw of ["%", "100%", "%zz", "%4", "a%E0%A4%A", "%41%zz", "%C3", "%C3%28", "%ED%A0%80", "%FF", "%%41"]) {
    await t.test(raw, () => assert.deepEqual({ ...getCookies(withCookie(`a=${raw}; b=%41`)) }, { a: raw, b: "A" }));
  }
});

test("getCookies: toString, __proto__ and friends are ordinary keys; nothing is polluted", () => {
  const none = getCookies(new Request("http://localhost/"));
  assert.equal(Object.keys(none).length, 0);
  for (const key of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
    assert.equal(none[key], undefined, key);
    assert.equal(key in none, false, key);
  }
  const header = "toString=1; __proto__=2; constructor=3; hasOwnProperty=4; valueOf=5; polluted=6";
  const cookies = getCookies(withCookie(header));
  assert.deepEqual(Object.keys(cookies), [
    "toString",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "valueOf",
    "polluted",
  ]);
  assert.equal(cookies.toString, "1");
  assert.equal(cookies["__proto__"], "2");
  assert.equal(Object.getOwnPropertyDescriptor(cookies, "__proto__")?.value, "2");
  assert.equal(cookies.constructor, "3");
  assert.equal(Object.getPrototypeOf(cookies), null);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(
    JSON.stringify(cookies),
    '{"toString":"1","__proto__":"2","constructor":"3","hasOwnProperty":"4","valueOf":"5","polluted":"6"}',
  );
  assert.deepEqual(Object.entries(cookies)[1], ["__proto__", "2"]);
  const copy = { ...cookies };
  assert.equal(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value, "2");
  assert.equal(Object.getPrototypeOf(copy), Object.prototype);
});

// How long hostile headers take is measured in bench/hostile.ts (npm run bench:hostile).
test("getCookies reads a header of 30 000 pairs", () => {
  assert.equal(getCookies(withCookie("a=1;".repeat(30_000))).a, "1");
});

// --- round trips through a real server -----------------------------------------------------

/** Deterministic pseudo-random Unicode strings: controls, ASCII, Latin-1, BMP and astral. */
function randomStrings(count: number, seed: number): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ranges: [number, number][] = [[0, 0x7f], [0x20, 0x7e], [0x80, 0xff], [0x100, 0xd7ff], [0xe000, 0xffff], [
    0x10000,
    0x10ffff,
  ]];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = "";
    const length = Math.floor(next() * 40);
    for (let j = 0; j < length; j++) {
      const [lo, hi] = ranges[Math.floor(next() * ranges.length)]!;
      s += String.fromCodePoint(lo + Math.floor(next() * (hi - lo + 1)));
    }
    out.push(s);
  }
  return out;
}

const UNICODE_VALUES = [
  "",
  "plain",
  "with space",
  "  leading and trailing  ",
  "\ttab\t",
  'semi;colon, comma "dquote" back\\slash',
  "a=b&c=d?e#f/g:h@i",
  "100% %41 %zz %",
  "\0\x01\x1f\x7f\r\n",
  "x\r\nSet-Cookie: evil=1",
  "¡Latin-1 ÿ \u0080\u00a0\u00ff",
  "日本語のクッキー",
  "emoji 😀👍🏽 👨‍👩‍👧",
  "e\u0301 combining",
  "\u2028\u2029\ufeff\ufffd\uffff",
  "𝄞\u{10ffff}\u{1f600}",
  '"quoted"',
  "dots.in.value.",
  ...randomStrings(40, 0xc00c1e),
];

test(`arbitrary Unicode values round-trip through a real ${runtime} server`, async () => {
  await withServer((req) => {
    const url = new URL(req.url);
    if (url.pathname === "/echo") return new JsonResponseOK(getCookies(req));
    const i = Number(url.searchParams.get("i"));
    return new HttpResponseOK("set").setCookie("v", UNICODE_VALUES[i]).setCookie("n", String(i));
  }, async (base) => {
    for (let i = 0; i < UNICODE_VALUES.length; i++) {
      const set = await fetch(`${base}/set?i=${i}`);
      await set.body?.cancel();
      const setCookies = set.headers.getSetCookie();
      assert.equal(setCookies.length, 2);
      const echo = await fetch(`${base}/echo`, { headers: { cookie: cookieHeaderFrom(setCookies) } });
      assert.deepEqual(
        await echo.json(),
        { v: UNICODE_VALUES[i], n: String(i) },
        `value ${i}: ${JSON.stringify(UNICODE_VALUES[i])}`,
      );
    }
  });
});

test(`several cookies arrive as separate Set-Cookie headers through a real ${runtime} server`, async () => {
  const r = await roundTrip(() => new HttpResponseOK("x").setCookie("a", "1").setCookie("b", "2").deleteCookie("c"));
  assert.deepEqual(r.headers.getSetCookie(), [
    "a=1; Path=/; SameSite=Lax",
    "b=2; Path=/; SameSite=Lax",
    `c=; Max-Age=0; Path=/; Expires=${EPOCH}; SameSite=Lax`,
  ]);
});

// --- signed cookies ------------------------------------------------------------------------

async function signed(name: string, value: string, secret: string | string[]): Promise<string> {
  const res = await new HttpResponse().setSignedCookie(name, value, secret);
  return cookieHeaderFrom(res.headers.getSetCookie());
}

test("signed cookies round-trip; tampering gives false; absence gives undefined", async () => {
  for (const value of ["ada", "", "a.b.c", 'é ✓ 😀; "x"', "ends with dot."]) {
    const header = await signed("user", value, "s3cret");
    assert.equal(await getSignedCookie(withCookie(header), "s3cret", "user"), value);
    assert.equal(await getSignedCookie(withCookie(`other=1; ${header}`), "s3cret", "user"), value);
    assert.equal(await getSignedCookie(withCookie(header), "wrong", "user"), false);
  }
  const header = await signed("user", "ada", "s3cret");
  assert.equal(await getSignedCookie(withCookie(header.replace("ada", "eve")), "s3cret", "user"), false);
  assert.equal(await getSignedCookie(withCookie(header), "s3cret", "missing"), undefined);
  assert.equal(await getSignedCookie(new Request("http://localhost/"), "s3cret", "user"), undefined);
  assert.equal(await getSignedCookie(withCookie("toString=1"), "s3cret", "__proto__"), undefined);
  // The first occurrence is the one checked.
  assert.equal(await getSignedCookie(withCookie(`user=forged.${"A".repeat(43)}=; ${header}`), "s3cret", "user"), false);
});

test("key rotation: sign with the first secret, accept any of them", async () => {
  const oldCookie = await signed("sid", "abc", "old-secret");
  const newCookie = await signed("sid", "abc", ["new-secret", "old-secret"]);
  assert.notEqual(oldCookie, newCookie);
  assert.equal(newCookie, await signed("sid", "abc", "new-secret"));
  for (const header of [oldCookie, newCookie]) {
    assert.equal(await getSignedCookie(withCookie(header), ["new-secret", "old-secret"], "sid"), "abc");
  }
  assert.equal(await getSignedCookie(withCookie(oldCookie), ["new-secret"], "sid"), false);
  assert.equal(await getSignedCookie(withCookie(oldCookie), "new-secret", "sid"), false);
  assert.equal(await getSignedCookie(withCookie(newCookie), ["other", "new-secret"], "sid"), "abc");
});

test("malformed signatures are false, never an exception", async (t) => {
  const good = await signed("s", "value", "k");
  const signature = decodeURIComponent(good.slice(good.lastIndexOf(".") + 1));
  assert.equal(signature.length, 44);
  const values = [
    "",
    "value",
    "value.",
    ".",
    "..",
    `.${signature}`,
    `value.${signature.slice(0, 43)}`,
    `value.${signature}=`,
    `value.${signature.slice(0, 43)}A`,
    `value.${"!".repeat(43)}=`,
    `value.${"A".repeat(42)}B=`,
    `value.${"A".repeat(43)}=`,
    `value.${signature.slice(1)}%`,
    `value.${signature}.`,
    `value.${signature.slice(0, 20)} ${signature.slice(20)}`,
    `value.${"A".repeat(100_000)}`,
    `%zz.${signature}`,
    `value%2E${signature.replace(/\+/g, "%2B").replace(/\//g, "%2F").slice(0, 40)}`,
    `value.${signature.replace(/=$/, "%3")}`,
    `value.${signature.slice(0, 42)}-_`,
  ];
  for (const raw of values) {
    await t.test(JSON.stringify(raw.slice(0, 60)), async () => {
      assert.equal(await getSignedCookie(withCookie(`s=${raw}`), "k", "s"), false);
    });
  }
  // A non-canonical spelling of the right MAC is refused too.
  const last = signature[42]!;
  const twin = String.fromCharCode(last.charCodeAt(0) + 1);
  if (/[A-Za-z0-9+/]/.test(twin)) {
    assert.equal(await getSignedCookie(withCookie(`s=value.${signature.slice(0, 42)}${twin}=`), "k", "s"), false);
  }
  assert.equal(await getSignedCookie(withCookie(good), "k", "s"), "value");
});

test("a bad secret is a TypeError", async (t) => {
  const req = withCookie("s=1");
  for (const secret of ["", [], [""], ["ok", ""], [1], undefined, null, 42] as unknown as string[]) {
    await t.test(`getSignedCookie ${JSON.stringify(secret)}`, async () => {
      await assert.rejects(getSignedCookie(req, secret, "s"), TypeError);
    });
    await t.test(`setSignedCookie ${JSON.stringify(secret)}`, async () => {
      await assert.rejects(new HttpResponse().setSignedCookie("s", "v", secret), TypeError);
    });
  }
});

test("setSignedCookie validates the name and options as setCookie does", async (t) => {
  const rows: [string, CookieOptions, RegExp][] = [
    ["bad name", {}, /name/],
    ["s", { path: "/;x" }, /path/],
    ["__Host-s", {}, /__Host-/],
  ];
  for (const [name, options, message] of rows) {
    await t.test(`${name} ${JSON.stringify(options)}`, async () => {
      await assert.rejects(new HttpResponse().setSignedCookie(name, "v", "k", options), message);
    });
  }
});

// --- Hono interop --------------------------------------------------------------------------

const SECRET = "interop secret ✓";
const INTEROP_VALUES = ["ada", "", "a.b", "é ✓ 😀", 'semi;colon, "q" %41 100%', ...randomStrings(8, 7)];

function interopApp(): Hono {
  const app = new Hono();
  app.get("/hono/set/:i", async (c) => {
    const value = INTEROP_VALUES[Number(c.req.param("i"))]!;
    honoSetCookie(c, "plain", value);
    await honoSetSignedCookie(c, "signed", value, SECRET);
    return c.text("set by hono");
  });
  app.get("/ours/set/:i", async (c) => {
    const value = INTEROP_VALUES[Number(c.req.param("i"))]!;
    return await new HttpResponseOK("set by allresponses").setCookie("plain", value).setSignedCookie(
      "signed",
      value,
      SECRET,
    );
  });
  app.get(
    "/hono/read",
    async (c) =>
      c.json({
        plain: honoGetCookie(c, "plain") ?? null,
        signed: (await honoGetSignedCookie(c, SECRET, "signed")) ?? null,
      }),
  );
  app.get(
    "/ours/read",
    async (c) =>
      c.json({
        plain: getCookies(c.req.raw).plain ?? null,
        signed: (await getSignedCookie(c.req.raw, SECRET, "signed")) ?? null,
      }),
  );
  return app;
}

test("Hono interop with app.request(): each side reads the other's plain and signed cookies", async () => {
  const app = interopApp();
  for (let i = 0; i < INTEROP_VALUES.length; i++) {
    const expected = { plain: INTEROP_VALUES[i], signed: INTEROP_VALUES[i] };
    for (const [setter, reader] of [["hono", "ours"], ["ours", "hono"], ["ours", "ours"]]) {
      const set = await app.request(`/${setter}/set/${i}`);
      const cookies = set.headers.getSetCookie();
      assert.equal(cookies.length, 2, `${setter} set ${i}`);
      const read = await app.request(`/${reader}/read`, { headers: { cookie: cookieHeaderFrom(cookies) } });
      assert.deepEqual(await read.json(), expected, `${setter} → ${reader}: ${JSON.stringify(INTEROP_VALUES[i])}`);
    }
  }
});

test(`Hono interop through a real ${runtime} server, both directions`, async () => {
  const app = interopApp();
  await withServer((req) => app.fetch(req), async (base) => {
    for (let i = 0; i < INTEROP_VALUES.length; i++) {
      for (const [setter, reader] of [["hono", "ours"], ["ours", "hono"]]) {
        const set = await fetch(`${base}/${setter}/set/${i}`);
        await set.body?.cancel();
        const read = await fetch(`${base}/${reader}/read`, {
          headers: { cookie: cookieHeaderFrom(set.headers.getSetCookie()) },
        });
        assert.deepEqual(
          await read.json(),
          { plain: INTEROP_VALUES[i], signed: INTEROP_VALUES[i] },
          `${setter} → ${reader} ${i}`,
        );
      }
    }
  });
});

test("Hono interop: rotation, wrong secrets and Hono's deletion", async () => {
  const app = new Hono();
  app.get("/set", async (c) => {
    await honoSetSignedCookie(c, "sid", "abc", "old");
    return c.text("ok");
  });
  app.get("/read", async (c) => c.json({ v: (await honoGetSignedCookie(c, "new", "sid")) ?? null }));
  app.get("/delete", (c) => {
    honoDeleteCookie(c, "sid");
    return c.text("gone");
  });
  const header = cookieHeaderFrom((await app.request("/set")).headers.getSetCookie());
  assert.equal(await getSignedCookie(withCookie(header), ["new", "old"], "sid"), "abc");
  assert.equal(await getSignedCookie(withCookie(header), ["new"], "sid"), false);
  const ours = await signed("sid", "abc", ["old", "new"]);
  assert.deepEqual(await (await app.request("/read", { headers: { cookie: ours } })).json(), { v: false });
  const rotated = await signed("sid", "abc", ["new", "old"]);
  assert.deepEqual(await (await app.request("/read", { headers: { cookie: rotated } })).json(), { v: "abc" });
  // Hono deletes with an empty value and Max-Age=0; our deletion is read by Hono as empty too.
  const honoDeletion = (await app.request("/delete")).headers.getSetCookie()[0]!;
  assert.match(honoDeletion, /^sid=; Max-Age=0; Path=\//);
  const ourDeletion = new HttpResponse().deleteCookie("sid").headers.getSetCookie()[0]!;
  assert.equal(ourDeletion.slice(0, ourDeletion.indexOf(";")), honoDeletion.slice(0, honoDeletion.indexOf(";")));
});
