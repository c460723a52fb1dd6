// The quick path to the first frame (src/cli/tui-args.ts) must mean exactly what commander means:
// same flags, same result, same refusal; whatever it does not take goes to commander.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandLine, parseInvocation, type Invocation } from '../../src/cli/args.js';
import { TUI_FLAGS, quickTuiOptions } from '../../src/cli/tui-args.js';
import { UserError } from '../../src/model/errors.js';

type Outcome = { invocation: Invocation } | { refused: string } | { other: true };

function throughCommander(argv: string[], env: NodeJS.ProcessEnv): Outcome {
  try {
    return { invocation: parseInvocation(argv, env, '1.2.3', () => undefined) };
  } catch (error) {
    return error instanceof UserError ? { refused: error.message } : { other: true };
  }
}

/** The quick path's outcome; undefined when it hands the command line to commander. */
function quickly(argv: string[], env: NodeJS.ProcessEnv): Outcome | undefined {
  try {
    const options = quickTuiOptions(argv, env);
    return options ? { invocation: { kind: 'tui', ...options } } : undefined;
  } catch (error) {
    return error instanceof UserError ? { refused: error.message } : { other: true };
  }
}

describe('the quick path to the first frame', () => {
  it('knows exactly the root command flags commander defines', () => {
    const root = commandLine(
      {},
      '1.2.3',
      () => undefined,
      () => undefined,
    );
    const commander = root.options
      .filter((o) => !['--version', '--help'].includes(o.long!))
      .map((o) => `${o.long}${o.short ? ` ${o.short}` : ''} ${o.required ? 'string' : 'boolean'}`)
      .sort();
    const ours = Object.entries(TUI_FLAGS)
      .map(([name, o]) => `--${name}${o.short ? ` -${o.short}` : ''} ${o.type}`)
      .sort();
    expect(ours).toEqual(commander);
  });

  it('takes the plain interactive starts', () => {
    for (const argv of [
      [],
      ['--demo'],
      ['--context', 'prod', '--read-only'],
      ['--demo', '--dry-run'],
    ]) {
      expect(quickly(argv, {}), argv.join(' ')).toEqual(throughCommander(argv, {}));
    }
  });

  it('hands help, version, subcommands, unknown flags, missing values and a bad cloud to commander', () => {
    for (const argv of [
      ['--help'],
      ['-h'],
      ['--version'],
      ['-V'],
      ['audit', '--demo'],
      ['--demo', 'sim'],
      ['--frobnicate'],
      ['--context'],
      ['--context', '--demo'],
      ['--cloud', 'Mars'],
      ['--demo=yes'],
      ['--', 'audit'],
    ]) {
      expect(quickTuiOptions(argv, {}), argv.join(' ')).toBeUndefined();
    }
  });

  it('means what commander means for any mix of root flags it takes', () => {
    const value = fc.constantFrom(
      '',
      'prod',
      'rg1',
      'busybox:1.37',
      'a b',
      '-x',
      '=v',
      '12',
      '0',
      'AzureChinaCloud',
    );
    const flag = fc.constantFrom(
      ...Object.entries(TUI_FLAGS).flatMap(([name, o]) => [
        `--${name}`,
        ...(o.short ? [`-${o.short}`] : []),
      ]),
      '--cloud',
    );
    const token = fc.oneof(
      fc.tuple(flag).map(([f]) => [f]),
      fc.tuple(flag, value).map(([f, v]) => [f, v]),
      fc.tuple(flag, value).map(([f, v]) => [`${f}=${v}`]),
      fc.tuple(fc.constantFrom('-g', '-n'), value).map(([f, v]) => [`${f}${v}`]),
      fc.constantFrom(['audit'], ['--'], ['-'], ['--help']),
    );
    const env = fc.constantFrom<NodeJS.ProcessEnv>({}, { AZURE_SUBSCRIPTION_ID: 'sub-1' });
    // How often the quick path answered itself: the comparison must have cases of both kinds.
    const seen = { invocation: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), env, (tokens, environment) => {
        const argv = tokens.flat();
        const quick = quickly(argv, environment);
        if (quick === undefined) return;
        expect(quick).toEqual(throughCommander(argv, environment));
        seen['invocation' in quick ? 'invocation' : 'refused']++;
      }),
      { numRuns: 2000 },
    );
    expect(seen.invocation).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });
});
