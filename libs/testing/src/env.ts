/** Reads a variable the test runner (deploy/local/test.mjs) sets; fails loudly when it is missing. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the suite with \`npm test\`, which starts the infrastructure and sets it`);
  }
  return value;
}
