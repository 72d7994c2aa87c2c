/**
 * The one streaming body every runtime uses where it cannot hand the file to the server:
 * pull-based, opened on the first read, read in bounded chunks, closed on end, error, cancel
 * and client disconnect.
 *
 * @module
 */

import type { BodyPlan, OpenFile } from "./types.ts";

/**
 * A byte stream of `plan.segments`. The queue holds no chunk ahead of the consumer, so nothing
 * is opened until the consumer first reads, and each read asks for at most `plan.chunkSize`
 * bytes. The file is closed when the last byte is read, when a read fails, when the stream is
 * cancelled, and when `signal` aborts (which also errors the stream).
 */
export function segmentStream(
  open: (path: string) => Promise<OpenFile>,
  plan: BodyPlan,
  signal?: AbortSignal,
): ReadableStream<Uint8Array> {
  const { segments, chunkSize, file: { path } } = plan;
  let file: Promise<OpenFile> | undefined;
  // The file once it is open: later chunks read it without awaiting `file` again.
  let handle: OpenFile | undefined;
  let finished = false;
  let index = 0;
  let position = -1;
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;

  const finish = () => {
    if (finished) return;
    finished = true;
    signal?.removeEventListener("abort", abort);
    file?.then((f) => f.close(), () => {});
  };
  const abort = () => {
    if (finished) return;
    finish();
    try {
      stream?.error(signal?.reason);
    } catch {
      // already closed or errored
    }
  };

  const opened = (): Promise<OpenFile> =>
    file ??= open(path).then((f) => {
      if (finished) f.close();
      return (handle = f);
    });

  /** The next piece of the body: literal bytes or a chunk read from the file; `undefined` at the end. */
  const next = async (): Promise<Uint8Array | undefined> => {
    while (index < segments.length) {
      const segment = segments[index]!;
      if (segment instanceof Uint8Array) {
        index++;
        return segment;
      }
      if (position === -1) position = segment.start;
      if (position > segment.end) {
        index++;
        position = -1;
        continue;
      }
      const at = position;
      const chunk = new Uint8Array(Math.min(chunkSize, segment.end - at + 1));
      position += chunk.byteLength;
      const f = handle ?? await opened();
      for (let got = 0; got < chunk.byteLength;) {
        const n = await f.read(chunk.subarray(got), at + got);
        if (n === 0) throw new Error(`FileResponse: ${path} ended at byte ${at + got}, before the length it was served with`);
        got += n;
      }
      return chunk;
    }
    return undefined;
  };

  if (signal?.aborted) finished = true;
  else signal?.addEventListener("abort", abort, { once: true });

  return new ReadableStream<Uint8Array>({
    start(controller) {
      stream = controller;
      if (finished) controller.error(signal?.reason);
    },
    async pull(controller) {
      try {
        const chunk = await next();
        if (finished) return;
        if (chunk === undefined) {
          finish();
          controller.close();
          return;
        }
        controller.enqueue(chunk);
      } catch (error) {
        if (finished) return;
        finish();
        controller.error(error);
      }
    },
    cancel() {
      finish();
    },
  }, { highWaterMark: 0 });
}
