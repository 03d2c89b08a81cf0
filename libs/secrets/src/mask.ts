/**
 * The display form of a credential: enough to recognise it, never enough to use it. Long keys
 * keep 4 characters at each end, shorter ones 2, very short ones (and non-strings) none.
 */
export function maskSecret(secret: unknown): string {
  if (typeof secret !== 'string') return '*****';
  if (secret.length >= 20) return `${secret.slice(0, 4)}*****${secret.slice(-4)}`;
  if (secret.length >= 10) return `${secret.slice(0, 2)}*****${secret.slice(-2)}`;
  return '*****';
}
