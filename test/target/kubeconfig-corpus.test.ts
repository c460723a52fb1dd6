// Kubeconfig corpus: how kubectl reads kubeconfigs, as its documentation ("Organizing Cluster
// Access Using kubeconfig Files", the client-go loading rules and credential plugins) describes it.
// Each row is one documented rule, checked through our loader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { UserError, messageOf } from '../../src/model/errors.js';
import { redactUrlPasswords } from '../../src/model/redact-url.js';
import { loadKubeconfig, type LoadedKubeconfig } from '../../src/target/kubeconfig.js';
import { tokenFileOf } from '../../src/target/token-file-auth.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A kubeconfig's content, its raw text, or `MISSING` (the string; the file is never written). */
type Doc = Record<string, unknown> | string;

interface Case {
  rule: string;
  /** Files of KUBECONFIG, in order (a string is written as is; MISSING is never written). */
  files: Doc[];
  /** Pass the first file as --kubeconfig instead of KUBECONFIG. */
  flag?: boolean;
  context?: string;
  /** Extra files next to the kubeconfigs (relative-path cases). */
  extra?: Record<string, string>;
  expect: ((loaded: LoadedKubeconfig, dir: string) => void | Promise<void>) | RegExp;
}

const cluster = (name: string, server: string, more: Record<string, unknown> = {}) => ({
  name,
  cluster: { server, ...more },
});
const user = (name: string, fields: Record<string, unknown>) => ({ name, user: fields });
const context = (name: string, c: string, u?: string) => ({
  name,
  context: { cluster: c, ...(u ? { user: u } : {}) },
});
const config = (parts: {
  clusters?: unknown[];
  users?: unknown[];
  contexts?: unknown[];
  current?: string;
}) => ({
  apiVersion: 'v1',
  kind: 'Config',
  clusters: parts.clusters ?? [],
  users: parts.users ?? [],
  contexts: parts.contexts ?? [],
  ...(parts.current !== undefined ? { 'current-context': parts.current } : {}),
});
const A = 'https://a.example:6443';
const B = 'https://b.example:6443';
const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString(
  'base64',
);
const exec = (fields: Record<string, unknown>) =>
  config({
    clusters: [cluster('c', A)],
    users: [user('u', { exec: { command: 'sh', args: ['-c', 'true'], ...fields } })],
    contexts: [context('x', 'c', 'u')],
    current: 'x',
  });
const execEnv = (loaded: LoadedKubeconfig): Record<string, unknown> => {
  const env = (loaded.kc.getCurrentUser()!.exec as { env: Array<{ name: string; value: string }> })
    .env;
  return JSON.parse(env.find((e) => e.name === 'KUBERNETES_EXEC_INFO')!.value) as Record<
    string,
    unknown
  >;
};
const token = (loaded: LoadedKubeconfig) => loaded.kc.getCurrentUser()?.token;

const CASES: Case[] = [
  {
    rule: '--kubeconfig: that file only, no merging with KUBECONFIG',
    flag: true,
    files: [
      config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')], current: 'x' }),
      config({ clusters: [cluster('d', B)], contexts: [context('y', 'd')], current: 'y' }),
    ],
    context: 'y',
    expect: /no context named "y" in .*0\.yaml; available: x/,
  },
  {
    rule: 'KUBECONFIG list: the first file to define a cluster name wins',
    files: [
      config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')], current: 'x' }),
      config({ clusters: [cluster('c', B)], contexts: [context('x', 'c')] }),
    ],
    expect: (l) => expect(l.server).toBe(A),
  },
  {
    rule: 'a duplicate user is dropped whole: fields only the second file sets are discarded',
    files: [
      config({
        clusters: [cluster('c', A)],
        users: [user('u', { token: 'first-token' })],
        contexts: [context('x', 'c', 'u')],
        current: 'x',
      }),
      config({ users: [user('u', { token: 'second-token', username: 'someone' })] }),
    ],
    expect: (l) => {
      expect(token(l)).toBe('first-token');
      expect(l.kc.getCurrentUser()?.username).toBeUndefined();
    },
  },
  {
    rule: 'a duplicate context: the first file decides its cluster and user',
    files: [
      config({ clusters: [cluster('c', A), cluster('d', B)], contexts: [context('x', 'c')] }),
      config({ contexts: [context('x', 'd')], current: 'x' }),
    ],
    expect: (l) => expect(l.server).toBe(A),
  },
  {
    rule: 'current-context comes from the first file that sets one, even a later file',
    files: [
      config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')] }),
      config({ clusters: [cluster('d', B)], contexts: [context('y', 'd')], current: 'y' }),
    ],
    expect: (l) => {
      expect(l.context).toBe('y');
      expect(l.server).toBe(B);
    },
  },
  {
    rule: 'when several files set current-context, the first one is kept',
    files: [
      config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')], current: 'x' }),
      config({ clusters: [cluster('d', B)], contexts: [context('y', 'd')], current: 'y' }),
    ],
    expect: (l) => expect(l.context).toBe('x'),
  },
  {
    rule: 'an empty current-context does not count as set',
    files: [
      config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')], current: '' }),
      config({ clusters: [cluster('d', B)], contexts: [context('y', 'd')], current: 'y' }),
    ],
    expect: (l) => expect(l.context).toBe('y'),
  },
  {
    rule: 'a missing file in KUBECONFIG is skipped',
    files: [
      'MISSING',
      config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')], current: 'x' }),
    ],
    expect: (l) => expect(l.server).toBe(A),
  },
  {
    rule: 'an empty file is an empty kubeconfig, not an error',
    files: [
      '',
      config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')], current: 'x' }),
    ],
    expect: (l) => expect(l.context).toBe('x'),
  },
  {
    rule: 'a file that cannot be deserialized is an error naming it',
    files: [
      config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')], current: 'x' }),
      'clusters: [ {{{ :::',
    ],
    expect: /^cannot read kubeconfig .*1\.yaml: /,
  },
  {
    rule: 'when every file in KUBECONFIG is missing, the line says so',
    files: ['MISSING', 'MISSING'],
    expect: /^none of the KUBECONFIG files exists: .*0\.yaml, .*1\.yaml \(pass --kubeconfig/,
  },
  {
    rule: 'an explicit --kubeconfig that does not exist is an error',
    flag: true,
    files: ['MISSING'],
    expect: /^kubeconfig file not found: .*0\.yaml$/,
  },
  {
    rule: '--context wins over current-context',
    files: [
      config({
        clusters: [cluster('c', A), cluster('d', B)],
        contexts: [context('x', 'c'), context('y', 'd')],
        current: 'x',
      }),
    ],
    context: 'y',
    expect: (l) => expect(l.server).toBe(B),
  },
  {
    rule: 'a context may name a cluster and user another file defines',
    files: [
      config({ clusters: [cluster('c', A)], users: [user('u', { token: 'from-a' })] }),
      config({ contexts: [context('x', 'c', 'u')], current: 'x' }),
    ],
    expect: (l) => {
      expect(l.server).toBe(A);
      expect(token(l)).toBe('from-a');
    },
  },
  {
    rule: 'a context without a user is anonymous, not an error',
    files: [config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')], current: 'x' })],
    expect: (l) => expect(l.kc.getCurrentUser()).toBeNull(),
  },
  {
    rule: 'no current context anywhere, no --context: a line listing the contexts',
    files: [config({ clusters: [cluster('c', A)], contexts: [context('x', 'c')] })],
    expect: /sets no current context; pass --context with one of: x/,
  },
  {
    rule: 'a cluster without a server fails (kubectl: no server location)',
    files: [
      config({
        clusters: [{ name: 'c', cluster: {} }],
        contexts: [context('x', 'c')],
        current: 'x',
      }),
    ],
    expect: /cluster "c" in .* has no server/,
  },
  {
    rule: "relative paths are taken from the kubeconfig file's folder",
    files: [
      config({
        clusters: [cluster('c', A, { 'certificate-authority': 'certs/ca.crt' })],
        users: [user('u', { tokenFile: 'secrets/token' })],
        contexts: [context('x', 'c', 'u')],
        current: 'x',
      }),
    ],
    extra: { 'certs/ca.crt': 'not used here\n', 'secrets/token': 'rel-token\n' },
    expect: (l, dir) => {
      expect(l.kc.getCurrentCluster()?.caFile).toBe(join(dir, 'certs', 'ca.crt'));
      expect(tokenFileOf(l.kc.getCurrentUser()!)).toBe(join(dir, 'secrets', 'token'));
    },
  },
  {
    rule: 'tokenFile: the bearer token is read from the file',
    files: [
      config({
        clusters: [cluster('c', A)],
        users: [user('u', { tokenFile: 'token' })],
        contexts: [context('x', 'c', 'u')],
        current: 'x',
      }),
    ],
    extra: { token: 'file-token\n' },
    expect: async (l) => {
      const opts: { headers?: Record<string, string> } = {};
      await l.kc.applyToHTTPSOptions(opts);
      expect(opts.headers?.['Authorization']).toBe('Bearer file-token');
    },
  },
  {
    rule: 'token and tokenFile both set: token takes precedence',
    files: [
      config({
        clusters: [cluster('c', A)],
        users: [user('u', { token: 'inline', tokenFile: 'token' })],
        contexts: [context('x', 'c', 'u')],
        current: 'x',
      }),
    ],
    extra: { token: 'file-token\n' },
    expect: (l) => {
      expect(token(l)).toBe('inline');
      expect(tokenFileOf(l.kc.getCurrentUser()!)).toBeUndefined();
    },
  },
  {
    rule: 'a tokenFile that cannot be read is named',
    files: [
      config({
        clusters: [cluster('c', A)],
        users: [user('u', { tokenFile: '/nonexistent/token' })],
        contexts: [context('x', 'c', 'u')],
        current: 'x',
      }),
    ],
    expect: /cannot read the token file of user "u": \/nonexistent\/token/,
  },
  {
    rule: 'insecure-skip-tls-verify alone is allowed, with a warning',
    files: [
      config({
        clusters: [cluster('c', A, { 'insecure-skip-tls-verify': true })],
        contexts: [context('x', 'c')],
        current: 'x',
      }),
    ],
    expect: (l) => {
      expect(l.kc.getCurrentCluster()?.skipTLSVerify).toBe(true);
      expect(l.warnings).toEqual([
        expect.stringMatching(/^TLS not verified \(insecure-skip-tls-verify/),
      ]);
    },
  },
  {
    rule: 'insecure-skip-tls-verify with certificate-authority-data is refused, as kubectl refuses it',
    files: [
      config({
        clusters: [
          cluster('c', A, { 'insecure-skip-tls-verify': true, 'certificate-authority-data': CA }),
        ],
        contexts: [context('x', 'c')],
        current: 'x',
      }),
    ],
    expect: /insecure-skip-tls-verify together with a certificate authority/,
  },
  {
    rule: 'insecure-skip-tls-verify with a certificate-authority file is refused too',
    files: [
      config({
        clusters: [
          cluster('c', A, { 'insecure-skip-tls-verify': true, 'certificate-authority': 'ca.crt' }),
        ],
        contexts: [context('x', 'c')],
        current: 'x',
      }),
    ],
    extra: { 'ca.crt': 'x\n' },
    expect: /insecure-skip-tls-verify together with a certificate authority/,
  },
  {
    rule: 'a verified cluster carries no warning',
    files: [
      config({
        clusters: [cluster('c', A, { 'certificate-authority-data': CA })],
        contexts: [context('x', 'c')],
        current: 'x',
      }),
    ],
    expect: (l) => expect(l.warnings).toEqual([]),
  },
  {
    rule: 'exec, interactiveMode Never: runs, told it is not interactive',
    files: [exec({ apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Never' })],
    expect: (l) =>
      expect(execEnv(l)).toEqual({
        apiVersion: 'client.authentication.k8s.io/v1',
        kind: 'ExecCredential',
        spec: { interactive: false },
      }),
  },
  {
    rule: 'exec, interactiveMode IfAvailable: runs without a terminal',
    files: [
      exec({ apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'IfAvailable' }),
    ],
    expect: (l) => expect(execEnv(l)).toMatchObject({ spec: { interactive: false } }),
  },
  {
    rule: 'exec, interactiveMode Always: needs a terminal we do not lend, a clear error',
    files: [exec({ apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Always' })],
    expect: /needs a terminal to prompt in \(interactiveMode: Always\)/,
  },
  {
    rule: 'exec v1 without interactiveMode is refused, as kubectl refuses it',
    files: [exec({ apiVersion: 'client.authentication.k8s.io/v1' })],
    expect:
      /sets no interactiveMode, which apiVersion client\.authentication\.k8s\.io\/v1 requires/,
  },
  {
    rule: 'exec v1beta1 without interactiveMode defaults to IfAvailable',
    files: [exec({ apiVersion: 'client.authentication.k8s.io/v1beta1' })],
    expect: (l) => expect(execEnv(l)).toMatchObject({ spec: { interactive: false } }),
  },
  {
    rule: 'exec with an unknown interactiveMode is refused',
    files: [exec({ apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Sometimes' })],
    expect: /interactiveMode "Sometimes"; it must be Never, IfAvailable or Always/,
  },
  {
    rule: 'exec provideClusterInfo: the plugin is told the server',
    files: [
      exec({
        apiVersion: 'client.authentication.k8s.io/v1',
        interactiveMode: 'Never',
        provideClusterInfo: true,
      }),
    ],
    expect: (l) => expect(execEnv(l)).toMatchObject({ spec: { cluster: { server: A } } }),
  },
  {
    rule: 'exec without a command is a line naming the user',
    files: [
      config({
        clusters: [cluster('c', A)],
        users: [
          user('u', {
            exec: { apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Never' },
          }),
        ],
        contexts: [context('x', 'c', 'u')],
        current: 'x',
      }),
    ],
    expect: /^the exec credentials of user "u" name no command; add exec\.command$/,
  },
  {
    rule: 'exec plugin not installed: the line carries its installHint',
    files: [
      config({
        clusters: [cluster('c', A)],
        users: [
          user('u', {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              interactiveMode: 'Never',
              command: 'no-such-plugin-xyz',
              installHint: 'install it with: brew install no-such-plugin',
            },
          }),
        ],
        contexts: [context('x', 'c', 'u')],
        current: 'x',
      }),
    ],
    expect: /"no-such-plugin-xyz", which is not installed or not on PATH: install it with: brew/,
  },
];

describe('kubeconfig corpus: read as kubectl reads it', () => {
  it.each(CASES)('$rule', async (c) => {
    const dir = tempDir('kc-corpus-');
    for (const [name, text] of Object.entries(c.extra ?? {})) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const paths = c.files.map((doc, i) => {
      const path = join(dir, `${i}.yaml`);
      if (doc !== 'MISSING') writeFileSync(path, typeof doc === 'string' ? doc : stringify(doc));
      return path;
    });
    const env = { KUBECONFIG: paths.join(delimiter), PATH: process.env['PATH'] };
    const options = {
      ...(c.flag ? { file: paths[0]! } : {}),
      ...(c.context !== undefined ? { context: c.context } : {}),
    };
    if (c.expect instanceof RegExp) {
      let error: unknown;
      try {
        loadKubeconfig(options, env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toMatch(c.expect);
      expect((error as Error).message).not.toContain('\n');
    } else {
      await c.expect(loadKubeconfig(options, env), dir);
    }
  });
});

describe('a password in a URL', () => {
  it('is redacted in every one-line message, whoever builds it', () => {
    const url = 'https://admin:hunter2-secret@10.0.0.1:443/api';
    expect(new UserError(`cannot reach ${url}`).message).toBe(
      'cannot reach https://admin:***@10.0.0.1:443/api',
    );
    expect(messageOf(new Error(`fetch ${url} failed`))).toBe(
      'fetch https://admin:***@10.0.0.1:443/api failed',
    );
    expect(redactUrlPasswords('https://user@host/ and http://a:b@c')).toBe(
      'https://user@host/ and http://a:***@c',
    );
  });
});
