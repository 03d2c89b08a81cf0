/** Stream names of the keys service. */
export const Streams = {
  apiKey: (keyId: string) => `apiKey-${keyId}`,
};
