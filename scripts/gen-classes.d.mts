// Types of scripts/gen-classes.mjs, for tests/generated.test.ts.

/** The absolute path of src/classes.ts, the file the script writes. */
export const CLASSES_FILE: string;

/**
 * The text of src/classes.ts for the status table: `codes` is `STATUS_CODE` (name → code),
 * `texts` is `STATUS_TEXT` (code → reason phrase).
 */
export function classesSource(codes: Readonly<Record<string, number>>, texts: Readonly<Record<number, string>>): string;
