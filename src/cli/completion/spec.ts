import type { Command } from 'commander';

/** A flag as completion sees it. */
export interface FlagSpec {
  long: string;
  short?: string;
  description: string;
  /** The flag takes a value; `placeholder` is its name in the help (`file`, `name|path`, ...). */
  placeholder?: string;
  choices?: readonly string[];
}

/** A command (or subcommand) as completion sees it. */
export interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  subcommands: CommandSpec[];
  /** Choices of each positional argument, in order (empty when free text). */
  argumentChoices: (readonly string[])[];
}

/** Reads the command tree commander parses, so completion offers exactly what parses. */
export function commandSpec(command: Command): CommandSpec {
  const flags: FlagSpec[] = command.options
    .filter((o) => !o.hidden && o.long !== undefined)
    .map((o) => {
      const flag: FlagSpec = { long: o.long!, description: o.description };
      if (o.short) flag.short = o.short;
      const placeholder = /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1];
      if (placeholder !== undefined) flag.placeholder = placeholder;
      if (o.argChoices) flag.choices = o.argChoices;
      return flag;
    });
  flags.push({ long: '--help', short: '-h', description: 'show help' });
  return {
    name: command.name(),
    description: command.description(),
    flags,
    subcommands: command.commands.map(commandSpec),
    argumentChoices: command.registeredArguments.map((a) => a.argChoices ?? []),
  };
}
