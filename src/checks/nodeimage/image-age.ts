/**
 * The build date in a node image version: `AKSUbuntu-2204gen2containerd-202505.14.0` (2025-05-14),
 * `AKSUbuntu:1604:2020.03.11`, `AKSWindows-2022-containerd-20348.3561.250513` (2025-05-13).
 */
export function imageDate(version: string): Date | undefined {
  const linux = /(20\d{2})(\d{2})\.(\d{1,2})\.\d+$/.exec(version);
  const dotted = /(20\d{2})\.(\d{2})\.(\d{2})$/.exec(version);
  const windows = /\.(\d{2})(\d{2})(\d{2})$/.exec(version);
  const m = linux ?? dotted;
  const [y, mo, d] = m
    ? [m[1], m[2], m[3]]
    : windows
      ? [`20${windows[1]}`, windows[2], windows[3]]
      : [];
  if (!y || !mo || !d) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31 ? undefined : date;
}

/** Whole days between the image's build date and `now`, or undefined if the version has no date. */
export function imageAgeDays(version: string | undefined, now: number): number | undefined {
  const date = version ? imageDate(version) : undefined;
  return date ? Math.floor((now - date.getTime()) / 86_400_000) : undefined;
}
