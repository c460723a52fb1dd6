import { describe, expect, it } from 'vitest';
import { proxyFromEnv } from '../../src/model/proxy-from-env.js';

const via = (url: string, env: Record<string, string>) => proxyFromEnv(new URL(url), env)?.href;
const P = 'http://proxy.corp:3128/';

describe('proxyFromEnv: as Go http.ProxyFromEnvironment', () => {
  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, upper case first', () => {
    expect(via('https://a.example', { HTTPS_PROXY: P })).toBe(P);
    expect(via('https://a.example', { https_proxy: P })).toBe(P);
    expect(via('https://a.example', { HTTPS_PROXY: P, https_proxy: 'http://other:1' })).toBe(P);
    expect(via('https://a.example', { HTTP_PROXY: P })).toBeUndefined();
    expect(via('http://a.example', { HTTP_PROXY: P })).toBe(P);
    expect(via('https://a.example', {})).toBeUndefined();
  });

  it('reads a proxy without a scheme as http://', () => {
    expect(via('https://a.example', { HTTPS_PROXY: 'proxy.corp:3128' })).toBe(P);
    expect(via('https://a.example', { HTTPS_PROXY: '10.0.0.1:3128' })).toBe(
      'http://10.0.0.1:3128/',
    );
  });

  it.each([
    'https://localhost:6443',
    'https://127.0.0.1:1',
    'https://127.9.9.9',
    'https://[::1]:443',
  ])('never proxies loopback: %s', (url) => {
    expect(via(url, { HTTPS_PROXY: P })).toBeUndefined();
  });

  it.each([
    ['https://a.example', '*', true],
    ['https://a.example', 'a.example', true],
    ['https://x.a.example', 'a.example', true],
    ['https://a.example', '.a.example', false],
    ['https://x.a.example', '.a.example', true],
    ['https://x.a.example', '*.a.example', true],
    ['https://ba.example', 'a.example', false],
    ['https://a.example:6443', 'a.example:443', false],
    ['https://a.example', 'a.example:443', true],
    ['https://10.1.2.3', '10.0.0.0/8', true],
    ['https://11.1.2.3', '10.0.0.0/8', false],
    ['https://10.1.2.3', '10.1.2.3', true],
    ['https://A.Example', ' other.example , A.EXAMPLE ', true],
  ])('%s with NO_PROXY=%s: direct %s', (url, noProxy, direct) => {
    expect(via(url, { HTTPS_PROXY: P, NO_PROXY: noProxy }) === undefined).toBe(direct);
    expect(via(url, { HTTPS_PROXY: P, no_proxy: noProxy }) === undefined).toBe(direct);
  });
});
