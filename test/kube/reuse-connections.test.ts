import { describe, expect, it } from 'vitest';
import { settingsKey } from '../../src/kube/reuse-connections.js';

const cluster = { name: 'c', server: 'https://10.0.0.1:443', caData: 'QUJD' };
const options = (ca: string, extra: object = {}) => ({
  ca: Buffer.from(ca),
  cert: Buffer.from('cert'),
  key: Buffer.from('key'),
  ...extra,
});

describe('settingsKey (one connection pool per distinct TLS setting)', () => {
  it('is the same for equal settings decoded afresh, whatever the order of their keys', () => {
    expect(settingsKey([cluster, options('ca-1')])).toBe(
      settingsKey([
        { ...cluster },
        { key: Buffer.from('key'), cert: Buffer.from('cert'), ca: Buffer.from('ca-1') },
      ]),
    );
  });

  it('differs when the CA, the certificate, the server or a flag differs', () => {
    const base = settingsKey([cluster, options('ca-1')]);
    expect(settingsKey([cluster, options('ca-2')])).not.toBe(base);
    expect(settingsKey([cluster, options('ca-1', { cert: Buffer.from('cert2') })])).not.toBe(base);
    expect(settingsKey([{ ...cluster, server: 'https://10.0.0.2' }, options('ca-1')])).not.toBe(
      base,
    );
    expect(settingsKey([cluster, options('ca-1', { rejectUnauthorized: false })])).not.toBe(base);
  });

  it('tells a Buffer from the same bytes as a string, and a value from a nested one', () => {
    expect(settingsKey([{ ca: Buffer.from('x') }])).not.toBe(settingsKey([{ ca: 'x' }]));
    expect(settingsKey([{ a: 'b' }])).not.toBe(settingsKey([{ a: ['b'] }]));
    expect(settingsKey([{ a: 1, b: 2 }])).not.toBe(settingsKey([{ a: 12 }]));
  });

  it('leaves undefined options out, as JSON did', () => {
    expect(settingsKey([{ a: 1, b: undefined }])).toBe(settingsKey([{ a: 1 }]));
  });
});
