import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DisallowedRedirect,
  HttpResponseFound,
  HttpResponseMovedPermanently,
  HttpResponsePermanentRedirect,
  HttpResponseRedirect,
  HttpResponseSeeOther,
  HttpResponseTemporaryRedirect,
  RedirectResponse,
} from "../mod.ts";
import { roundTrip } from "./_serve.ts";

test("RedirectResponse: 307 by default, any 3xx but 304 with init.status", () => {
  const r = new RedirectResponse("/next");
  assert.equal(r.status, 307);
  assert.equal(r.statusText, "Temporary Redirect");
  assert.equal(r.headers.get("location"), "/next");
  for (const status of [300, 301, 302, 303, 305, 307, 308]) {
    assert.equal(new RedirectResponse("/", { status }).status, status);
  }
  for (const status of [200, 304, 400, 299]) {
    assert.throws(() => new RedirectResponse("/", { status }), {
      name: "RangeError",
      message: new RegExp(`status ${status} is not a redirect`),
    });
  }
});

test("redirect classes: status and Location", async (t) => {
  const cases: [Response, number][] = [
    [new HttpResponseMovedPermanently("/a"), 301],
    [new HttpResponseFound("/a"), 302],
    [new HttpResponseRedirect("/a"), 302],
    [new HttpResponseSeeOther("/a"), 303],
    [new HttpResponseTemporaryRedirect("/a"), 307],
    [new HttpResponsePermanentRedirect("/a"), 308],
  ];
  for (const [res, status] of cases) {
    await t.test(String(status), () => {
      assert.equal(res.status, status);
      assert.equal(res.headers.get("location"), "/a");
      assert.ok(res instanceof RedirectResponse);
    });
  }
});

test("redirects: relative, absolute and URL targets", () => {
  assert.equal(new RedirectResponse("other").headers.get("location"), "other");
  assert.equal(new RedirectResponse("../up?x=1#f").headers.get("location"), "../up?x=1#f");
  assert.equal(new RedirectResponse("//cdn.example/x").headers.get("location"), "//cdn.example/x");
  assert.equal(new RedirectResponse("https://example.com/a?b=c").headers.get("location"), "https://example.com/a?b=c");
  assert.equal(
    new RedirectResponse(new URL("https://example.com/é")).headers.get("location"),
    "https://example.com/%C3%A9",
  );
  assert.equal(new RedirectResponse("ftp://files.example/x").headers.get("location"), "ftp://files.example/x");
  assert.equal(new RedirectResponse("HTTPS://EXAMPLE.COM/").headers.get("location"), "HTTPS://EXAMPLE.COM/");
});

test("redirects: IRI to URI without double-encoding", async (t) => {
  const cases: [string, string][] = [
    ["/café", "/caf%C3%A9"],
    ["/a b", "/a%20b"],
    ["/already%20encoded", "/already%20encoded"],
    ["/mixed%20and space", "/mixed%20and%20space"],
    ["/100%", "/100%25"],
    ["/%zz", "/%25zz"],
    ["/日本?q=ü#frag ment", "/%E6%97%A5%E6%9C%AC?q=%C3%BC#frag%20ment"],
    ["/emoji/🎉", "/emoji/%F0%9F%8E%89"],
    ['/"quoted"<tag>', "/%22quoted%22%3Ctag%3E"],
    ["/back\\slash", "/back%5Cslash"],
    ["/keep/!$&'()*+,;=:@[]", "/keep/!$&'()*+,;=:@[]"],
  ];
  for (const [input, location] of cases) {
    await t.test(input, () => {
      assert.equal(new RedirectResponse(input).headers.get("location"), location, input);
    });
  }
});

test("redirects: javascript:, data:, file: and their disguises throw DisallowedRedirect", async (t) => {
  const bad = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x00javascript:alert(1)",
    "javascript\r:alert(1)",
    "\u2028javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
    "blob:https://x/1",
    "/ok\r\nSet-Cookie: a=b",
    "/ok\x7f",
  ];
  for (const url of bad) {
    await t.test(JSON.stringify(url), () => {
      assert.throws(() => new RedirectResponse(url), (e: Error) => {
        assert.ok(e instanceof DisallowedRedirect, JSON.stringify(url));
        assert.equal(e.name, "DisallowedRedirect");
        return true;
      });
      assert.throws(() => new HttpResponseRedirect(url), DisallowedRedirect);
    });
  }
  assert.throws(() => new RedirectResponse("javascript:x"), {
    message: 'RedirectResponse: unsafe redirect to URL with scheme "javascript"',
  });
  assert.throws(() => new RedirectResponse("/a\nb"), { message: /control character/ });
});

test("redirects: allowedSchemes widens the list", () => {
  assert.throws(() => new RedirectResponse("myapp://open"), DisallowedRedirect);
  assert.equal(
    new RedirectResponse("myapp://open", { allowedSchemes: ["MyApp"] }).headers.get("location"),
    "myapp://open",
  );
  assert.equal(new HttpResponseFound("myapp://x", { allowedSchemes: ["myapp"] }).status, 302);
});

test("redirects: a target longer than 16384 characters throws", () => {
  const ok = "/" + "a".repeat(16383);
  assert.equal(new RedirectResponse(ok).headers.get("location"), ok);
  assert.throws(() => new RedirectResponse(ok + "a"), {
    name: "DisallowedRedirect",
    message: /16385 characters long; the limit is 16384/,
  });
});

test("redirects: a target that is no URL reference (an empty or invalid host, a bad port) throws", async (t) => {
  // Each of these would otherwise reach the client as a Location it cannot resolve.
  const bad = [
    "https:",
    "ftp:",
    "//",
    "http://",
    "HTTP://",
    "http://a b/",
    "http://[::1",
    "http://x:99999/",
    "https://@/",
  ];
  for (const url of bad) {
    await t.test(url, () => {
      assert.throws(() => new RedirectResponse(url), { name: "DisallowedRedirect", message: /not a valid URL/ }, url);
    });
  }
  for (const url of ["http:foo", "//x", "?q", "#f", "", "http://x/%zz"]) {
    assert.ok(URL.canParse(new RedirectResponse(url).headers.get("location")!, "http://x/"), url);
  }
});

test("redirects: a lone surrogate throws DisallowedRedirect", () => {
  assert.throws(() => new RedirectResponse("/\ud800"), DisallowedRedirect);
});

test("redirects: headers stay mutable, unlike Response.redirect()", () => {
  const r = new RedirectResponse("/x");
  r.headers.set("x-extra", "1");
  r.headers.append("set-cookie", "a=b");
  assert.equal(r.headers.get("x-extra"), "1");
});

test("redirects through a real server are not followed and keep Location", async () => {
  const r = await roundTrip(() => new HttpResponseSeeOther("/done?é=1", { retryAfter: 3 }), { method: "POST" });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get("location"), "/done?%C3%A9=1");
  assert.equal(r.headers.get("retry-after"), "3");
  assert.equal(r.body.length, 0);
});

test("redirects: an empty body, Content-Length 0 and no Content-Type unless asked", () => {
  const r = new HttpResponseFound("/x");
  assert.equal(r.headers.get("content-length"), "0");
  assert.equal(r.headers.get("content-type"), null);
  assert.equal(
    new RedirectResponse("/x", { mediaType: "text/plain" }).headers.get("content-type"),
    "text/plain; charset=utf-8",
  );
});

test("redirects made again to the same target: each class keeps its status, and each response its own headers", async (t) => {
  const made = [
    new HttpResponseFound("/again"),
    new RedirectResponse("/again"),
    new HttpResponseFound("/again"),
    new HttpResponseMovedPermanently("/again"),
    new RedirectResponse(new URL("https://example.com/again")),
    new RedirectResponse("/again"),
  ];
  await t.test("statuses and targets", () => {
    assert.deepEqual(made.map((r) => r.status), [302, 307, 302, 301, 307, 307]);
    assert.deepEqual(made.map((r) => r.headers.get("location")), [
      "/again",
      "/again",
      "/again",
      "/again",
      "https://example.com/again",
      "/again",
    ]);
  });
  await t.test("a header set on one is not on the next", () => {
    const first = new RedirectResponse("/again").setCookie("a", "1");
    first.headers.set("x-first", "1");
    const second = new RedirectResponse("/again");
    assert.equal(second.headers.get("x-first"), null);
    assert.equal(second.headers.get("set-cookie"), null);
    assert.equal(second.headers.get("content-length"), "0");
  });
  await t.test("a refused target is refused every time", () => {
    for (let i = 0; i < 2; i++) assert.throws(() => new RedirectResponse("javascript:alert(1)"), DisallowedRedirect);
  });
});
