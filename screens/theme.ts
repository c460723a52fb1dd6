/**
 * The only place screens pick colours. Every colour has a meaning, and every meaning is also carried
 * by a symbol or a word, so the screens read the same in monochrome (NO_COLOR / FORCE_COLOR=0).
 */
export const theme = {
  /** Headings, the cluster name, the focused row's marker. */
  accent: 'cyan',
  /** Things that are fine. */
  ok: 'green',
  /** Findings and warnings. */
  warning: 'yellow',
  /** Errors, unavailable steps, the change a confirmation is about. */
  danger: 'red',
  /** A change that was made. */
  changed: 'magenta',
  /** Secondary text: hints, explanations. */
  muted: 'gray',
  /** Mode badges (READ-ONLY, DRY-RUN, DEMO). */
  badge: 'yellow',
} as const;

/** A colour role of the theme. */
export type ThemeColor = (typeof theme)[keyof typeof theme];
