/**
 * A server-sent event stream read as the WHATWG HTML spec's EventSource reads it: the one parser
 * the SSE tests and the SSE properties check the bytes against.
 *
 * @module
 */

export interface ReceivedEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/** What an EventSource made of a stream: events dispatched, comments seen, the final state. */
export interface Interpretation {
  events: ReceivedEvent[];
  comments: string[];
  lastEventId: string;
  retry: number | undefined;
}

/**
 * An event stream parser as the WHATWG HTML spec describes it (§9.2.6 "Interpreting an event
 * stream"), fed text in arbitrary chunks: lines end in CRLF, LF or CR (a CR at the end of a
 * chunk may pair with an LF at the start of the next); a blank line dispatches; `:` starts a
 * comment; the field name ends at the first colon and one space after it is dropped; `data`
 * lines join with LF; `id` with a NUL is ignored; `retry` takes ASCII digits only; an
 * unterminated last event is discarded.
 */
export function interpretEventStream(chunks: Iterable<string>): Interpretation {
  const out: Interpretation = { events: [], comments: [], lastEventId: "", retry: undefined };
  let data = "";
  let type = "";
  let idBuffer = "";
  let line = "";
  let afterCR = false;
  const processLine = (l: string) => {
    if (l === "") {
      out.lastEventId = idBuffer;
      if (data !== "") out.events.push({ type: type || "message", data: data.slice(0, -1), lastEventId: idBuffer });
      data = "";
      type = "";
      return;
    }
    if (l.startsWith(":")) {
      out.comments.push(l.slice(1));
      return;
    }
    const colon = l.indexOf(":");
    const field = colon === -1 ? l : l.slice(0, colon);
    let value = colon === -1 ? "" : l.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") type = value;
    else if (field === "data") data += value + "\n";
    else if (field === "id" && !value.includes("\0")) idBuffer = value;
    else if (field === "retry" && /^[0-9]+$/.test(value)) out.retry = Number(value);
  };
  for (const chunk of chunks) {
    for (const ch of chunk) {
      const pairedLF = afterCR && ch === "\n";
      afterCR = ch === "\r";
      if (pairedLF) continue;
      if (ch === "\r" || ch === "\n") {
        processLine(line);
        line = "";
      } else {
        line += ch;
      }
    }
  }
  return out;
}
