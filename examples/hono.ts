/**
 * A small Hono API on allresponses: the classes returned directly, context headers and cookies
 * kept by `responses()`, errors negotiated by `errorHandler`, static files with Range and ETag
 * from `serveFiles()`, and a typed `hc` client.
 *
 * Run: `deno run -A examples/hono.ts` or `bun examples/hono.ts`, then
 *   curl -i localhost:8787/notes/1
 *   curl -i -H 'accept: application/json' localhost:8787/notes/9
 *   curl -i -X POST -d '{"text":"hi"}' localhost:8787/notes
 *   curl -i -H 'range: bytes=0-99' localhost:8787/files/hono.ts
 */
import { Hono } from "hono";
import { hc } from "hono/client";
import { getCookie, setCookie } from "hono/cookie";
import {
  errorHandler,
  Http404,
  HttpError,
  HttpResponseNoContent,
  JsonResponseCreated,
  JsonResponseOK,
  responses,
  serveFiles,
} from "../src/hono.ts";

interface Note {
  id: number;
  text: string;
}

const notes = new Map<number, Note>([[1, { id: 1, text: "Return the classes directly." }]]);

function noteId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id)) throw new HttpError(400, `Not a note id: ${raw}`);
  return id;
}

export const app = new Hono()
  .use(responses())
  .onError(errorHandler)
  // This directory, read-only: GET /files/hono.ts is this file.
  .use(
    "/files/*",
    serveFiles({ root: new URL("./", import.meta.url), rewriteRequestPath: (p) => p.replace(/^\/files/, "") }),
  )
  .get("/notes", (c) => {
    c.header("Cache-Control", "no-store");
    setCookie(c, "visits", String(Number(getCookie(c, "visits") ?? 0) + 1), { httpOnly: true });
    return new JsonResponseOK<Note[]>([...notes.values()]);
  })
  .get("/notes/:id", (c) => {
    const note = notes.get(noteId(c.req.param("id")));
    if (!note) throw new Http404(`No note ${c.req.param("id")}`);
    return new JsonResponseOK<Note>(note);
  })
  .post("/notes", async (c) => {
    const body = await c.req.json<{ text?: unknown }>().catch(() => ({ text: undefined }));
    if (typeof body.text !== "string") throw new HttpError(422, "A note needs a text");
    const note = { id: notes.size + 1, text: body.text };
    notes.set(note.id, note);
    return new JsonResponseCreated<Note>(note, { location: `/notes/${note.id}` });
  })
  .delete("/notes/:id", (c) => {
    if (!notes.delete(noteId(c.req.param("id")))) throw new Http404();
    return new HttpResponseNoContent();
  });

/** A typed client for the API above: `hc` infers `Note` from `JsonResponseOK<Note>`. */
export async function firstNoteText(baseUrl: string): Promise<string> {
  const res = await hc<typeof app>(baseUrl).notes[":id"].$get({ param: { id: "1" } });
  const note = await res.json();
  return note.text;
}

const g = globalThis as unknown as {
  Deno?: { serve(options: { port: number }, handler: (request: Request) => Response | Promise<Response>): unknown };
  Bun?: { serve(options: { port: number; fetch: (request: Request) => Response | Promise<Response> }): unknown };
};
if (import.meta.main) {
  if (g.Deno) g.Deno.serve({ port: 8787 }, app.fetch);
  else if (g.Bun) g.Bun.serve({ port: 8787, fetch: app.fetch });
}
