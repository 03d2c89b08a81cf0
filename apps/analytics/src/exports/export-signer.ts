import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Signs download URLs of exports: HMAC-SHA-256 over export id, owner key id and expiry, with a
 * key generated into the data directory (`PORTCULLIS_EXPORT_SIGNING_KEY` overrides it).
 */
export class ExportSigner {
  private readonly key: Buffer;

  constructor(dataDir: string, configured = process.env.PORTCULLIS_EXPORT_SIGNING_KEY) {
    if (configured) {
      this.key = Buffer.from(configured, 'utf8');
      return;
    }
    const path = join(dataDir, 'analytics', 'export-signing-key');
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    }
    this.key = Buffer.from(readFileSync(path, 'utf8').trim(), 'utf8');
  }

  sign(exportId: string, ownerKeyId: string, expiresMs: number): string {
    return createHmac('sha256', this.key).update(`${exportId}\n${ownerKeyId}\n${expiresMs}`).digest('base64url');
  }

  verify(exportId: string, ownerKeyId: string, expiresMs: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(exportId, ownerKeyId, expiresMs));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
