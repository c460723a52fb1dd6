// A kubeconfig whose cluster `server` has no scheme (`127.0.0.1:6443`, as some generators
// write it) works with kubectl: client-go's DefaultServerURL adds `https://` when TLS is configured
// (k8s.io/client-go/rest/url_utils.go: "if err != nil || hostURL.Scheme == "" || hostURL.Host == ""
// { scheme := "http://"; if defaultTLS { scheme = "https://" } ... }"), and README says
// "Kubeconfigs are read as kubectl reads them". aks-runbook instead sends the request nowhere
// sensible and blames itself: "answered unexpectedly ...; this is a bug in aks-runbook".
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';

let running: RunningSim;
beforeAll(async () => {
  running = await startSimCommand('minimal');
});
afterAll(() => running?.stop());

it('reaches a server written without https:// as kubectl does (or says so in one plain line)', async () => {
  const file = join(tempDir('kc-noscheme-'), 'config');
  const text = readFileSync(running.kubeconfigFile, 'utf8').replace(
    /server: https:\/\/(127\.0\.0\.1:\d+)/,
    'server: $1',
  );
  expect(text).toMatch(/server: 127\.0\.0\.1:\d+/);
  writeFileSync(file, text);
  const run = await runBin(
    ['audit', '--kubeconfig', file, '--steps', 'rbac', '--output', 'json'],
    {},
    {
      timeoutMs: 60_000,
    },
  );
  expect(run.stderr).not.toMatch(/this is a bug in aks-runbook/);
  // As kubectl: connected, the audit ran (exit 0 or 1, not 2).
  expect([0, 1]).toContain(run.code);
}, 90_000);
