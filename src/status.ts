/**
 * The HTTP status registry: every code in the IANA "HTTP Status Code Registry", named and
 * worded as RFC 9110 words them.
 *
 * @module
 */

/**
 * Status codes by name. The names are the reason phrases of RFC 9110 in PascalCase, and they
 * are the `<Name>` of every `HttpResponse<Name>` and `JsonResponse<Name>` class.
 *
 * @example
 * ```ts
 * import { STATUS_CODE } from "allresponses";
 * STATUS_CODE.NotFound; // 404
 * STATUS_CODE.UnprocessableContent; // 422
 * ```
 */
export const STATUS_CODE = {
  Continue: 100,
  SwitchingProtocols: 101,
  Processing: 102,
  EarlyHints: 103,
  UploadResumptionSupported: 104,
  OK: 200,
  Created: 201,
  Accepted: 202,
  NonAuthoritativeInformation: 203,
  NoContent: 204,
  ResetContent: 205,
  PartialContent: 206,
  MultiStatus: 207,
  AlreadyReported: 208,
  IMUsed: 226,
  MultipleChoices: 300,
  MovedPermanently: 301,
  Found: 302,
  SeeOther: 303,
  NotModified: 304,
  UseProxy: 305,
  TemporaryRedirect: 307,
  PermanentRedirect: 308,
  BadRequest: 400,
  Unauthorized: 401,
  PaymentRequired: 402,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  NotAcceptable: 406,
  ProxyAuthenticationRequired: 407,
  RequestTimeout: 408,
  Conflict: 409,
  Gone: 410,
  LengthRequired: 411,
  PreconditionFailed: 412,
  ContentTooLarge: 413,
  URITooLong: 414,
  UnsupportedMediaType: 415,
  RangeNotSatisfiable: 416,
  ExpectationFailed: 417,
  ImATeapot: 418,
  MisdirectedRequest: 421,
  UnprocessableContent: 422,
  Locked: 423,
  FailedDependency: 424,
  TooEarly: 425,
  UpgradeRequired: 426,
  PreconditionRequired: 428,
  TooManyRequests: 429,
  RequestHeaderFieldsTooLarge: 431,
  UnavailableForLegalReasons: 451,
  InternalServerError: 500,
  NotImplemented: 501,
  BadGateway: 502,
  ServiceUnavailable: 503,
  GatewayTimeout: 504,
  HTTPVersionNotSupported: 505,
  VariantAlsoNegotiates: 506,
  InsufficientStorage: 507,
  LoopDetected: 508,
  NotExtended: 510,
  NetworkAuthenticationRequired: 511,
} as const;

/** A status name: a key of {@link STATUS_CODE}. */
export type StatusName = keyof typeof STATUS_CODE;

/** A registered status code: a value of {@link STATUS_CODE}. */
export type StatusCode = (typeof STATUS_CODE)[StatusName];

/**
 * Reason phrases by code, in RFC 9110 wording (413 "Content Too Large", 422 "Unprocessable
 * Content"). 418 keeps its RFC 2324 phrase; RFC 9110 reserves the code.
 *
 * @example
 * ```ts
 * import { STATUS_TEXT } from "allresponses";
 * STATUS_TEXT[413]; // "Content Too Large"
 * ```
 */
export const STATUS_TEXT: Readonly<Record<StatusCode, string>> = {
  100: "Continue",
  101: "Switching Protocols",
  102: "Processing",
  103: "Early Hints",
  104: "Upload Resumption Supported",
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non-Authoritative Information",
  204: "No Content",
  205: "Reset Content",
  206: "Partial Content",
  207: "Multi-Status",
  208: "Already Reported",
  226: "IM Used",
  300: "Multiple Choices",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  305: "Use Proxy",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  416: "Range Not Satisfiable",
  417: "Expectation Failed",
  418: "I'm a teapot",
  421: "Misdirected Request",
  422: "Unprocessable Content",
  423: "Locked",
  424: "Failed Dependency",
  425: "Too Early",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  506: "Variant Also Negotiates",
  507: "Insufficient Storage",
  508: "Loop Detected",
  510: "Not Extended",
  511: "Network Authentication Required",
};

/** True for the statuses whose responses never carry content (RFC 9110 §6.4.1): 101, 204, 205, 304. */
export function isNullBodyStatus(status: number): boolean {
  return status === 204 || status === 304 || status === 205 || status === 101;
}

/**
 * The registered reason phrase of `status` (`STATUS_TEXT`), or `""` for an unregistered code.
 *
 * @example
 * ```ts
 * reasonPhrase(404); // "Not Found"
 * reasonPhrase(599); // ""
 * ```
 */
export function reasonPhrase(status: number): string {
  return STATUS_TEXT[status as StatusCode] ?? "";
}
