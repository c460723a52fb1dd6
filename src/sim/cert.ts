import { generate } from 'selfsigned';

/** A certificate authority and a server certificate it signed, all PEM, made fresh for one run. */
export interface SimCertificates {
  caCert: string;
  /** The CA's private key: it signs the client certificates AKS hands out. */
  caKey: string;
  cert: string;
  key: string;
}

/** A client certificate and its key (PEM). */
export interface ClientCertificate {
  cert: string;
  key: string;
}

/** Makes a throwaway CA and a 127.0.0.1/localhost server certificate signed by it. */
export async function makeCertificates(): Promise<SimCertificates> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + 7 * 24 * 3600_000);
  const ca = await generate([{ name: 'commonName', value: 'aks-runbook simulator CA' }], {
    algorithm: 'sha256',
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        cRLSign: true,
        digitalSignature: true,
        critical: true,
      },
    ],
  });
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    algorithm: 'sha256',
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { caCert: ca.cert, caKey: ca.private, cert: server.cert, key: server.private };
}

/**
 * A client certificate signed by the simulator's CA: the API server takes its common name as the
 * user and its organizations as the groups (AKS's `masterclient` in `system:masters`).
 */
export async function issueClientCertificate(
  certificates: SimCertificates,
  user: string,
  groups: string[],
): Promise<ClientCertificate> {
  const client = await generate(
    [
      { name: 'commonName', value: user },
      ...groups.map((value) => ({ name: 'organizationName', value })),
    ],
    {
      algorithm: 'sha256',
      keyType: 'ec',
      curve: 'P-256',
      notBeforeDate: new Date(Date.now() - 60_000),
      notAfterDate: new Date(Date.now() + 7 * 24 * 3600_000),
      ca: { key: certificates.caKey, cert: certificates.caCert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    },
  );
  return { cert: client.cert, key: client.private };
}
