import fc from "fast-check";

// What an attacker sends, as fast-check arbitraries for the boundary suites: valid input with a
// field or two swapped for hostile JSON — numbers past PostgreSQL's integer range, fractions,
// NUL, lone surrogates, bidi controls, very long strings, arrays, objects, null — random path ids
// and query strings.

/** Runs per property: enough to meet every kind of hostile value, few enough for CI (BOUNDARY_RUNS=1000 with --testTimeout=0 to search longer). */
export const propertyOptions = { numRuns: Number(process.env.BOUNDARY_RUNS) || 60 } as const;

/** Who sends it: mostly someone signed in, in any role; sometimes nobody. */
export const anyone = fc.oneof(
  { arbitrary: fc.constantFrom("writer" as const, "editor" as const, "admin" as const), weight: 6 },
  { arbitrary: fc.constant(null), weight: 1 },
);

/** Strings known to break parsers, databases or displays. */
const nastyStrings = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDC00y",
  "\uDBFF\uDFFF",
  "\u202Eevil\u202C",
  "\u200B\u200D\uFEFF",
  "' or 1=1 --",
  "%00",
  "\\",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧",
  " ",
  "",
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ maxLength: 20 }),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom("\u0000", "\uD800", "\uDFFF", "\u202E")).map(([s, bad]) => s + bad + s),
  fc.constantFrom("x".repeat(5_001), "\u0000".repeat(2_000), "é".repeat(25_000)),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 0.5, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e21, 1e308, -1e308, Number.MIN_VALUE),
  fc.integer(),
  fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** What a form field or a URL carries where a number is expected. */
export const numericText: fc.Arbitrary<string> = fc.oneof(
  hostileNumber.map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom("", " ", "1e3", "0x1F", "007", "+5", "1.0", " 12 ", "Infinity", "NaN", "-0", "2147483647", "2147483648", "99999999999999999999"),
);

/** Any JSON value an attacker can send, hostile leaves first. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 2, depthSize: "small" },
    { arbitrary: hostileNumber, weight: 4 },
    { arbitrary: hostileString, weight: 3 },
    { arbitrary: numericText, weight: 2 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.array(tie("value"), { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 3 }), weight: 1 },
  ),
})).value;

/** A path id: mostly garbage, sometimes a real one. */
export function pathId(...real: number[]): fc.Arbitrary<string> {
  return fc.oneof(numericText, hostileString, ...(real.length ? [fc.constantFrom(...real.map(String))] : []));
}

type Path = (string | number)[];

/** Every place in a JSON value where something could be replaced: each field and element, nested. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...at, index], ...pathsOf(item, [...at, index])]);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => [[...at, key], ...pathsOf(item, [...at, key])]);
  return [];
}

type Change = { kind: "replace"; value: unknown } | { kind: "drop" } | { kind: "add"; key: string; value: unknown };

function applyChange(root: unknown, path: Path, change: Change): unknown {
  const copy = structuredClone(root);
  const parentPath = change.kind === "add" ? path : path.slice(0, -1);
  let parent: unknown = copy;
  for (const key of parentPath) parent = parent && typeof parent === "object" ? (parent as Record<string | number, unknown>)[key] : undefined;
  // An earlier change may have replaced this place's parent with something else: nothing to do.
  if (!parent || typeof parent !== "object") return copy;
  if (change.kind === "add") {
    if (!Array.isArray(parent)) (parent as Record<string, unknown>)[change.key] = change.value;
    return copy;
  }
  const key = path.at(-1)!;
  if (change.kind === "replace") (parent as Record<string | number, unknown>)[key] = change.value;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string | number, unknown>)[key];
  return copy;
}

/**
 * Valid input (a value, or an arbitrary of valid values) with one or two places in it — a field,
 * an array element, a nested attribute — replaced by a hostile value or dropped, or an unexpected
 * field added; a quarter of the time left as it is. Everything else stays valid, so the hostile
 * value reaches whatever the rest of the input lets it reach.
 */
export function mutated<T extends object>(valid: T | fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown> = hostileJson): fc.Arbitrary<unknown> {
  const base = valid instanceof fc.Arbitrary ? valid : fc.constant(valid);
  const change: fc.Arbitrary<Change> = fc.oneof(
    { arbitrary: hostile.map((value) => ({ kind: "replace" as const, value })), weight: 6 },
    { arbitrary: fc.constant({ kind: "drop" as const }), weight: 1 },
    { arbitrary: fc.tuple(fc.string({ maxLength: 6 }), hostile).map(([key, value]) => ({ kind: "add" as const, key, value })), weight: 1 },
  );
  return base.chain((value) => {
    const paths = pathsOf(value);
    const one = fc.tuple(paths.length ? fc.constantFrom<Path>([], ...paths) : fc.constant<Path>([]), change);
    return fc
      .oneof({ arbitrary: fc.constant([]), weight: 1 }, { arbitrary: fc.array(one, { minLength: 1, maxLength: 2 }), weight: 3 })
      .map((changes) =>
        changes.reduce<unknown>((out, [path, next]) => (path.length === 0 && next.kind !== "add" ? (next.kind === "replace" ? next.value : out) : applyChange(out, path, next)), value),
      );
  });
}

/** A value a form field can carry: text of any kind, or a file where text was expected. */
export const hostileFormValue: fc.Arbitrary<string | File> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: numericText, weight: 3 },
  { arbitrary: fc.constant(new File(["\u0000"], "a.txt")), weight: 1 },
);

/** A form as the browser sends it: `valid` fields with one or two replaced, dropped or repeated. */
export function mutatedForm(valid: Record<string, string> | fc.Arbitrary<Record<string, string>>): fc.Arbitrary<FormData> {
  const base = valid instanceof fc.Arbitrary ? valid : fc.constant(valid);
  return base.chain((fields) => {
    const keys = Object.keys(fields);
    const change = fc.tuple(fc.constantFrom(...keys), fc.constantFrom("replace", "drop", "repeat"), hostileFormValue);
    return fc.oneof({ arbitrary: fc.constant([]), weight: 1 }, { arbitrary: fc.array(change, { minLength: 1, maxLength: 2 }), weight: 3 }).map((changes) => {
      const entries: [string, string | File][] = Object.entries(fields);
      for (const [key, kind, value] of changes) {
        const at = entries.findIndex(([name]) => name === key);
        if (kind === "repeat") entries.push([key, value]);
        else if (at >= 0 && kind === "drop") entries.splice(at, 1);
        else if (at >= 0) entries[at] = [key, value];
      }
      const data = new FormData();
      for (const [key, value] of entries) data.append(key, value);
      return data;
    });
  });
}

/** Query-string values for `keys`, each present or not. */
export function hostileQuery(keys: string[]): fc.Arbitrary<Record<string, string | undefined>> {
  return fc.record(Object.fromEntries(keys.map((key) => [key, fc.oneof(hostileString, numericText)])), { requiredKeys: [] });
}

export { fc };
