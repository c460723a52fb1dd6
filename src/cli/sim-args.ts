import type { SimCommandOptions as SimRunOptions } from '../sim/sim-command.js';
import { UserError } from '../model/errors.js';

/** Options of `aks-runbook sim` as parsed: the simulator command's, with the flags' defaults set. */
export type SimCommandOptions = Omit<SimRunOptions, 'signal' | 'onReady'> &
  Required<Pick<SimRunOptions, 'scenario' | 'port' | 'kubeconfigOut' | 'connectionOut'>>;

/** The `sim` flags as commander hands them over (numbers still text). */
export interface SimFlags {
  scenario: string;
  port: string;
  kubeconfigOut: string;
  connectionOut: string;
  requestLog?: string;
  speed?: string;
  fromAks?: string;
  fromObjects?: string[];
  dumpScenario?: string;
}

/** The `sim` command's options from its flags; one line (`UserError`) for a bad one. */
export function simOptions(flags: SimFlags): SimCommandOptions {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(`--port must be a number from 0 to 65535, not "${flags.port}"`);
  }
  const options: SimCommandOptions = {
    scenario: flags.scenario,
    port,
    kubeconfigOut: flags.kubeconfigOut,
    connectionOut: flags.connectionOut,
  };
  if (flags.requestLog !== undefined) options.requestLog = flags.requestLog;
  if (flags.fromObjects !== undefined && flags.fromAks === undefined)
    throw new UserError('--from-objects goes with --from-aks (the cluster the objects run on)');
  if (flags.fromAks !== undefined) options.fromAks = flags.fromAks;
  if (flags.fromObjects !== undefined) options.fromObjects = flags.fromObjects;
  if (flags.dumpScenario !== undefined) options.dumpScenario = flags.dumpScenario;
  if (flags.speed !== undefined) {
    const speed = Number(flags.speed);
    if (!Number.isFinite(speed) || speed <= 0) {
      throw new UserError(`--speed must be a positive number, not "${flags.speed}"`);
    }
    options.speed = speed;
  }
  return options;
}
