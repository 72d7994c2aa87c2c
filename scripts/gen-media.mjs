#!/usr/bin/env node
// Writes src/media_table.ts, the compact media-type table that src/media.ts reads, from
// mime-db: `node scripts/gen-media.mjs` (npm run gen:media). tests/media.test.ts fails when the
// file is not what this script would write.
//
// The table is one line per media type, sorted and front-coded, then shrunk by a dictionary of
// the substrings that repeat most (`+xml`, `macroenabled.12 `, `|application/vnd.`…), each
// replaced by a code of one or two characters. Everything here is deterministic, so the output
// is the same on every runtime and every run.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import db from "mime-db/db.json" with { type: "json" };
import pkg from "mime-db/package.json" with { type: "json" };

const SOURCE_SCORE = { iana: 3, apache: 2, nginx: 1 };

// Which type an extension gets when several claim it: a standard-tree type beats a vendor or
// experimental one; then the IANA source beats the others; then a specific top-level type
// (video/mp4) beats application/* (application/mp4).
function score(type, entry) {
  const subtype = type.slice(type.indexOf("/") + 1);
  const facet = /^(x-|x\.|prs\.)/.test(subtype) ? 0 : subtype.startsWith("vnd.") ? 1 : 2;
  const source = SOURCE_SCORE[entry.source ?? ""] ?? 1.5;
  return facet * 10 + source + (type.startsWith("application/") ? 0 : 0.5);
}

const isUtf8 = (type, entry) => type.startsWith("text/") || entry.charset?.toUpperCase() === "UTF-8";

/** Each extension's type, as `[type, utf8]`. */
function extensionTypes(database) {
  const best = new Map();
  for (const [type, entry] of Object.entries(database)) {
    const s = score(type, entry);
    for (const ext of entry.extensions ?? []) {
      const seen = best.get(ext);
      if (!seen || s > seen[1]) best.set(ext, [type, s]);
    }
  }
  return new Map([...best].map(([ext, [type]]) => [ext, [type, isUtf8(type, database[type])]]));
}

/**
 * The Content-Type that `contentType()` gives each extension of mime-db `database`: what the
 * table must encode, and what tests/media.test.ts checks it against.
 */
export function contentTypes(database = db) {
  return new Map(
    [...extensionTypes(database)].map(([ext, [type, utf8]]) => [ext, utf8 ? `${type}; charset=utf-8` : type]),
  );
}

// Text, JSON, XML and JavaScript compress; the types mime-db also marks compressible are flagged.
const COMPRESSIBLE_RULE = /^text\/|[/+](json|xml|javascript|text)$/;

// A mark written into a type right after an extension that starts one of its subtype's segments
// (after "/", ".", "+" or "-"): image/png* is image/png with extension png, image/svg*+xml gives
// svg, application/x-7z*-compressed 7z, application/ecma*script ecma. One mark per segment.
const MARK = "*";
const SEPARATORS = "/.+-";

/** The type with marks for the extensions it spells, and the extensions it does not. */
function marked(type, extensions) {
  let text = type;
  const rest = [];
  for (const extension of extensions) {
    const end = markable(text, extension);
    if (end === -1) rest.push(extension);
    else text = text.slice(0, end) + MARK + text.slice(end);
  }
  return { text, rest };
}

/** Where a mark after `extension` goes in `text` (a type, maybe marked already), or -1. */
function markable(text, extension) {
  if ([...extension].some((c) => SEPARATORS.includes(c))) return -1;
  for (let start = text.indexOf("/") + 1; start > 0; start = nextSegment(text, start)) {
    const segmentEnd = nextSegment(text, start);
    const segment = text.slice(start, segmentEnd === -1 ? undefined : segmentEnd - 1);
    if (!segment.includes(MARK) && segment.startsWith(extension)) return start + extension.length;
  }
  return -1;
}

/** The start of the segment after the one at `start`, or -1. */
function nextSegment(text, start) {
  for (let i = start; i < text.length; i++) if (SEPARATORS.includes(text[i])) return i + 1;
  return -1;
}

// The characters of the front-coded text: the names, the line and extension separators, the
// UTF-8 flag (";") and the marks. The codes are the other printable
// characters, but for `"` and `\` (escaped in a string literal) and "," (between dictionary words).
const TEXT_CHARACTERS = "a-z0-9+\\-./_| ;*";
const TEXT = new RegExp(`[${TEXT_CHARACTERS}]`);
const SINGLE_CODES = [...Array(94)].map((_, i) => String.fromCharCode(33 + i)).filter((c) =>
  !TEXT.test(c) && !`"\\,`.includes(c)
);
// The last one is the escape of the two-character codes: it and a character from "#" to "["
// (none needs escaping in a string literal).
const ESCAPE = SINGLE_CODES.pop();
const FIRST_PAIRED = 35;
const PAIRED = 57;

// The names the table can hold: none may use a separator, the flag, the mark or a code.
const EXTENSION = /^[a-z0-9_.+-]+$/;
const TYPE = /^[a-z0-9_.+-]+\/[a-z0-9_.+-]+$/;

function checked(form, name) {
  if (!form.test(name)) throw new Error(`gen-media: the table cannot hold ${JSON.stringify(name)}`);
  return name;
}

/** Each type that has an extension, with its flag. */
function entries(database) {
  const byType = new Map();
  for (const [ext, [type]] of extensionTypes(database)) {
    byType.set(checked(TYPE, type), [...(byType.get(type) ?? []), checked(EXTENSION, ext)]);
  }
  return [...byType].map(([type, extensions]) => {
    const { text, rest } = marked(type, extensions.sort());
    return { key: isUtf8(type, database[type]) ? `${text};` : text, extensions: rest };
  }).sort((a, b) => (a.key < b.key ? -1 : 1));
}

// The compressible types (mime-db's `compressible: true`) that the rule does not cover.
function compressibleExtras(database) {
  return Object.entries(database)
    .filter(([type, entry]) => entry.compressible === true && !COMPRESSIBLE_RULE.test(type))
    .map(([type]) => type)
    .sort()
    .join(" ");
}

// The types sorted, each written as how many leading characters it shares with the one before
// (one base-36 digit, at most 35), the rest with its UTF-8 flag, and its extensions.
function frontCoded(database) {
  let previous = "";
  const lines = [];
  for (const { key, extensions } of entries(database)) {
    let shared = 0;
    while (shared < 35 && shared < previous.length && previous[shared] === key[shared]) shared++;
    lines.push(shared.toString(36) + key.slice(shared) + extensions.map((extension) => ` ${extension}`).join(""));
    previous = key;
  }
  return lines.join("|");
}

/**
 * For each code in turn, the substring whose replacement saves most (its occurrences, counted
 * without overlap from the left as `split` finds them, times what each saves, less the word's
 * own length and its separator), until none saves anything. Candidates grow one character at a
 * time from the starts of the shorter ones that repeat, so the search stays small.
 */
function dictionary(text, codeLengths) {
  const words = [];
  for (let code = 0; code < codeLengths.length; code++) {
    const word = mostSaving(text, codeLengths[code]);
    if (word === undefined) break;
    words.push(word);
    text = text.split(word).join(String.fromCharCode(0xe000 + code));
  }
  return { text, words };
}

function mostSaving(text, codeLength) {
  let best, bestSaving = 0;
  let starts = Array.from({ length: text.length }, (_, i) => i);
  for (let length = 2; starts.length > 0; length++) {
    const found = new Map();
    for (const i of starts) {
      if (i + length > text.length) continue;
      const candidate = text.slice(i, i + length);
      const seen = found.get(candidate) ?? { count: 0, end: 0, at: [] };
      if (i >= seen.end) {
        seen.count++;
        seen.end = i + length;
      }
      seen.at.push(i);
      found.set(candidate, seen);
    }
    starts = [];
    for (const [candidate, { count, at }] of found) {
      if (at.length < 2) continue;
      starts.push(...at);
      const saving = count * (length - codeLength) - length - 1;
      if (saving > bestSaving) {
        best = candidate;
        bestSaving = saving;
      }
    }
    starts.sort((a, b) => a - b);
  }
  return best;
}

/** The code of dictionary word `index`, as src/media.ts reads it. */
const code = (index) =>
  index < SINGLE_CODES.length
    ? SINGLE_CODES[index]
    : ESCAPE + String.fromCharCode(FIRST_PAIRED + index - SINGLE_CODES.length);

const CODE_LENGTHS = [...SINGLE_CODES.map(() => 1), ...Array(PAIRED).fill(2)];
const withCodes = (text) => text.replace(/[\ue000-\uf8ff]/g, (c) => code(c.charCodeAt(0) - 0xe000));

/** The text of src/media_table.ts for the mime-db database `database` of version `version`. */
export function mediaTable(database = db, version = pkg.version) {
  const { text, words } = dictionary(frontCoded(database), CODE_LENGTHS);
  return `// Generated by scripts/gen-media.mjs from mime-db ${version}: do not edit.
// Read by src/media.ts. MEDIA_TYPES, once each code (CODE) is replaced by its word of WORDS (a
// word may hold codes of the words before it), is "|"-separated lines "<shared><rest of type>
// <extension> <extension>…", the types sorted, <shared> a base-36 digit counting the characters a
// type shares with the one before, a type ending in ";" sent with charset=utf-8. A MARK in a type
// follows an extension that it spells, from the start of the segment (after one of SEPARATORS):
// "image/svg*+xml" is image/svg+xml with extension svg. A type compresses when it matches
// COMPRESSIBLE_RULE or is in COMPRESSIBLE (mime-db's "compressible").

/** The table, dictionary-coded. */
export const MEDIA_TYPES =
  ${JSON.stringify(withCodes(text))};

/** The dictionary words, ","-separated: word i has code CODES[i], and past those "${ESCAPE}" and the character FIRST_PAIRED + i - CODES.length. */
export const WORDS =
  ${JSON.stringify(withCodes(words.join(",")))};

/** The one-character codes. */
export const CODES = ${JSON.stringify(SINGLE_CODES.join(""))};

/** The character code of the second character of the first two-character code. */
export const FIRST_PAIRED = ${FIRST_PAIRED};

/** A code: "${ESCAPE}" and the character after it, or any character the decoded text does not use. */
export const CODE: RegExp = /\\${ESCAPE}.|[^${TEXT_CHARACTERS}]/g;

/** The mark after an extension that a type spells. */
export const MARK = ${JSON.stringify(MARK)};

/** The characters after which a segment of a type starts. */
export const SEPARATORS = ${JSON.stringify(SEPARATORS)};

/** The media types (without parameters) that compress, by their form. */
export const COMPRESSIBLE_RULE: RegExp = ${COMPRESSIBLE_RULE};

/** Compressible types the rule does not cover, space-separated. */
export const COMPRESSIBLE =
  ${JSON.stringify(compressibleExtras(database))};
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL("../src/media_table.ts", import.meta.url), mediaTable());
}
