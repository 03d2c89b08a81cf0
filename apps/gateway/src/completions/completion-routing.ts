import { DomainError } from '#libs/contracts';
import { ConfigProblem, planFromConfig, type Plan, type PlanTarget } from '#libs/routing';
import type { DataPlaneDirectory } from './data-plane-directory.js';

type Headers = Record<string, string | string[] | undefined>;
const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h) || undefined;

export interface Routing {
  plan: Plan;
  configSlug: string | null;
  customHost: string | null;
}

const badRouting = (message: string) => new DomainError('COMPLETIONS.ROUTING', message, 400, { errorCode: 'AB01' });

/**
 * Where a call goes, from `x-portkey-config` (slug or inline JSON), `x-portkey-virtual-key`,
 * `x-portkey-provider` (`@slug`, or a provider name with the caller's own `Authorization`) and
 * `x-portkey-custom-host`. Stored configs come from the directory (cached per workspace).
 */
export async function routingFrom(headers: Headers, orgId: string, workspaceId: string, directory: DataPlaneDirectory, requestId: string): Promise<Routing> {
  const virtualKey = one(headers['x-portkey-virtual-key']);
  const provider = one(headers['x-portkey-provider']);
  const customHost = one(headers['x-portkey-custom-host']) ?? null;
  const bearer = one(headers.authorization)?.replace(/^Bearer\s+/i, '') ?? null;
  const base: Partial<PlanTarget> = {
    providerRef: virtualKey ?? (provider?.startsWith('@') ? provider : null),
    provider: provider && !provider.startsWith('@') ? provider : null,
    apiKey: provider && !provider.startsWith('@') ? bearer : null,
    customHost,
  };
  const configHeader = one(headers['x-portkey-config']);
  let config: unknown = {};
  let configSlug: string | null = null;
  if (configHeader) {
    if (configHeader.trim().startsWith('{')) {
      try {
        config = JSON.parse(configHeader);
      } catch {
        throw badRouting('x-portkey-config is neither a config slug nor valid JSON');
      }
    } else {
      const found = await directory.config(orgId, workspaceId, configHeader, requestId).catch((error: unknown) => {
        if (error instanceof DomainError && error.status < 500) throw new DomainError('COMPLETIONS.CONFIG_NOT_FOUND', `config ${configHeader} was not found in this workspace`, 403, { errorCode: 'AB03' });
        throw error;
      });
      configSlug = found.slug;
      config = JSON.parse(found.config);
    }
  } else if (!base.providerRef && !base.provider) {
    throw badRouting('name where the call goes: x-portkey-virtual-key, x-portkey-provider or x-portkey-config');
  }
  try {
    return { plan: planFromConfig(config, base), configSlug, customHost };
  } catch (error) {
    if (error instanceof ConfigProblem) throw badRouting(`x-portkey-config: ${error.message}`);
    throw error;
  }
}

/** `x-portkey-metadata`: a flat map of strings (anything else is refused, not guessed at). */
export function metadataFrom(headers: Headers): Record<string, string> {
  const raw = one(headers['x-portkey-metadata']);
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRouting('x-portkey-metadata must be a JSON object');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRouting('x-portkey-metadata must be a JSON object');
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).slice(0, 64).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
