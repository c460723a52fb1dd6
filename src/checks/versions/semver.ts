/** `1.31.8` as numbers; undefined for anything else. */
export function parseVersion(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** Orders two versions, oldest first (negative when a < b). */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return a.localeCompare(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** `1.31.8` → `1.31`. */
export function minorOf(v: string): string {
  const p = parseVersion(v);
  return p ? `${p[0]}.${p[1]}` : v;
}

/** How many minors `to` is ahead of `from` (negative when behind). */
export function minorDistance(from: string, to: string): number {
  const a = parseVersion(from);
  const b = parseVersion(to);
  if (!a || !b) return 0;
  return (b[0] - a[0]) * 100 + (b[1] - a[1]);
}
