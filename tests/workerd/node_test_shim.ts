/**
 * The part of `node:test` the suite uses, for workerd, which has no `node:test`: `test`, `t.test`,
 * `describe`, `it`, `after`, the `skip` and `todo` options and `t.skip()` / `t.todo()`. Each
 * test file is bundled with this module in place of `node:test` (scripts/workerd.mjs); loading the
 * file registers its tests here, and {@link runRegistered} runs them in order, subtests inside
 * their parent as `node:test` does, and returns one result per test.
 *
 * @module
 */

/** What a test body receives: the subset of `node:test`'s `TestContext` the suite uses. */
export interface TestContext {
  readonly name: string;
  readonly signal: AbortSignal;
  test(name: string, options?: TestOptions | TestFn, fn?: TestFn): Promise<void>;
  skip(message?: string): void;
  todo(message?: string): void;
  diagnostic(message: string): void;
  after(fn: () => unknown): void;
}

/** A test body. */
export type TestFn = (t: TestContext) => unknown;

/** The options of `test()` that change the outcome; `timeout` and the rest are accepted and ignored. */
export interface TestOptions {
  skip?: boolean | string;
  todo?: boolean | string;
  [other: string]: unknown;
}

/** One test's outcome: a test with subtests carries them in `children`. */
export interface TestResult {
  name: string;
  outcome: "passed" | "failed" | "skipped" | "todo";
  message?: string;
  ms: number;
  children: TestResult[];
}

interface Registered {
  name: string;
  options: TestOptions;
  fn: TestFn | undefined;
}

const topLevel: Registered[] = [];
const afterAll: (() => unknown)[] = [];
// The list that describe() fills while its body runs: tests declared inside go to the suite.
let collecting: Registered[] = topLevel;

function normalize(options?: TestOptions | TestFn, fn?: TestFn): { options: TestOptions; fn: TestFn | undefined } {
  return typeof options === "function" ? { options: {}, fn: options } : { options: options ?? {}, fn };
}

/** Declares a test, as `node:test`'s `test()` does at the top level of a file. */
export function test(name: string, options?: TestOptions | TestFn, fn?: TestFn): Promise<void> {
  collecting.push({ name, ...normalize(options, fn) });
  return Promise.resolve();
}

/** Declares a suite: the tests declared in `fn` run as its subtests. */
export function describe(name: string, options?: TestOptions | (() => void), fn?: () => void): Promise<void> {
  const body = (typeof options === "function" ? options : fn) ?? (() => {});
  const members: Registered[] = [];
  const outer = collecting;
  collecting = members;
  try {
    body();
  } finally {
    collecting = outer;
  }
  const suite: TestFn = async (t) => {
    for (const member of members) await t.test(member.name, member.options, member.fn);
  };
  outer.push({ name, options: typeof options === "function" ? {} : options ?? {}, fn: suite });
  return Promise.resolve();
}

/** `it` is `test`, as in `node:test`. */
export const it = test;

/** Runs `fn` once the file's tests are done. */
export function after(fn: () => unknown): void {
  afterAll.push(fn);
}

class Skip {
  constructor(readonly outcome: "skipped" | "todo", readonly message: string | undefined) {}
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ""}`;
  return String(error);
}

async function run({ name, options, fn }: Registered): Promise<TestResult> {
  const started = performance.now();
  const result = (outcome: TestResult["outcome"], message?: string, children: TestResult[] = []): TestResult => ({
    name,
    outcome,
    ...(message === undefined ? {} : { message }),
    ms: performance.now() - started,
    children,
  });
  if (options.skip) return result("skipped", typeof options.skip === "string" ? options.skip : undefined);
  const children: TestResult[] = [];
  const pending: Promise<void>[] = [];
  const cleanups: (() => unknown)[] = [];
  const controller = new AbortController();
  let marked: Skip | undefined;
  const context: TestContext = {
    name,
    signal: controller.signal,
    test(childName, childOptions, childFn) {
      const child = run({ name: childName, ...normalize(childOptions, childFn) }).then((r) => void children.push(r));
      pending.push(child);
      return child;
    },
    skip: (message) => void (marked ??= new Skip("skipped", message)),
    todo: (message) => void (marked ??= new Skip("todo", message)),
    diagnostic() {},
    after: (cleanup) => void cleanups.push(cleanup),
  };
  let failure: unknown;
  let failed = false;
  try {
    await fn?.(context);
    await Promise.all(pending);
  } catch (error) {
    failed = true;
    failure = error;
  } finally {
    controller.abort();
    for (const cleanup of cleanups) await cleanup();
  }
  const todo = options.todo ? new Skip("todo", typeof options.todo === "string" ? options.todo : undefined) : marked;
  if (todo) {
    const outcome = failed ? `fails: ${messageOf(failure).split("\n")[0]}` : "passes";
    return result(todo.outcome, todo.message === undefined ? outcome : `${todo.message} (${outcome})`, children);
  }
  if (failed) return result("failed", messageOf(failure), children);
  const failedChildren = children.filter((c) => c.outcome === "failed").length;
  if (failedChildren) return result("failed", `${failedChildren} subtest(s) failed`, children);
  return result("passed", undefined, children);
}

/**
 * Options that the runner adds to top-level tests by name: `skip` for a test that cannot run
 * on this runtime, `todo` for a known difference of the runtime (the test runs, its failure is
 * reported but not counted), each with the reason.
 */
export type Marks = Record<string, { skip?: string; todo?: string }>;

/** Runs every test the loaded file declared, in order, then its `after` hooks. */
export async function runRegistered(marks: Marks = {}): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const registered of topLevel) {
    results.push(await run({ ...registered, options: { ...registered.options, ...marks[registered.name] } }));
  }
  for (const cleanup of afterAll) await cleanup();
  return results;
}
