/** Where the waivers file is looked for when `--waivers` is not given (relative to the cwd). */
export const DEFAULT_WAIVERS_FILE = '.aks-runbook/waivers.yaml';

/** How far ahead a waiver may expire unless `--waiver-max-days` says otherwise. */
export const DEFAULT_WAIVER_MAX_DAYS = 180;
