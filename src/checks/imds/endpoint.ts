import type { Endpoint } from '../netpol/peers.js';
import type { Connection } from '../netpol/ports.js';

/** The instance metadata endpoint of Azure (and of most clouds). */
export const IMDS_ADDRESS = '169.254.169.254';
/** The endpoint as a one-address block, the form an `except` entry takes. */
export const IMDS_CIDR = `${IMDS_ADDRESS}/32`;
/** The same block written as IPv4-mapped IPv6: the only except an IPv4-mapped block accepts for it. */
export const IMDS_MAPPED_CIDR = `::ffff:${IMDS_ADDRESS}/128`;

/** The endpoint as a destination: an address outside the cluster, never a pod or a node. */
export const IMDS_ENDPOINT: Endpoint = { kind: 'address', address: IMDS_ADDRESS };

/** It answers plain HTTP on TCP 80 only ("HTTP only and never leaves the host"). */
export const IMDS_CONNECTION: Connection = { protocol: 'TCP', port: 80 };

/** `169.254.169.254:80/TCP`, as messages write it. */
export const IMDS_TARGET = `${IMDS_ADDRESS}:80/TCP`;
