import { describe, expect, it } from '@jest/globals';
import { clientIp } from './client-ip.js';

describe('clientIp', () => {
  it('is the socket peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientIp('198.51.100.7', '1.2.3.4', ['loopback'])).toBe('198.51.100.7');
  });
  it('is the right-most untrusted X-Forwarded-For hop behind a trusted proxy', () => {
    expect(clientIp('127.0.0.1', '6.6.6.6, 203.0.113.5, 10.0.0.2', ['loopback', '10.0.0.2'])).toBe('203.0.113.5');
  });
  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(clientIp('::ffff:192.0.2.1', undefined, [])).toBe('192.0.2.1');
  });
  it('ignores garbage in X-Forwarded-For', () => {
    expect(clientIp('::1', 'not-an-ip, 192.0.2.9', ['loopback'])).toBe('192.0.2.9');
    expect(clientIp('::1', 'not-an-ip', ['loopback'])).toBe('::1');
  });
});
