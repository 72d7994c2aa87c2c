// A Worker on the packed allresponses, bundled in the fresh project by scripts/pack-smoke.mjs as
// wrangler bundles one (esbuild, the workerd/worker/browser conditions) and run in workerd: the
// Workers build (dist/workerd/) serves a Blob with a Range, shares its classes with
// allresponses/hono, and answers a disk path without node:fs with the TypeError that names Blob.
import { FileResponse, HttpResponse, HttpResponseOK } from "allresponses";
import * as adapter from "allresponses/hono";

export default {
  fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/blob") {
      return new FileResponse(new Blob(["hello, worker"]), { request, mediaType: "text/plain" });
    }
    if (pathname === "/same") return new HttpResponseOK(String(adapter.HttpResponse === HttpResponse));
    try {
      return new FileResponse("/srv/index.html", { request });
    } catch (error) {
      return new HttpResponseOK(`${error.constructor.name}: ${error.message}`);
    }
  },
};
