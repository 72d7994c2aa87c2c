/**
 * The one streaming body every runtime uses where it cannot hand the file to the server:
 * pull-based, opened on the first read, read in bounded chunks, closed on end, error, cancel
 * and client disconnect.
 *
 * @module
 */

import type { BodyPlan, OpenFile } from "./types.ts";

/**
 * A byte stream of `plan.segments`. Nothing is opened until the consumer reads (the queue holds
 * no chunk ahead, so constructing a response opens nothing); each read asks for at most
 * `plan.chunkSize` bytes; the file is closed when the last byte is read, when a read fails, when
 * the stream is cancelled, and when `plan.signal` aborts.
 */
export function segmentStream(open: (path: string) => Promise<OpenFile>, plan: BodyPlan): ReadableStream<Uint8Array> {
  const { segments, chunkSize, signal, file: { path } } = plan;
  let file: OpenFile | undefined;
  let finished = false;
  let index = 0;
  let position = -1;
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;

  const finish = () => {
    if (finished) return;
    finished = true;
    signal?.removeEventListener("abort", abort);
    file?.close();
    file = undefined;
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
  if (signal?.aborted) finished = true;
  else signal?.addEventListener("abort", abort, { once: true });

  return new ReadableStream<Uint8Array>({
    start(controller) {
      stream = controller;
      if (finished) controller.error(signal?.reason);
    },
    async pull(controller) {
      try {
        while (index < segments.length) {
          const segment = segments[index]!;
          if (segment instanceof Uint8Array) {
            index++;
            controller.enqueue(segment);
            return;
          }
          if (position === -1) position = segment.start;
          if (position > segment.end) {
            index++;
            position = -1;
            continue;
          }
          if (file === undefined) {
            const opened = await open(path);
            if (finished) {
              opened.close();
              return;
            }
            file = opened;
          }
          const chunk = new Uint8Array(Math.min(chunkSize, segment.end - position + 1));
          const n = await file.read(chunk, position);
          if (finished) return;
          if (n === 0) throw new Error(`FileResponse: the file ended at byte ${position}, before the length it was served with`);
          position += n;
          controller.enqueue(n === chunk.byteLength ? chunk : chunk.subarray(0, n));
          return;
        }
        finish();
        controller.close();
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
