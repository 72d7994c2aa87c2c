/**
 * One class per registered status: `HttpResponse<Name>` for every status and
 * `JsonResponse<Name>` for every status that allows content, each made by the one factory in
 * `factory.ts` from the status table, plus the Django names as aliases.
 *
 * @module
 */

import {
  type HttpStatusClass,
  httpStatusClass,
  type InterimStatusClass,
  type JsonNotAllowedClass,
  type JsonStatusClass,
  jsonStatusClass,
  type NotAllowedClass,
  type NullBodyStatusClass,
  type RedirectStatusClass,
} from "./factory.ts";

/**
 * `100 Continue`: the client should continue with its request. A web `Response` cannot carry an interim status, so constructing this class throws a `TypeError` that says so.
 *
 * @example
 * ```ts
 * import { HttpResponseContinue } from "allresponses";
 * new HttpResponseContinue(); // throws TypeError: a web Response cannot be a 100
 * ```
 */
export const HttpResponseContinue: InterimStatusClass = httpStatusClass(100, "Continue") as InterimStatusClass;

/**
 * `101 Switching Protocols`: the server switches to the protocol named in Upgrade.
 *
 * @example
 * ```ts
 * import { HttpResponseSwitchingProtocols } from "allresponses";
 * new HttpResponseSwitchingProtocols(null, { upgrade: "websocket" });
 * ```
 */
export const HttpResponseSwitchingProtocols: HttpStatusClass<101> = httpStatusClass(101, "SwitchingProtocols") as HttpStatusClass<101>;

/**
 * `102 Processing`: the server has accepted the request and is still working on it (WebDAV). A web `Response` cannot carry an interim status, so constructing this class throws a `TypeError` that says so.
 *
 * @example
 * ```ts
 * import { HttpResponseProcessing } from "allresponses";
 * new HttpResponseProcessing(); // throws TypeError: a web Response cannot be a 102
 * ```
 */
export const HttpResponseProcessing: InterimStatusClass = httpStatusClass(102, "Processing") as InterimStatusClass;

/**
 * `103 Early Hints`: hints at headers the final response will carry, such as Link preloads. A web `Response` cannot carry an interim status, so constructing this class throws a `TypeError` that says so.
 *
 * @example
 * ```ts
 * import { HttpResponseEarlyHints } from "allresponses";
 * new HttpResponseEarlyHints(); // throws TypeError: a web Response cannot be a 103
 * ```
 */
export const HttpResponseEarlyHints: InterimStatusClass = httpStatusClass(103, "EarlyHints") as InterimStatusClass;

/**
 * `104 Upload Resumption Supported`: the server supports resumable uploads. A web `Response` cannot carry an interim status, so constructing this class throws a `TypeError` that says so.
 *
 * @example
 * ```ts
 * import { HttpResponseUploadResumptionSupported } from "allresponses";
 * new HttpResponseUploadResumptionSupported(); // throws TypeError: a web Response cannot be a 104
 * ```
 */
export const HttpResponseUploadResumptionSupported: InterimStatusClass = httpStatusClass(104, "UploadResumptionSupported") as InterimStatusClass;

/**
 * `200 OK`: the request succeeded.
 *
 * @example
 * ```ts
 * import { HttpResponseOK } from "allresponses";
 * new HttpResponseOK("OK");
 * ```
 */
export const HttpResponseOK: HttpStatusClass<200> = httpStatusClass(200, "OK") as HttpStatusClass<200>;

/**
 * `200 OK` with a JSON body (`application/json`): the request succeeded. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseOK } from "allresponses";
 * new JsonResponseOK({ detail: "OK" });
 * ```
 */
export const JsonResponseOK: JsonStatusClass<200> = jsonStatusClass(200, "OK") as JsonStatusClass<200>;

/**
 * `201 Created`: the request created a resource, named by Location.
 *
 * @example
 * ```ts
 * import { HttpResponseCreated } from "allresponses";
 * new HttpResponseCreated("Created", { location: "/items/7" });
 * ```
 */
export const HttpResponseCreated: HttpStatusClass<201> = httpStatusClass(201, "Created") as HttpStatusClass<201>;

/**
 * `201 Created` with a JSON body (`application/json`): the request created a resource, named by Location. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseCreated } from "allresponses";
 * new JsonResponseCreated({ detail: "Created" }, { location: "/items/7" });
 * ```
 */
export const JsonResponseCreated: JsonStatusClass<201> = jsonStatusClass(201, "Created") as JsonStatusClass<201>;

/**
 * `202 Accepted`: the request was accepted for processing that has not finished.
 *
 * @example
 * ```ts
 * import { HttpResponseAccepted } from "allresponses";
 * new HttpResponseAccepted("Accepted");
 * ```
 */
export const HttpResponseAccepted: HttpStatusClass<202> = httpStatusClass(202, "Accepted") as HttpStatusClass<202>;

/**
 * `202 Accepted` with a JSON body (`application/json`): the request was accepted for processing that has not finished. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseAccepted } from "allresponses";
 * new JsonResponseAccepted({ detail: "Accepted" });
 * ```
 */
export const JsonResponseAccepted: JsonStatusClass<202> = jsonStatusClass(202, "Accepted") as JsonStatusClass<202>;

/**
 * `203 Non-Authoritative Information`: a transforming proxy changed the origin's response.
 *
 * @example
 * ```ts
 * import { HttpResponseNonAuthoritativeInformation } from "allresponses";
 * new HttpResponseNonAuthoritativeInformation("Non-Authoritative Information");
 * ```
 */
export const HttpResponseNonAuthoritativeInformation: HttpStatusClass<203> = httpStatusClass(203, "NonAuthoritativeInformation") as HttpStatusClass<203>;

/**
 * `203 Non-Authoritative Information` with a JSON body (`application/json`): a transforming proxy changed the origin's response. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseNonAuthoritativeInformation } from "allresponses";
 * new JsonResponseNonAuthoritativeInformation({ detail: "Non-Authoritative Information" });
 * ```
 */
export const JsonResponseNonAuthoritativeInformation: JsonStatusClass<203> = jsonStatusClass(203, "NonAuthoritativeInformation") as JsonStatusClass<203>;

/**
 * `204 No Content`: the request succeeded and there is no content to send. Never has content.
 *
 * @example
 * ```ts
 * import { HttpResponseNoContent } from "allresponses";
 * new HttpResponseNoContent(); // no body, no Content-Type, no Content-Length
 * ```
 */
export const HttpResponseNoContent: NullBodyStatusClass<204> = httpStatusClass(204, "NoContent") as NullBodyStatusClass<204>;

/**
 * `205 Reset Content`: the request succeeded and the client should reset its document view. Never has content.
 *
 * @example
 * ```ts
 * import { HttpResponseResetContent } from "allresponses";
 * new HttpResponseResetContent(); // no body, no Content-Type, no Content-Length
 * ```
 */
export const HttpResponseResetContent: NullBodyStatusClass<205> = httpStatusClass(205, "ResetContent") as NullBodyStatusClass<205>;

/**
 * `206 Partial Content`: the response carries the requested ranges of the representation.
 *
 * @example
 * ```ts
 * import { HttpResponsePartialContent } from "allresponses";
 * new HttpResponsePartialContent("Partial Content", { contentRange: [0, 1023, 2048] });
 * ```
 */
export const HttpResponsePartialContent: HttpStatusClass<206> = httpStatusClass(206, "PartialContent") as HttpStatusClass<206>;

/**
 * `206 Partial Content` with a JSON body (`application/json`): the response carries the requested ranges of the representation. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponsePartialContent } from "allresponses";
 * new JsonResponsePartialContent({ detail: "Partial Content" }, { contentRange: [0, 1023, 2048] });
 * ```
 */
export const JsonResponsePartialContent: JsonStatusClass<206> = jsonStatusClass(206, "PartialContent") as JsonStatusClass<206>;

/**
 * `207 Multi-Status`: the body holds a status for each of several resources (WebDAV).
 *
 * @example
 * ```ts
 * import { HttpResponseMultiStatus } from "allresponses";
 * new HttpResponseMultiStatus("Multi-Status");
 * ```
 */
export const HttpResponseMultiStatus: HttpStatusClass<207> = httpStatusClass(207, "MultiStatus") as HttpStatusClass<207>;

/**
 * `207 Multi-Status` with a JSON body (`application/json`): the body holds a status for each of several resources (WebDAV). `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseMultiStatus } from "allresponses";
 * new JsonResponseMultiStatus({ detail: "Multi-Status" });
 * ```
 */
export const JsonResponseMultiStatus: JsonStatusClass<207> = jsonStatusClass(207, "MultiStatus") as JsonStatusClass<207>;

/**
 * `208 Already Reported`: the members of a binding were already listed (WebDAV).
 *
 * @example
 * ```ts
 * import { HttpResponseAlreadyReported } from "allresponses";
 * new HttpResponseAlreadyReported("Already Reported");
 * ```
 */
export const HttpResponseAlreadyReported: HttpStatusClass<208> = httpStatusClass(208, "AlreadyReported") as HttpStatusClass<208>;

/**
 * `208 Already Reported` with a JSON body (`application/json`): the members of a binding were already listed (WebDAV). `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseAlreadyReported } from "allresponses";
 * new JsonResponseAlreadyReported({ detail: "Already Reported" });
 * ```
 */
export const JsonResponseAlreadyReported: JsonStatusClass<208> = jsonStatusClass(208, "AlreadyReported") as JsonStatusClass<208>;

/**
 * `226 IM Used`: the response is the result of instance manipulations applied to the current instance.
 *
 * @example
 * ```ts
 * import { HttpResponseIMUsed } from "allresponses";
 * new HttpResponseIMUsed("IM Used");
 * ```
 */
export const HttpResponseIMUsed: HttpStatusClass<226> = httpStatusClass(226, "IMUsed") as HttpStatusClass<226>;

/**
 * `226 IM Used` with a JSON body (`application/json`): the response is the result of instance manipulations applied to the current instance. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseIMUsed } from "allresponses";
 * new JsonResponseIMUsed({ detail: "IM Used" });
 * ```
 */
export const JsonResponseIMUsed: JsonStatusClass<226> = jsonStatusClass(226, "IMUsed") as JsonStatusClass<226>;

/**
 * `300 Multiple Choices`: the resource has several representations to choose from.
 *
 * @example
 * ```ts
 * import { HttpResponseMultipleChoices } from "allresponses";
 * new HttpResponseMultipleChoices("Multiple Choices", { location: "/choices/best" });
 * ```
 */
export const HttpResponseMultipleChoices: HttpStatusClass<300> = httpStatusClass(300, "MultipleChoices") as HttpStatusClass<300>;

/**
 * `300 Multiple Choices` with a JSON body (`application/json`): the resource has several representations to choose from. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseMultipleChoices } from "allresponses";
 * new JsonResponseMultipleChoices({ detail: "Multiple Choices" }, { location: "/choices/best" });
 * ```
 */
export const JsonResponseMultipleChoices: JsonStatusClass<300> = jsonStatusClass(300, "MultipleChoices") as JsonStatusClass<300>;

/**
 * `301 Moved Permanently`: the resource has moved for good; clients may change POST to GET. Takes the target URL; redirect rules apply (schemes, encoding, length).
 *
 * @example
 * ```ts
 * import { HttpResponseMovedPermanently } from "allresponses";
 * new HttpResponseMovedPermanently("/new/place"); // location: /new/place
 * ```
 */
export const HttpResponseMovedPermanently: RedirectStatusClass<301> = httpStatusClass(301, "MovedPermanently") as RedirectStatusClass<301>;

/**
 * `301 Moved Permanently` with a JSON body (`application/json`): the resource has moved for good; clients may change POST to GET. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseMovedPermanently } from "allresponses";
 * new JsonResponseMovedPermanently({ detail: "Moved Permanently" }, { location: "/new/place" });
 * ```
 */
export const JsonResponseMovedPermanently: JsonStatusClass<301> = jsonStatusClass(301, "MovedPermanently") as JsonStatusClass<301>;

/**
 * `302 Found`: the resource is found elsewhere for now; clients may change POST to GET. Takes the target URL; redirect rules apply (schemes, encoding, length).
 *
 * @example
 * ```ts
 * import { HttpResponseFound } from "allresponses";
 * new HttpResponseFound("/new/place"); // location: /new/place
 * ```
 */
export const HttpResponseFound: RedirectStatusClass<302> = httpStatusClass(302, "Found") as RedirectStatusClass<302>;

/**
 * `302 Found` with a JSON body (`application/json`): the resource is found elsewhere for now; clients may change POST to GET. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseFound } from "allresponses";
 * new JsonResponseFound({ detail: "Found" }, { location: "/new/place" });
 * ```
 */
export const JsonResponseFound: JsonStatusClass<302> = jsonStatusClass(302, "Found") as JsonStatusClass<302>;

/**
 * `303 See Other`: the result is at another URI, to be fetched with GET. Takes the target URL; redirect rules apply (schemes, encoding, length).
 *
 * @example
 * ```ts
 * import { HttpResponseSeeOther } from "allresponses";
 * new HttpResponseSeeOther("/new/place"); // location: /new/place
 * ```
 */
export const HttpResponseSeeOther: RedirectStatusClass<303> = httpStatusClass(303, "SeeOther") as RedirectStatusClass<303>;

/**
 * `303 See Other` with a JSON body (`application/json`): the result is at another URI, to be fetched with GET. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseSeeOther } from "allresponses";
 * new JsonResponseSeeOther({ detail: "See Other" }, { location: "/new/place" });
 * ```
 */
export const JsonResponseSeeOther: JsonStatusClass<303> = jsonStatusClass(303, "SeeOther") as JsonStatusClass<303>;

/**
 * `304 Not Modified`: the client's cached copy is still good. Never has content.
 *
 * @example
 * ```ts
 * import { HttpResponseNotModified } from "allresponses";
 * new HttpResponseNotModified(); // no body, no Content-Type, no Content-Length
 * ```
 */
export const HttpResponseNotModified: NullBodyStatusClass<304> = httpStatusClass(304, "NotModified") as NullBodyStatusClass<304>;

/**
 * `305 Use Proxy`: deprecated: the resource must be reached through a proxy.
 *
 * @example
 * ```ts
 * import { HttpResponseUseProxy } from "allresponses";
 * new HttpResponseUseProxy("Use Proxy", { location: "http://proxy.example/" });
 * ```
 */
export const HttpResponseUseProxy: HttpStatusClass<305> = httpStatusClass(305, "UseProxy") as HttpStatusClass<305>;

/**
 * `305 Use Proxy` with a JSON body (`application/json`): deprecated: the resource must be reached through a proxy. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseUseProxy } from "allresponses";
 * new JsonResponseUseProxy({ detail: "Use Proxy" }, { location: "http://proxy.example/" });
 * ```
 */
export const JsonResponseUseProxy: JsonStatusClass<305> = jsonStatusClass(305, "UseProxy") as JsonStatusClass<305>;

/**
 * `307 Temporary Redirect`: the resource is elsewhere for now; the method and body are kept. Takes the target URL; redirect rules apply (schemes, encoding, length).
 *
 * @example
 * ```ts
 * import { HttpResponseTemporaryRedirect } from "allresponses";
 * new HttpResponseTemporaryRedirect("/new/place"); // location: /new/place
 * ```
 */
export const HttpResponseTemporaryRedirect: RedirectStatusClass<307> = httpStatusClass(307, "TemporaryRedirect") as RedirectStatusClass<307>;

/**
 * `307 Temporary Redirect` with a JSON body (`application/json`): the resource is elsewhere for now; the method and body are kept. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseTemporaryRedirect } from "allresponses";
 * new JsonResponseTemporaryRedirect({ detail: "Temporary Redirect" }, { location: "/new/place" });
 * ```
 */
export const JsonResponseTemporaryRedirect: JsonStatusClass<307> = jsonStatusClass(307, "TemporaryRedirect") as JsonStatusClass<307>;

/**
 * `308 Permanent Redirect`: the resource has moved for good; the method and body are kept. Takes the target URL; redirect rules apply (schemes, encoding, length).
 *
 * @example
 * ```ts
 * import { HttpResponsePermanentRedirect } from "allresponses";
 * new HttpResponsePermanentRedirect("/new/place"); // location: /new/place
 * ```
 */
export const HttpResponsePermanentRedirect: RedirectStatusClass<308> = httpStatusClass(308, "PermanentRedirect") as RedirectStatusClass<308>;

/**
 * `308 Permanent Redirect` with a JSON body (`application/json`): the resource has moved for good; the method and body are kept. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponsePermanentRedirect } from "allresponses";
 * new JsonResponsePermanentRedirect({ detail: "Permanent Redirect" }, { location: "/new/place" });
 * ```
 */
export const JsonResponsePermanentRedirect: JsonStatusClass<308> = jsonStatusClass(308, "PermanentRedirect") as JsonStatusClass<308>;

/**
 * `400 Bad Request`: the request is malformed.
 *
 * @example
 * ```ts
 * import { HttpResponseBadRequest } from "allresponses";
 * new HttpResponseBadRequest("Bad Request");
 * ```
 */
export const HttpResponseBadRequest: HttpStatusClass<400> = httpStatusClass(400, "BadRequest") as HttpStatusClass<400>;

/**
 * `400 Bad Request` with a JSON body (`application/json`): the request is malformed. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseBadRequest } from "allresponses";
 * new JsonResponseBadRequest({ detail: "Bad Request" });
 * ```
 */
export const JsonResponseBadRequest: JsonStatusClass<400> = jsonStatusClass(400, "BadRequest") as JsonStatusClass<400>;

/**
 * `401 Unauthorized`: the request lacks valid credentials for the resource.
 *
 * @example
 * ```ts
 * import { HttpResponseUnauthorized } from "allresponses";
 * new HttpResponseUnauthorized("Unauthorized", { wwwAuthenticate: 'Bearer realm="api"' });
 * ```
 */
export const HttpResponseUnauthorized: HttpStatusClass<401> = httpStatusClass(401, "Unauthorized") as HttpStatusClass<401>;

/**
 * `401 Unauthorized` with a JSON body (`application/json`): the request lacks valid credentials for the resource. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseUnauthorized } from "allresponses";
 * new JsonResponseUnauthorized({ detail: "Unauthorized" }, { wwwAuthenticate: 'Bearer realm="api"' });
 * ```
 */
export const JsonResponseUnauthorized: JsonStatusClass<401> = jsonStatusClass(401, "Unauthorized") as JsonStatusClass<401>;

/**
 * `402 Payment Required`: reserved for future use; used by some payment APIs.
 *
 * @example
 * ```ts
 * import { HttpResponsePaymentRequired } from "allresponses";
 * new HttpResponsePaymentRequired("Payment Required");
 * ```
 */
export const HttpResponsePaymentRequired: HttpStatusClass<402> = httpStatusClass(402, "PaymentRequired") as HttpStatusClass<402>;

/**
 * `402 Payment Required` with a JSON body (`application/json`): reserved for future use; used by some payment APIs. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponsePaymentRequired } from "allresponses";
 * new JsonResponsePaymentRequired({ detail: "Payment Required" });
 * ```
 */
export const JsonResponsePaymentRequired: JsonStatusClass<402> = jsonStatusClass(402, "PaymentRequired") as JsonStatusClass<402>;

/**
 * `403 Forbidden`: the server understood the request and refuses it.
 *
 * @example
 * ```ts
 * import { HttpResponseForbidden } from "allresponses";
 * new HttpResponseForbidden("Forbidden");
 * ```
 */
export const HttpResponseForbidden: HttpStatusClass<403> = httpStatusClass(403, "Forbidden") as HttpStatusClass<403>;

/**
 * `403 Forbidden` with a JSON body (`application/json`): the server understood the request and refuses it. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseForbidden } from "allresponses";
 * new JsonResponseForbidden({ detail: "Forbidden" });
 * ```
 */
export const JsonResponseForbidden: JsonStatusClass<403> = jsonStatusClass(403, "Forbidden") as JsonStatusClass<403>;

/**
 * `404 Not Found`: there is no representation for the target resource.
 *
 * @example
 * ```ts
 * import { HttpResponseNotFound } from "allresponses";
 * new HttpResponseNotFound("Not Found");
 * ```
 */
export const HttpResponseNotFound: HttpStatusClass<404> = httpStatusClass(404, "NotFound") as HttpStatusClass<404>;

/**
 * `404 Not Found` with a JSON body (`application/json`): there is no representation for the target resource. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseNotFound } from "allresponses";
 * new JsonResponseNotFound({ detail: "Not Found" });
 * ```
 */
export const JsonResponseNotFound: JsonStatusClass<404> = jsonStatusClass(404, "NotFound") as JsonStatusClass<404>;

/**
 * `405 Method Not Allowed`: the method is not supported by the resource; Allow lists those that are. Takes the permitted methods first.
 *
 * @example
 * ```ts
 * import { HttpResponseMethodNotAllowed } from "allresponses";
 * new HttpResponseMethodNotAllowed(["GET", "HEAD"]); // allow: GET, HEAD
 * ```
 */
export const HttpResponseMethodNotAllowed: NotAllowedClass = httpStatusClass(405, "MethodNotAllowed") as NotAllowedClass;

/**
 * `405 Method Not Allowed` with a JSON body (`application/json`): the method is not supported by the resource; Allow lists those that are. Takes the permitted methods first. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseMethodNotAllowed } from "allresponses";
 * new JsonResponseMethodNotAllowed(["GET"], { error: "use GET" }); // allow: GET
 * ```
 */
export const JsonResponseMethodNotAllowed: JsonNotAllowedClass = jsonStatusClass(405, "MethodNotAllowed") as JsonNotAllowedClass;

/**
 * `406 Not Acceptable`: no representation matches the request's Accept headers.
 *
 * @example
 * ```ts
 * import { HttpResponseNotAcceptable } from "allresponses";
 * new HttpResponseNotAcceptable("Not Acceptable");
 * ```
 */
export const HttpResponseNotAcceptable: HttpStatusClass<406> = httpStatusClass(406, "NotAcceptable") as HttpStatusClass<406>;

/**
 * `406 Not Acceptable` with a JSON body (`application/json`): no representation matches the request's Accept headers. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseNotAcceptable } from "allresponses";
 * new JsonResponseNotAcceptable({ detail: "Not Acceptable" });
 * ```
 */
export const JsonResponseNotAcceptable: JsonStatusClass<406> = jsonStatusClass(406, "NotAcceptable") as JsonStatusClass<406>;

/**
 * `407 Proxy Authentication Required`: the client must authenticate with the proxy.
 *
 * @example
 * ```ts
 * import { HttpResponseProxyAuthenticationRequired } from "allresponses";
 * new HttpResponseProxyAuthenticationRequired("Proxy Authentication Required", { proxyAuthenticate: 'Basic realm="proxy"' });
 * ```
 */
export const HttpResponseProxyAuthenticationRequired: HttpStatusClass<407> = httpStatusClass(407, "ProxyAuthenticationRequired") as HttpStatusClass<407>;

/**
 * `407 Proxy Authentication Required` with a JSON body (`application/json`): the client must authenticate with the proxy. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseProxyAuthenticationRequired } from "allresponses";
 * new JsonResponseProxyAuthenticationRequired({ detail: "Proxy Authentication Required" }, { proxyAuthenticate: 'Basic realm="proxy"' });
 * ```
 */
export const JsonResponseProxyAuthenticationRequired: JsonStatusClass<407> = jsonStatusClass(407, "ProxyAuthenticationRequired") as JsonStatusClass<407>;

/**
 * `408 Request Timeout`: the server timed out waiting for the request.
 *
 * @example
 * ```ts
 * import { HttpResponseRequestTimeout } from "allresponses";
 * new HttpResponseRequestTimeout("Request Timeout", { retryAfter: 5 });
 * ```
 */
export const HttpResponseRequestTimeout: HttpStatusClass<408> = httpStatusClass(408, "RequestTimeout") as HttpStatusClass<408>;

/**
 * `408 Request Timeout` with a JSON body (`application/json`): the server timed out waiting for the request. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseRequestTimeout } from "allresponses";
 * new JsonResponseRequestTimeout({ detail: "Request Timeout" }, { retryAfter: 5 });
 * ```
 */
export const JsonResponseRequestTimeout: JsonStatusClass<408> = jsonStatusClass(408, "RequestTimeout") as JsonStatusClass<408>;

/**
 * `409 Conflict`: the request conflicts with the resource's current state.
 *
 * @example
 * ```ts
 * import { HttpResponseConflict } from "allresponses";
 * new HttpResponseConflict("Conflict");
 * ```
 */
export const HttpResponseConflict: HttpStatusClass<409> = httpStatusClass(409, "Conflict") as HttpStatusClass<409>;

/**
 * `409 Conflict` with a JSON body (`application/json`): the request conflicts with the resource's current state. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseConflict } from "allresponses";
 * new JsonResponseConflict({ detail: "Conflict" });
 * ```
 */
export const JsonResponseConflict: JsonStatusClass<409> = jsonStatusClass(409, "Conflict") as JsonStatusClass<409>;

/**
 * `410 Gone`: the resource is gone for good.
 *
 * @example
 * ```ts
 * import { HttpResponseGone } from "allresponses";
 * new HttpResponseGone("Gone");
 * ```
 */
export const HttpResponseGone: HttpStatusClass<410> = httpStatusClass(410, "Gone") as HttpStatusClass<410>;

/**
 * `410 Gone` with a JSON body (`application/json`): the resource is gone for good. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseGone } from "allresponses";
 * new JsonResponseGone({ detail: "Gone" });
 * ```
 */
export const JsonResponseGone: JsonStatusClass<410> = jsonStatusClass(410, "Gone") as JsonStatusClass<410>;

/**
 * `411 Length Required`: the request needs a Content-Length.
 *
 * @example
 * ```ts
 * import { HttpResponseLengthRequired } from "allresponses";
 * new HttpResponseLengthRequired("Length Required");
 * ```
 */
export const HttpResponseLengthRequired: HttpStatusClass<411> = httpStatusClass(411, "LengthRequired") as HttpStatusClass<411>;

/**
 * `411 Length Required` with a JSON body (`application/json`): the request needs a Content-Length. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseLengthRequired } from "allresponses";
 * new JsonResponseLengthRequired({ detail: "Length Required" });
 * ```
 */
export const JsonResponseLengthRequired: JsonStatusClass<411> = jsonStatusClass(411, "LengthRequired") as JsonStatusClass<411>;

/**
 * `412 Precondition Failed`: a precondition in the request headers failed.
 *
 * @example
 * ```ts
 * import { HttpResponsePreconditionFailed } from "allresponses";
 * new HttpResponsePreconditionFailed("Precondition Failed");
 * ```
 */
export const HttpResponsePreconditionFailed: HttpStatusClass<412> = httpStatusClass(412, "PreconditionFailed") as HttpStatusClass<412>;

/**
 * `412 Precondition Failed` with a JSON body (`application/json`): a precondition in the request headers failed. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponsePreconditionFailed } from "allresponses";
 * new JsonResponsePreconditionFailed({ detail: "Precondition Failed" });
 * ```
 */
export const JsonResponsePreconditionFailed: JsonStatusClass<412> = jsonStatusClass(412, "PreconditionFailed") as JsonStatusClass<412>;

/**
 * `413 Content Too Large`: the request content is larger than the server will process.
 *
 * @example
 * ```ts
 * import { HttpResponseContentTooLarge } from "allresponses";
 * new HttpResponseContentTooLarge("Content Too Large", { retryAfter: 60 });
 * ```
 */
export const HttpResponseContentTooLarge: HttpStatusClass<413> = httpStatusClass(413, "ContentTooLarge") as HttpStatusClass<413>;

/**
 * `413 Content Too Large` with a JSON body (`application/json`): the request content is larger than the server will process. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseContentTooLarge } from "allresponses";
 * new JsonResponseContentTooLarge({ detail: "Content Too Large" }, { retryAfter: 60 });
 * ```
 */
export const JsonResponseContentTooLarge: JsonStatusClass<413> = jsonStatusClass(413, "ContentTooLarge") as JsonStatusClass<413>;

/**
 * `414 URI Too Long`: the target URI is longer than the server will interpret.
 *
 * @example
 * ```ts
 * import { HttpResponseURITooLong } from "allresponses";
 * new HttpResponseURITooLong("URI Too Long");
 * ```
 */
export const HttpResponseURITooLong: HttpStatusClass<414> = httpStatusClass(414, "URITooLong") as HttpStatusClass<414>;

/**
 * `414 URI Too Long` with a JSON body (`application/json`): the target URI is longer than the server will interpret. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseURITooLong } from "allresponses";
 * new JsonResponseURITooLong({ detail: "URI Too Long" });
 * ```
 */
export const JsonResponseURITooLong: JsonStatusClass<414> = jsonStatusClass(414, "URITooLong") as JsonStatusClass<414>;

/**
 * `415 Unsupported Media Type`: the request content is in a format the resource does not support.
 *
 * @example
 * ```ts
 * import { HttpResponseUnsupportedMediaType } from "allresponses";
 * new HttpResponseUnsupportedMediaType("Unsupported Media Type");
 * ```
 */
export const HttpResponseUnsupportedMediaType: HttpStatusClass<415> = httpStatusClass(415, "UnsupportedMediaType") as HttpStatusClass<415>;

/**
 * `415 Unsupported Media Type` with a JSON body (`application/json`): the request content is in a format the resource does not support. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseUnsupportedMediaType } from "allresponses";
 * new JsonResponseUnsupportedMediaType({ detail: "Unsupported Media Type" });
 * ```
 */
export const JsonResponseUnsupportedMediaType: JsonStatusClass<415> = jsonStatusClass(415, "UnsupportedMediaType") as JsonStatusClass<415>;

/**
 * `416 Range Not Satisfiable`: none of the requested ranges can be satisfied.
 *
 * @example
 * ```ts
 * import { HttpResponseRangeNotSatisfiable } from "allresponses";
 * new HttpResponseRangeNotSatisfiable("Range Not Satisfiable", { totalLength: 2048 });
 * ```
 */
export const HttpResponseRangeNotSatisfiable: HttpStatusClass<416> = httpStatusClass(416, "RangeNotSatisfiable") as HttpStatusClass<416>;

/**
 * `416 Range Not Satisfiable` with a JSON body (`application/json`): none of the requested ranges can be satisfied. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseRangeNotSatisfiable } from "allresponses";
 * new JsonResponseRangeNotSatisfiable({ detail: "Range Not Satisfiable" }, { totalLength: 2048 });
 * ```
 */
export const JsonResponseRangeNotSatisfiable: JsonStatusClass<416> = jsonStatusClass(416, "RangeNotSatisfiable") as JsonStatusClass<416>;

/**
 * `417 Expectation Failed`: the Expect header's expectation cannot be met.
 *
 * @example
 * ```ts
 * import { HttpResponseExpectationFailed } from "allresponses";
 * new HttpResponseExpectationFailed("Expectation Failed");
 * ```
 */
export const HttpResponseExpectationFailed: HttpStatusClass<417> = httpStatusClass(417, "ExpectationFailed") as HttpStatusClass<417>;

/**
 * `417 Expectation Failed` with a JSON body (`application/json`): the Expect header's expectation cannot be met. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseExpectationFailed } from "allresponses";
 * new JsonResponseExpectationFailed({ detail: "Expectation Failed" });
 * ```
 */
export const JsonResponseExpectationFailed: JsonStatusClass<417> = jsonStatusClass(417, "ExpectationFailed") as JsonStatusClass<417>;

/**
 * `418 I'm a teapot`: reserved (RFC 9110 §15.5.19); the RFC 2324 teapot.
 *
 * @example
 * ```ts
 * import { HttpResponseImATeapot } from "allresponses";
 * new HttpResponseImATeapot("I'm a teapot");
 * ```
 */
export const HttpResponseImATeapot: HttpStatusClass<418> = httpStatusClass(418, "ImATeapot") as HttpStatusClass<418>;

/**
 * `418 I'm a teapot` with a JSON body (`application/json`): reserved (RFC 9110 §15.5.19); the RFC 2324 teapot. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseImATeapot } from "allresponses";
 * new JsonResponseImATeapot({ detail: "I'm a teapot" });
 * ```
 */
export const JsonResponseImATeapot: JsonStatusClass<418> = jsonStatusClass(418, "ImATeapot") as JsonStatusClass<418>;

/**
 * `421 Misdirected Request`: the request reached a server that cannot answer for its authority.
 *
 * @example
 * ```ts
 * import { HttpResponseMisdirectedRequest } from "allresponses";
 * new HttpResponseMisdirectedRequest("Misdirected Request");
 * ```
 */
export const HttpResponseMisdirectedRequest: HttpStatusClass<421> = httpStatusClass(421, "MisdirectedRequest") as HttpStatusClass<421>;

/**
 * `421 Misdirected Request` with a JSON body (`application/json`): the request reached a server that cannot answer for its authority. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseMisdirectedRequest } from "allresponses";
 * new JsonResponseMisdirectedRequest({ detail: "Misdirected Request" });
 * ```
 */
export const JsonResponseMisdirectedRequest: JsonStatusClass<421> = jsonStatusClass(421, "MisdirectedRequest") as JsonStatusClass<421>;

/**
 * `422 Unprocessable Content`: the content is well-formed but cannot be processed.
 *
 * @example
 * ```ts
 * import { HttpResponseUnprocessableContent } from "allresponses";
 * new HttpResponseUnprocessableContent("Unprocessable Content");
 * ```
 */
export const HttpResponseUnprocessableContent: HttpStatusClass<422> = httpStatusClass(422, "UnprocessableContent") as HttpStatusClass<422>;

/**
 * `422 Unprocessable Content` with a JSON body (`application/json`): the content is well-formed but cannot be processed. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseUnprocessableContent } from "allresponses";
 * new JsonResponseUnprocessableContent({ detail: "Unprocessable Content" });
 * ```
 */
export const JsonResponseUnprocessableContent: JsonStatusClass<422> = jsonStatusClass(422, "UnprocessableContent") as JsonStatusClass<422>;

/**
 * `423 Locked`: the resource is locked (WebDAV).
 *
 * @example
 * ```ts
 * import { HttpResponseLocked } from "allresponses";
 * new HttpResponseLocked("Locked");
 * ```
 */
export const HttpResponseLocked: HttpStatusClass<423> = httpStatusClass(423, "Locked") as HttpStatusClass<423>;

/**
 * `423 Locked` with a JSON body (`application/json`): the resource is locked (WebDAV). `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseLocked } from "allresponses";
 * new JsonResponseLocked({ detail: "Locked" });
 * ```
 */
export const JsonResponseLocked: JsonStatusClass<423> = jsonStatusClass(423, "Locked") as JsonStatusClass<423>;

/**
 * `424 Failed Dependency`: the request failed because an action it depended on failed (WebDAV).
 *
 * @example
 * ```ts
 * import { HttpResponseFailedDependency } from "allresponses";
 * new HttpResponseFailedDependency("Failed Dependency");
 * ```
 */
export const HttpResponseFailedDependency: HttpStatusClass<424> = httpStatusClass(424, "FailedDependency") as HttpStatusClass<424>;

/**
 * `424 Failed Dependency` with a JSON body (`application/json`): the request failed because an action it depended on failed (WebDAV). `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseFailedDependency } from "allresponses";
 * new JsonResponseFailedDependency({ detail: "Failed Dependency" });
 * ```
 */
export const JsonResponseFailedDependency: JsonStatusClass<424> = jsonStatusClass(424, "FailedDependency") as JsonStatusClass<424>;

/**
 * `425 Too Early`: the server will not risk processing a request that might be replayed.
 *
 * @example
 * ```ts
 * import { HttpResponseTooEarly } from "allresponses";
 * new HttpResponseTooEarly("Too Early");
 * ```
 */
export const HttpResponseTooEarly: HttpStatusClass<425> = httpStatusClass(425, "TooEarly") as HttpStatusClass<425>;

/**
 * `425 Too Early` with a JSON body (`application/json`): the server will not risk processing a request that might be replayed. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseTooEarly } from "allresponses";
 * new JsonResponseTooEarly({ detail: "Too Early" });
 * ```
 */
export const JsonResponseTooEarly: JsonStatusClass<425> = jsonStatusClass(425, "TooEarly") as JsonStatusClass<425>;

/**
 * `426 Upgrade Required`: the client must switch to the protocol named in Upgrade.
 *
 * @example
 * ```ts
 * import { HttpResponseUpgradeRequired } from "allresponses";
 * new HttpResponseUpgradeRequired("Upgrade Required", { upgrade: "HTTP/3" });
 * ```
 */
export const HttpResponseUpgradeRequired: HttpStatusClass<426> = httpStatusClass(426, "UpgradeRequired") as HttpStatusClass<426>;

/**
 * `426 Upgrade Required` with a JSON body (`application/json`): the client must switch to the protocol named in Upgrade. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseUpgradeRequired } from "allresponses";
 * new JsonResponseUpgradeRequired({ detail: "Upgrade Required" }, { upgrade: "HTTP/3" });
 * ```
 */
export const JsonResponseUpgradeRequired: JsonStatusClass<426> = jsonStatusClass(426, "UpgradeRequired") as JsonStatusClass<426>;

/**
 * `428 Precondition Required`: the request must be conditional.
 *
 * @example
 * ```ts
 * import { HttpResponsePreconditionRequired } from "allresponses";
 * new HttpResponsePreconditionRequired("Precondition Required");
 * ```
 */
export const HttpResponsePreconditionRequired: HttpStatusClass<428> = httpStatusClass(428, "PreconditionRequired") as HttpStatusClass<428>;

/**
 * `428 Precondition Required` with a JSON body (`application/json`): the request must be conditional. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponsePreconditionRequired } from "allresponses";
 * new JsonResponsePreconditionRequired({ detail: "Precondition Required" });
 * ```
 */
export const JsonResponsePreconditionRequired: JsonStatusClass<428> = jsonStatusClass(428, "PreconditionRequired") as JsonStatusClass<428>;

/**
 * `429 Too Many Requests`: the client sent too many requests.
 *
 * @example
 * ```ts
 * import { HttpResponseTooManyRequests } from "allresponses";
 * new HttpResponseTooManyRequests("Too Many Requests", { retryAfter: 30 });
 * ```
 */
export const HttpResponseTooManyRequests: HttpStatusClass<429> = httpStatusClass(429, "TooManyRequests") as HttpStatusClass<429>;

/**
 * `429 Too Many Requests` with a JSON body (`application/json`): the client sent too many requests. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseTooManyRequests } from "allresponses";
 * new JsonResponseTooManyRequests({ detail: "Too Many Requests" }, { retryAfter: 30 });
 * ```
 */
export const JsonResponseTooManyRequests: JsonStatusClass<429> = jsonStatusClass(429, "TooManyRequests") as JsonStatusClass<429>;

/**
 * `431 Request Header Fields Too Large`: the request's header fields are too large.
 *
 * @example
 * ```ts
 * import { HttpResponseRequestHeaderFieldsTooLarge } from "allresponses";
 * new HttpResponseRequestHeaderFieldsTooLarge("Request Header Fields Too Large");
 * ```
 */
export const HttpResponseRequestHeaderFieldsTooLarge: HttpStatusClass<431> = httpStatusClass(431, "RequestHeaderFieldsTooLarge") as HttpStatusClass<431>;

/**
 * `431 Request Header Fields Too Large` with a JSON body (`application/json`): the request's header fields are too large. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseRequestHeaderFieldsTooLarge } from "allresponses";
 * new JsonResponseRequestHeaderFieldsTooLarge({ detail: "Request Header Fields Too Large" });
 * ```
 */
export const JsonResponseRequestHeaderFieldsTooLarge: JsonStatusClass<431> = jsonStatusClass(431, "RequestHeaderFieldsTooLarge") as JsonStatusClass<431>;

/**
 * `451 Unavailable For Legal Reasons`: the resource is unavailable for legal reasons.
 *
 * @example
 * ```ts
 * import { HttpResponseUnavailableForLegalReasons } from "allresponses";
 * new HttpResponseUnavailableForLegalReasons("Unavailable For Legal Reasons");
 * ```
 */
export const HttpResponseUnavailableForLegalReasons: HttpStatusClass<451> = httpStatusClass(451, "UnavailableForLegalReasons") as HttpStatusClass<451>;

/**
 * `451 Unavailable For Legal Reasons` with a JSON body (`application/json`): the resource is unavailable for legal reasons. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseUnavailableForLegalReasons } from "allresponses";
 * new JsonResponseUnavailableForLegalReasons({ detail: "Unavailable For Legal Reasons" });
 * ```
 */
export const JsonResponseUnavailableForLegalReasons: JsonStatusClass<451> = jsonStatusClass(451, "UnavailableForLegalReasons") as JsonStatusClass<451>;

/**
 * `500 Internal Server Error`: the server hit an unexpected condition.
 *
 * @example
 * ```ts
 * import { HttpResponseInternalServerError } from "allresponses";
 * new HttpResponseInternalServerError("Internal Server Error");
 * ```
 */
export const HttpResponseInternalServerError: HttpStatusClass<500> = httpStatusClass(500, "InternalServerError") as HttpStatusClass<500>;

/**
 * `500 Internal Server Error` with a JSON body (`application/json`): the server hit an unexpected condition. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseInternalServerError } from "allresponses";
 * new JsonResponseInternalServerError({ detail: "Internal Server Error" });
 * ```
 */
export const JsonResponseInternalServerError: JsonStatusClass<500> = jsonStatusClass(500, "InternalServerError") as JsonStatusClass<500>;

/**
 * `501 Not Implemented`: the server does not support the functionality required.
 *
 * @example
 * ```ts
 * import { HttpResponseNotImplemented } from "allresponses";
 * new HttpResponseNotImplemented("Not Implemented");
 * ```
 */
export const HttpResponseNotImplemented: HttpStatusClass<501> = httpStatusClass(501, "NotImplemented") as HttpStatusClass<501>;

/**
 * `501 Not Implemented` with a JSON body (`application/json`): the server does not support the functionality required. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseNotImplemented } from "allresponses";
 * new JsonResponseNotImplemented({ detail: "Not Implemented" });
 * ```
 */
export const JsonResponseNotImplemented: JsonStatusClass<501> = jsonStatusClass(501, "NotImplemented") as JsonStatusClass<501>;

/**
 * `502 Bad Gateway`: an upstream server sent an invalid response.
 *
 * @example
 * ```ts
 * import { HttpResponseBadGateway } from "allresponses";
 * new HttpResponseBadGateway("Bad Gateway");
 * ```
 */
export const HttpResponseBadGateway: HttpStatusClass<502> = httpStatusClass(502, "BadGateway") as HttpStatusClass<502>;

/**
 * `502 Bad Gateway` with a JSON body (`application/json`): an upstream server sent an invalid response. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseBadGateway } from "allresponses";
 * new JsonResponseBadGateway({ detail: "Bad Gateway" });
 * ```
 */
export const JsonResponseBadGateway: JsonStatusClass<502> = jsonStatusClass(502, "BadGateway") as JsonStatusClass<502>;

/**
 * `503 Service Unavailable`: the server cannot handle the request for now.
 *
 * @example
 * ```ts
 * import { HttpResponseServiceUnavailable } from "allresponses";
 * new HttpResponseServiceUnavailable("Service Unavailable", { retryAfter: 120 });
 * ```
 */
export const HttpResponseServiceUnavailable: HttpStatusClass<503> = httpStatusClass(503, "ServiceUnavailable") as HttpStatusClass<503>;

/**
 * `503 Service Unavailable` with a JSON body (`application/json`): the server cannot handle the request for now. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseServiceUnavailable } from "allresponses";
 * new JsonResponseServiceUnavailable({ detail: "Service Unavailable" }, { retryAfter: 120 });
 * ```
 */
export const JsonResponseServiceUnavailable: JsonStatusClass<503> = jsonStatusClass(503, "ServiceUnavailable") as JsonStatusClass<503>;

/**
 * `504 Gateway Timeout`: an upstream server did not answer in time.
 *
 * @example
 * ```ts
 * import { HttpResponseGatewayTimeout } from "allresponses";
 * new HttpResponseGatewayTimeout("Gateway Timeout");
 * ```
 */
export const HttpResponseGatewayTimeout: HttpStatusClass<504> = httpStatusClass(504, "GatewayTimeout") as HttpStatusClass<504>;

/**
 * `504 Gateway Timeout` with a JSON body (`application/json`): an upstream server did not answer in time. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseGatewayTimeout } from "allresponses";
 * new JsonResponseGatewayTimeout({ detail: "Gateway Timeout" });
 * ```
 */
export const JsonResponseGatewayTimeout: JsonStatusClass<504> = jsonStatusClass(504, "GatewayTimeout") as JsonStatusClass<504>;

/**
 * `505 HTTP Version Not Supported`: the server does not support the request's HTTP version.
 *
 * @example
 * ```ts
 * import { HttpResponseHTTPVersionNotSupported } from "allresponses";
 * new HttpResponseHTTPVersionNotSupported("HTTP Version Not Supported");
 * ```
 */
export const HttpResponseHTTPVersionNotSupported: HttpStatusClass<505> = httpStatusClass(505, "HTTPVersionNotSupported") as HttpStatusClass<505>;

/**
 * `505 HTTP Version Not Supported` with a JSON body (`application/json`): the server does not support the request's HTTP version. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseHTTPVersionNotSupported } from "allresponses";
 * new JsonResponseHTTPVersionNotSupported({ detail: "HTTP Version Not Supported" });
 * ```
 */
export const JsonResponseHTTPVersionNotSupported: JsonStatusClass<505> = jsonStatusClass(505, "HTTPVersionNotSupported") as JsonStatusClass<505>;

/**
 * `506 Variant Also Negotiates`: the server's content negotiation is misconfigured.
 *
 * @example
 * ```ts
 * import { HttpResponseVariantAlsoNegotiates } from "allresponses";
 * new HttpResponseVariantAlsoNegotiates("Variant Also Negotiates");
 * ```
 */
export const HttpResponseVariantAlsoNegotiates: HttpStatusClass<506> = httpStatusClass(506, "VariantAlsoNegotiates") as HttpStatusClass<506>;

/**
 * `506 Variant Also Negotiates` with a JSON body (`application/json`): the server's content negotiation is misconfigured. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseVariantAlsoNegotiates } from "allresponses";
 * new JsonResponseVariantAlsoNegotiates({ detail: "Variant Also Negotiates" });
 * ```
 */
export const JsonResponseVariantAlsoNegotiates: JsonStatusClass<506> = jsonStatusClass(506, "VariantAlsoNegotiates") as JsonStatusClass<506>;

/**
 * `507 Insufficient Storage`: the server cannot store what the request needs (WebDAV).
 *
 * @example
 * ```ts
 * import { HttpResponseInsufficientStorage } from "allresponses";
 * new HttpResponseInsufficientStorage("Insufficient Storage");
 * ```
 */
export const HttpResponseInsufficientStorage: HttpStatusClass<507> = httpStatusClass(507, "InsufficientStorage") as HttpStatusClass<507>;

/**
 * `507 Insufficient Storage` with a JSON body (`application/json`): the server cannot store what the request needs (WebDAV). `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseInsufficientStorage } from "allresponses";
 * new JsonResponseInsufficientStorage({ detail: "Insufficient Storage" });
 * ```
 */
export const JsonResponseInsufficientStorage: JsonStatusClass<507> = jsonStatusClass(507, "InsufficientStorage") as JsonStatusClass<507>;

/**
 * `508 Loop Detected`: the server found an infinite loop (WebDAV).
 *
 * @example
 * ```ts
 * import { HttpResponseLoopDetected } from "allresponses";
 * new HttpResponseLoopDetected("Loop Detected");
 * ```
 */
export const HttpResponseLoopDetected: HttpStatusClass<508> = httpStatusClass(508, "LoopDetected") as HttpStatusClass<508>;

/**
 * `508 Loop Detected` with a JSON body (`application/json`): the server found an infinite loop (WebDAV). `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseLoopDetected } from "allresponses";
 * new JsonResponseLoopDetected({ detail: "Loop Detected" });
 * ```
 */
export const JsonResponseLoopDetected: JsonStatusClass<508> = jsonStatusClass(508, "LoopDetected") as JsonStatusClass<508>;

/**
 * `510 Not Extended`: the request lacks a required extension (obsoleted by RFC 9110).
 *
 * @example
 * ```ts
 * import { HttpResponseNotExtended } from "allresponses";
 * new HttpResponseNotExtended("Not Extended");
 * ```
 */
export const HttpResponseNotExtended: HttpStatusClass<510> = httpStatusClass(510, "NotExtended") as HttpStatusClass<510>;

/**
 * `510 Not Extended` with a JSON body (`application/json`): the request lacks a required extension (obsoleted by RFC 9110). `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseNotExtended } from "allresponses";
 * new JsonResponseNotExtended({ detail: "Not Extended" });
 * ```
 */
export const JsonResponseNotExtended: JsonStatusClass<510> = jsonStatusClass(510, "NotExtended") as JsonStatusClass<510>;

/**
 * `511 Network Authentication Required`: the client must authenticate to gain network access.
 *
 * @example
 * ```ts
 * import { HttpResponseNetworkAuthenticationRequired } from "allresponses";
 * new HttpResponseNetworkAuthenticationRequired("Network Authentication Required");
 * ```
 */
export const HttpResponseNetworkAuthenticationRequired: HttpStatusClass<511> = httpStatusClass(511, "NetworkAuthenticationRequired") as HttpStatusClass<511>;

/**
 * `511 Network Authentication Required` with a JSON body (`application/json`): the client must authenticate to gain network access. `T` types the body for Hono's `hc` client.
 *
 * @example
 * ```ts
 * import { JsonResponseNetworkAuthenticationRequired } from "allresponses";
 * new JsonResponseNetworkAuthenticationRequired({ detail: "Network Authentication Required" });
 * ```
 */
export const JsonResponseNetworkAuthenticationRequired: JsonStatusClass<511> = jsonStatusClass(511, "NetworkAuthenticationRequired") as JsonStatusClass<511>;

/**
 * `302` Found, under Django's name. The same class as `HttpResponseFound`.
 *
 * @example
 * ```ts
 * import { HttpResponseRedirect } from "allresponses";
 * new HttpResponseRedirect("/login");
 * ```
 */
export const HttpResponseRedirect: RedirectStatusClass<302> = HttpResponseFound;

/**
 * `500` Internal Server Error, under Django's name. The same class as `HttpResponseInternalServerError`.
 *
 * @example
 * ```ts
 * import { HttpResponseServerError } from "allresponses";
 * new HttpResponseServerError("Something broke");
 * ```
 */
export const HttpResponseServerError: HttpStatusClass<500> = HttpResponseInternalServerError;

/**
 * `405` Method Not Allowed, under Django's name: takes the permitted methods first. The same class as `HttpResponseMethodNotAllowed`.
 *
 * @example
 * ```ts
 * import { HttpResponseNotAllowed } from "allresponses";
 * new HttpResponseNotAllowed(["GET", "HEAD"]); // allow: GET, HEAD
 * ```
 */
export const HttpResponseNotAllowed: NotAllowedClass = HttpResponseMethodNotAllowed;

/**
 * `500` Internal Server Error with a JSON body, under Django's naming. The same class as `JsonResponseInternalServerError`.
 *
 * @example
 * ```ts
 * import { JsonResponseServerError } from "allresponses";
 * new JsonResponseServerError({ error: "internal" });
 * ```
 */
export const JsonResponseServerError: JsonStatusClass<500> = JsonResponseInternalServerError;

/**
 * `405` Method Not Allowed with a JSON body, under Django's naming: takes the permitted methods first. The same class as `JsonResponseMethodNotAllowed`.
 *
 * @example
 * ```ts
 * import { JsonResponseNotAllowed } from "allresponses";
 * new JsonResponseNotAllowed(["POST"], { error: "use POST" });
 * ```
 */
export const JsonResponseNotAllowed: JsonNotAllowedClass = JsonResponseMethodNotAllowed;
