/**
 * What tests/workerd/no_fs_worker.ts serves and tests/workerd/wire_checks.ts expects, in a module
 * of its own: the worker's module makes its file handlers at import, which a check in Node cannot.
 *
 * @module
 */

/** 3 000 bytes of text: over compressResponse's threshold. */
export const LONG_TEXT = "allresponses on workerd ".repeat(125);
