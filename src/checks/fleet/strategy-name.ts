/** Fleet Manager's rule for update strategy, stage and group names. */
export const STRATEGY_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether a name is a valid update strategy name (kept apart so argument parsing loads no schema). */
export function isStrategyName(value: string): boolean {
  return STRATEGY_NAME.test(value) && value.length <= 50;
}
