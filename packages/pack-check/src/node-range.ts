// Just enough of npm's range grammar to answer "does Node X.Y.Z satisfy this `engines.node`?":
// `||`, space-joined comparators, `>= > <= < =`, `^`, `~`, x-ranges (`22`, `22.x`, `*`) and
// hyphen ranges. Node versions have no pre-release tags, so none are handled. Anything else
// throws, so an unusual range is reported, never silently judged.

type Version = [number, number, number];
type Bound = { op: '>=' | '<'; version: Version };

const PARTIAL = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/;

function partial(text: string): (number | undefined)[] {
  const match = PARTIAL.exec(text);
  if (!match) throw new Error(`cannot read version "${text}"`);
  return match.slice(1, 4).map((part) => (part === undefined || /[xX*]/.test(part) ? undefined : Number(part)));
}

/** The version right after every version `parts` names (`22` → 23.0.0, `22.1` → 22.2.0). */
function after(parts: (number | undefined)[]): Version | null {
  const [major, minor, patch] = parts;
  if (major === undefined) return null;
  if (minor === undefined) return [major + 1, 0, 0];
  if (patch === undefined) return [major, minor + 1, 0];
  return [major, minor, patch + 1];
}

const floor = (parts: (number | undefined)[]): Version => [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];

function caret(parts: (number | undefined)[]): Version | null {
  const [major = 0, minor, patch] = parts;
  if (major > 0 || minor === undefined) return after([major]);
  if (minor > 0 || patch === undefined) return after([major, minor]);
  return after(parts);
}

function comparator(text: string): Bound[] {
  const [, op = '', rest = ''] = /^(>=|<=|>|<|=|\^|~)?\s*(.*)$/.exec(text) ?? [];
  const parts = partial(rest);
  const upper = (version: Version | null): Bound[] => (version ? [{ op: '<', version }] : []);
  switch (op) {
    case '>=': return [{ op: '>=', version: floor(parts) }];
    case '>': return atLeast(after(parts));
    case '<': return [{ op: '<', version: floor(parts) }];
    case '<=': return upper(after(parts));
    case '^': return [{ op: '>=', version: floor(parts) }, ...upper(caret(parts))];
    case '~': return [{ op: '>=', version: floor(parts) }, ...upper(after(parts[1] === undefined ? [parts[0]] : [parts[0], parts[1]]))];
    default: return [{ op: '>=', version: floor(parts) }, ...upper(after(parts))];
  }
}

// `>22` means "23.0.0 or later"; `>*` matches nothing.
function atLeast(version: Version | null): Bound[] {
  return version ? [{ op: '>=', version }] : [{ op: '<', version: [0, 0, 0] }];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function set(text: string): Bound[] {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
  if (hyphen) return [{ op: '>=', version: floor(partial(hyphen[1]!)) }, ...comparator(`<=${hyphen[2]}`)];
  // `>= 22` is one comparator: glue operators to their version before splitting on spaces.
  const glued = text.replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1');
  return glued.split(/\s+/).filter(Boolean).flatMap(comparator);
}

/**
 * Whether `version` (e.g. `22.12.0`) satisfies the npm range `range` (e.g. `^22.11 || >=24`).
 *
 * @example
 * satisfies('22.12.0', '^20.19.0 || >=22.12.0'); // true
 */
export function satisfies(version: string, range: string): boolean {
  const wanted = floor(partial(version.trim()));
  return range
    .split('||')
    .map((alternative) => alternative.trim())
    .some((alternative) =>
      alternative === '' || set(alternative).every((bound) => (bound.op === '>=' ? compare(wanted, bound.version) >= 0 : compare(wanted, bound.version) < 0)),
    );
}

/**
 * The lowest version a package's own `engines.node` admits; only `>=X[.Y[.Z]]` is accepted, the
 * form a package that names its minimum should use.
 *
 * @example
 * minimumOf('>=22.12'); // '22.12.0'
 */
export function minimumOf(range: string): string {
  const match = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(range.trim());
  if (!match) throw new Error(`engines.node should be ">=<version>", not "${range}"`);
  return floor(partial(match[1]!)).join('.');
}
