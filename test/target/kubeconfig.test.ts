import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKubeconfig } from '../../src/target/kubeconfig.js';
import { UserError } from '../../src/model/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('kubeconfig-test-');

function kubeconfig(name: string, user: Record<string, unknown>, current = 'alpha'): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': current,
      clusters: [{ name: 'c1', cluster: { server: 'https://127.0.0.1:6443' } }],
      users: [{ name: 'u1', user }],
      contexts: [
        { name: 'alpha', context: { cluster: 'c1', user: 'u1' } },
        { name: 'beta', context: { cluster: 'c1', user: 'u1' } },
      ],
    }),
  );
  return file;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error('expected a UserError');
}

describe('kubeconfig target', () => {
  const good = kubeconfig('good.yaml', { token: 'abc' });

  it('uses the current context, or the one asked for', () => {
    expect(loadKubeconfig({ file: good }, {}).context).toBe('alpha');
    const beta = loadKubeconfig({ file: good, context: 'beta' }, {});
    expect(beta.context).toBe('beta');
    expect(beta.server).toBe('https://127.0.0.1:6443');
  });

  it('honours KUBECONFIG when no file is given', () => {
    expect(loadKubeconfig({ context: 'beta' }, { KUBECONFIG: good }).context).toBe('beta');
  });

  it('says plainly that the file is missing', () => {
    const message = refusal(() => loadKubeconfig({}, { KUBECONFIG: join(dir, 'nope.yaml') }));
    expect(message).toBe(
      `kubeconfig file not found: ${join(dir, 'nope.yaml')} (pass --kubeconfig, set KUBECONFIG, or try --demo)`,
    );
  });

  it('names an unknown context and lists the real ones', () => {
    expect(refusal(() => loadKubeconfig({ file: good, context: 'does-not-exist' }, {}))).toBe(
      `no context named "does-not-exist" in ${good}; available: alpha, beta`,
    );
  });

  it('says which credential file cannot be read', () => {
    const file = kubeconfig('cert.yaml', {
      'client-certificate': join(dir, 'missing.crt'),
      'client-key': join(dir, 'missing.key'),
    });
    expect(refusal(() => loadKubeconfig({ file }, {}))).toMatch(
      /cannot read the client certificate of user "u1"/,
    );
  });

  it('says when the credential plugin is not installed', () => {
    const file = kubeconfig('exec.yaml', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'gke-gcloud-auth-plugin-nope',
      },
    });
    expect(refusal(() => loadKubeconfig({ file }, { PATH: dir }))).toMatch(
      /"gke-gcloud-auth-plugin-nope", which is not installed/,
    );
  });

  it('recognises kubelogin users (Entra ID) without needing kubelogin itself', () => {
    const file = kubeconfig('kubelogin.yaml', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'kubelogin',
        args: ['get-token'],
      },
    });
    expect(loadKubeconfig({ file }, { PATH: dir }).usesKubelogin).toBe(true);
  });

  it('refuses a file that is not a kubeconfig', () => {
    const file = join(dir, 'garbage.yaml');
    writeFileSync(file, 'clusters: [unterminated');
    expect(refusal(() => loadKubeconfig({ file }, {}))).toMatch(/^cannot read kubeconfig /);
  });
});
