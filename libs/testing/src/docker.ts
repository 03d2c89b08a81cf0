import { request } from 'node:http';
import { existsSync } from 'node:fs';

export interface DockerAvailability {
  available: boolean;
  reason: string;
}

/** Asks the Docker engine for `/_ping`; testcontainers suites skip, saying why, when none answers. */
export async function dockerAvailability(timeoutMs = 2000): Promise<DockerAvailability> {
  const host = process.env.DOCKER_HOST;
  const socketPath = host?.startsWith('unix://') ? host.slice('unix://'.length) : host ? undefined : '/var/run/docker.sock';
  if (socketPath && !existsSync(socketPath)) {
    return { available: false, reason: `no Docker engine is running (no socket at ${socketPath})` };
  }
  const target = socketPath ? { socketPath } : new URL(host!.replace(/^tcp:/, 'http:'));
  return new Promise((resolve) => {
    const req = request(
      { ...(socketPath ? { socketPath } : { host: (target as URL).hostname, port: (target as URL).port }), path: '/_ping', timeout: timeoutMs },
      (res) => {
        res.resume();
        resolve(
          res.statusCode === 200
            ? { available: true, reason: 'Docker engine answered /_ping' }
            : { available: false, reason: `the Docker engine answered /_ping with ${res.statusCode}` },
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ available: false, reason: `no Docker engine answers (${error.message})` }));
    req.end();
  });
}
