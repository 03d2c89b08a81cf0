import { isIP } from 'node:net';

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

export function normaliseIp(ip: string | undefined): string {
  if (!ip) return '';
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy, in which case
 * the right-most `X-Forwarded-For` entry that is not itself a trusted proxy. An untrusted
 * peer cannot spoof its address with the header.
 */
export function clientIp(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: readonly string[]): string {
  const trustedSet = new Set(trusted.flatMap((t) => (t === 'loopback' ? LOOPBACK : [normaliseIp(t)])));
  const peer = normaliseIp(remoteAddress);
  if (!trustedSet.has(peer) || !forwardedFor) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((h) => normaliseIp(h.trim()))
    .filter((h) => isIP(h) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedSet.has(hops[i]!)) return hops[i]!;
  return hops[0] ?? peer;
}
