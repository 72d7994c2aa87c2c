// Types of scripts/gen-media.mjs, for tests/media.test.ts.

/** The text of src/media_table.ts for a mime-db database (default: the installed one). */
export function mediaTable(database?: Record<string, unknown>, version?: string): string;

/** The Content-Type that `contentType()` gives each extension of a mime-db database (default: the installed one). */
export function contentTypes(database?: Record<string, unknown>): Map<string, string>;
