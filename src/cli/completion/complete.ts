import type { CommandSpec, FlagSpec } from './spec.js';

/** Where values come from that only exist at completion time. */
export interface ValueSources {
  /** Context names of the kubeconfig the line names (`--kubeconfig`), else the default ones. */
  contexts(kubeconfig: string | undefined): string[];
  scenarios: readonly string[];
  steps: readonly string[];
}

export interface Candidate {
  value: string;
  description?: string;
}

/** What the shell offers: these words, plus file names when `files`. */
export interface Completion {
  candidates: Candidate[];
  files: boolean;
}

const NOTHING: Completion = { candidates: [], files: false };

/**
 * Completes the last of `words` (the words after the program name, the last one being typed,
 * possibly empty). Words are returned whole (`--context=alpha`, `rbac,imds`); the shell script
 * trims what its own word splitting put elsewhere.
 */
export function complete(words: string[], root: CommandSpec, sources: ValueSources): Completion {
  const typed = words.at(-1) ?? '';
  let command = root;
  let pending: FlagSpec | undefined;
  let positionals = 0;
  let kubeconfig: string | undefined;
  const used = new Set<string>();
  const noteValue = (flag: FlagSpec, value: string): void => {
    if (flag.long === '--kubeconfig') kubeconfig = value;
  };
  for (const word of words.slice(0, -1)) {
    if (pending) {
      noteValue(pending, word);
      pending = undefined;
    } else if (word.startsWith('-') && word !== '-') {
      const [name, inline] = splitFlag(word);
      const flag = findFlag(command, name);
      if (!flag) continue;
      used.add(flag.long);
      if (flag.placeholder === undefined) continue;
      if (inline === undefined) pending = flag;
      else noteValue(flag, inline);
    } else {
      const sub = positionals === 0 ? command.subcommands.find((c) => c.name === word) : undefined;
      if (sub) command = sub;
      else positionals += 1;
    }
  }
  if (pending) return values(pending, typed, '', sources, kubeconfig);
  if (typed.startsWith('--') && typed.includes('=')) {
    const [name, inline = ''] = splitFlag(typed);
    const flag = findFlag(command, name);
    return flag?.placeholder !== undefined
      ? values(flag, inline, `${name}=`, sources, kubeconfig)
      : NOTHING;
  }
  const flags = (): Completion =>
    matching(
      command.flags
        .filter((f) => !used.has(f.long))
        .map((f) => ({ value: f.long, description: f.description })),
      typed,
    );
  if (typed.startsWith('-')) return flags();
  if (command.subcommands.length > 0 && used.size === 0 && positionals === 0) {
    return matching(
      command.subcommands.map((c) => ({ value: c.name, description: c.description })),
      typed,
    );
  }
  const argument = command.argumentChoices[positionals];
  if (argument !== undefined) return matching(argument.map(plain), typed);
  return typed === '' ? flags() : NOTHING;
}

/** The values a flag takes, each prefixed with `prefix` (`--flag=` when typed in one word). */
function values(
  flag: FlagSpec,
  typed: string,
  prefix: string,
  sources: ValueSources,
  kubeconfig: string | undefined,
): Completion {
  const withPrefix = (found: Completion): Completion => ({
    files: found.files,
    candidates: found.candidates.map((c) => ({ ...c, value: prefix + c.value })),
  });
  if (flag.choices) return withPrefix(matching(flag.choices.map(plain), typed));
  switch (flag.long) {
    case '--context':
      return withPrefix(matching(sources.contexts(kubeconfig).map(plain), typed));
    case '--steps':
      return withPrefix(stepList(typed, sources.steps));
    case '--scenario':
      return withPrefix({ ...matching(sources.scenarios.map(plain), typed), files: true });
  }
  return { candidates: [], files: flag.placeholder === 'file' };
}

/** `--steps a,b,c`: completes the item after the last comma, leaving out the ones already given. */
function stepList(typed: string, steps: readonly string[]): Completion {
  const cut = typed.lastIndexOf(',') + 1;
  const head = typed.slice(0, cut);
  const given = new Set(head.split(',').filter((s) => s !== ''));
  const left = steps.filter((s) => !given.has(s)).map((s) => plain(head + s));
  return matching(left, typed);
}

function splitFlag(word: string): [string, string | undefined] {
  const eq = word.indexOf('=');
  return eq < 0 ? [word, undefined] : [word.slice(0, eq), word.slice(eq + 1)];
}

function findFlag(command: CommandSpec, name: string): FlagSpec | undefined {
  return command.flags.find((f) => f.long === name || f.short === name);
}

function matching(candidates: Candidate[], typed: string): Completion {
  return { candidates: candidates.filter((c) => c.value.startsWith(typed)), files: false };
}

function plain(value: string): Candidate {
  return { value };
}
