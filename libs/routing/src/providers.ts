/**
 * Provider adapters: where a call goes and how it is authenticated. OpenAI-compatible upstreams
 * differ only in base URL; Azure OpenAI puts the deployment in the path and the key in `api-key`;
 * Anthropic speaks its Messages API (see anthropic.ts).
 */
export type Route = 'chat.completions' | 'completions' | 'embeddings';

export interface ResolvedTarget {
  aiProvider: string;
  apiKey: string | null;
  /** Overrides the provider's base URL (`x-portkey-custom-host`, the provider's `custom_host`). */
  customHost: string | null;
  configurations: Record<string, unknown>;
}

export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** The answer must be translated back (anthropic → OpenAI shape). */
  dialect: 'openai' | 'anthropic';
}

export const OPENAI_COMPATIBLE_BASE_URLS: Record<string, string> = {
  openai: 'https://api.openai.com/v1',
  groq: 'https://api.groq.com/openai/v1',
  'together-ai': 'https://api.together.xyz/v1',
  'mistral-ai': 'https://api.mistral.ai/v1',
  deepseek: 'https://api.deepseek.com/v1',
  openrouter: 'https://openrouter.ai/api/v1',
  'fireworks-ai': 'https://api.fireworks.ai/inference/v1',
  perplexity: 'https://api.perplexity.ai',
  'x-ai': 'https://api.x.ai/v1',
  ollama: 'http://127.0.0.1:11434/v1',
  vllm: 'http://127.0.0.1:8000/v1',
};

const PATHS: Record<Route, string> = { 'chat.completions': '/chat/completions', completions: '/completions', embeddings: '/embeddings' };

export class UnsupportedProvider extends Error {}

const trim = (url: string) => url.replace(/\/+$/, '');

export function buildUpstreamRequest(target: ResolvedTarget, route: Route, body: Record<string, unknown>, toAnthropic: (b: Record<string, unknown>) => Record<string, unknown>): UpstreamRequest {
  const provider = target.aiProvider;
  if (provider === 'anthropic') {
    if (route !== 'chat.completions') throw new UnsupportedProvider(`anthropic supports chat completions only (not ${route})`);
    const base = trim(target.customHost ?? 'https://api.anthropic.com/v1');
    return {
      url: `${base}/messages`,
      headers: { 'content-type': 'application/json', 'x-api-key': target.apiKey ?? '', 'anthropic-version': String(target.configurations.anthropic_version ?? '2023-06-01') },
      body: toAnthropic(body),
      dialect: 'anthropic',
    };
  }
  if (provider === 'azure-openai') {
    const c = target.configurations;
    const resource = c.azure_resource_name ?? c.resource_name;
    const deployment = c.azure_deployment_id ?? c.deployment_id ?? (Array.isArray(c.azure_deployment_config) ? (c.azure_deployment_config[0] as Record<string, unknown>)?.azure_deployment_name : undefined);
    const version = c.azure_api_version ?? c.api_version ?? '2024-06-01';
    const base = target.customHost ? trim(target.customHost) : `https://${String(resource)}.openai.azure.com/openai`;
    if (!target.customHost && !resource) throw new UnsupportedProvider('azure-openai needs azure_resource_name');
    return {
      url: `${base}/deployments/${encodeURIComponent(String(deployment ?? body.model ?? ''))}${PATHS[route]}?api-version=${encodeURIComponent(String(version))}`,
      headers: { 'content-type': 'application/json', 'api-key': target.apiKey ?? '' },
      body,
      dialect: 'openai',
    };
  }
  const base = target.customHost ?? OPENAI_COMPATIBLE_BASE_URLS[provider];
  if (!base) throw new UnsupportedProvider(`provider ${provider} needs a custom host`);
  return {
    url: `${trim(base)}${PATHS[route]}`,
    headers: { 'content-type': 'application/json', ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}) },
    body,
    dialect: 'openai',
  };
}
