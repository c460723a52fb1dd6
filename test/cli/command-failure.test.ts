// The line a command ends with when what failed is not one of our own errors: a client's failure
// or a file's in the shared words (what was wrong, what to do), anything else said as a bug.
import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { UserError } from '../../src/model/errors.js';
import { asUserError } from '../../src/runbook/start-session.js';
import { commandFailure } from '../../src/target/failure.js';

/** Node's own error for opening a folder as a file. */
function eisdir(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), {
    code: 'EISDIR',
    errno: -21,
    syscall: 'open',
    path,
  });
}

describe('commandFailure', () => {
  it('a file error: which file, why, what to do (never Node text)', () => {
    const said = commandFailure(eisdir('/tmp/x.jsonl'), 'write the report');
    expect(said.message).toBe(
      'cannot open /tmp/x.jsonl: it is a folder, EISDIR while trying to write the report; check the path, its permissions and free disk space',
    );
    expect(said.exitCode).toBe(2);
  });

  it('a connection reset from the Azure SDK: what could not be reached, what to do', () => {
    const reset = new RestError('socket hang up', { code: 'ECONNRESET' });
    const said = commandFailure(reset);
    expect(said.message).toMatch(
      /^cannot reach Azure Resource Manager while trying to finish the command; check the address/,
    );
    expect(said.message).not.toMatch(/socket hang up/);
  });

  it('anything else is a bug: said as one, with what to do', () => {
    expect(commandFailure(new TypeError('x is undefined')).message).toBe(
      'unexpected failure: x is undefined; this is a bug in aks-runbook; please report it with the command you ran',
    );
  });

  it('our own line passes as it is', () => {
    const ours = new UserError('no such fleet', 3);
    expect(commandFailure(ours)).toBe(ours);
    expect(asUserError(ours)).toBe(ours);
  });

  it('asUserError says a client or file failure in the same words', () => {
    expect(asUserError(eisdir('/tmp/y.yaml'), 'start the simulator').message).toBe(
      'cannot open /tmp/y.yaml: it is a folder, EISDIR while trying to start the simulator; check the path, its permissions and free disk space',
    );
  });
});

describe('main', () => {
  it('ends a command whose error is not ours with the shared words, exit 2', async () => {
    let err = '';
    const code = await main(
      ['sim', '--scenario', '/nonexistent/scenario', '--port', '0'],
      {},
      {
        out: () => undefined,
        err: (t) => (err += t),
        interactive: false,
      },
    );
    expect(code).toBe(2);
    expect(err).toMatch(
      /^aks-runbook: the scenario cannot be used: \/nonexistent\/scenario: no such scenario/,
    );
    expect(err).not.toContain('unexpected failure');
  });
});
