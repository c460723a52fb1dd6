import { describe, expect, it } from 'vitest';
import { jwtClaims, operatorFromClaims, operatorFromKube } from '../../src/model/operator.js';

function jwt(claims: object): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('jwtClaims', () => {
  it('decodes the payload without verifying', () => {
    expect(jwtClaims(jwt({ upn: 'alice@contoso.com' }))).toEqual({ upn: 'alice@contoso.com' });
  });

  it.each(['sim-arm-abc', 'a.b', 'a.!!!.c', `x.${Buffer.from('[1]').toString('base64url')}.y`, ''])(
    'is undefined for %j (not a JWT of claims)',
    (token) => expect(jwtClaims(token)).toBeUndefined(),
  );
});

describe('operatorFromClaims', () => {
  it.each([
    [
      { upn: 'alice@contoso.com', unique_name: 'x', oid: 'o' },
      { name: 'alice@contoso.com', kind: 'user' },
    ],
    [{ unique_name: 'bob@contoso.com' }, { name: 'bob@contoso.com', kind: 'user' }],
    [{ preferred_username: 'carol@contoso.com' }, { name: 'carol@contoso.com', kind: 'user' }],
    [{ unique_name: 'live.com#dave@outlook.com' }, { name: 'dave@outlook.com', kind: 'user' }],
    [
      { upn: 'erin_fabrikam.com#EXT#@contoso.onmicrosoft.com' },
      { name: 'erin@fabrikam.com', kind: 'user', detail: 'guest' },
    ],
    [
      { appid: '11111111-2222-3333-4444-555555555555', oid: 'o', idtyp: 'app' },
      { name: 'app 11111111-2222-3333-4444-555555555555', kind: 'app' },
    ],
    [
      { azp: 'aaaa', app_displayname: 'deploy-bot' },
      { name: 'deploy-bot (app aaaa)', kind: 'app' },
    ],
    [
      { oid: '99999999-0000-0000-0000-000000000000' },
      { name: 'object 99999999-0000-0000-0000-000000000000', kind: 'app' },
    ],
    [
      { sub: 'system:serviceaccount:ci:deployer' },
      { name: 'system:serviceaccount:ci:deployer', kind: 'kube-user' },
    ],
  ])('%j → %j', (claims, operator) => expect(operatorFromClaims(claims)).toEqual(operator));

  it('names nobody from claims that name nobody', () => {
    expect(operatorFromClaims({ aud: 'x', upn: '' })).toBeUndefined();
  });
});

describe('operatorFromKube', () => {
  it('the API server first, the kubeconfig entry as the detail when different', () => {
    expect(operatorFromKube('alice@contoso.com', 'clusterUser_rg_aks')).toEqual({
      name: 'alice@contoso.com',
      kind: 'kube-user',
      detail: 'kubeconfig clusterUser_rg_aks',
    });
    expect(operatorFromKube('admin', 'admin')).toEqual({ name: 'admin', kind: 'kube-user' });
    expect(operatorFromKube(undefined, 'dev')).toEqual({
      name: 'dev',
      kind: 'kube-user',
      detail: 'kubeconfig',
    });
    expect(operatorFromKube(undefined, undefined)).toBeUndefined();
  });
});
