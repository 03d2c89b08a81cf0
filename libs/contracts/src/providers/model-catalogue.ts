/**
 * The models an integration of a known AI provider offers before anyone lists any: Portkey shows
 * each provider's catalogue under `/integrations/{slug}/models`, enabled while `allow_all_models`
 * holds, and an entry PUT for one of them overrides it. Custom and fine-tuned models are added
 * on top. Kept short on purpose: the providers' flagship chat and embedding models.
 */
export const MODEL_CATALOGUE: Readonly<Record<string, readonly string[]>> = {
  openai: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'o3-mini', 'text-embedding-3-small', 'text-embedding-3-large'],
  'azure-openai': ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small'],
  anthropic: ['claude-3-5-sonnet-latest', 'claude-3-5-haiku-latest', 'claude-3-7-sonnet-latest'],
  groq: ['llama-3.3-70b-versatile', 'llama-3.1-8b-instant'],
  'mistral-ai': ['mistral-large-latest', 'mistral-small-latest', 'mistral-embed'],
  'together-ai': ['meta-llama/Llama-3.3-70B-Instruct-Turbo', 'mistralai/Mixtral-8x7B-Instruct-v0.1'],
  deepseek: ['deepseek-chat', 'deepseek-reasoner'],
  openrouter: ['openai/gpt-4o', 'anthropic/claude-3.5-sonnet'],
  'fireworks-ai': ['accounts/fireworks/models/llama-v3p1-70b-instruct'],
  google: ['gemini-1.5-pro', 'gemini-1.5-flash', 'gemini-2.0-flash'],
  'vertex-ai': ['gemini-1.5-pro', 'gemini-1.5-flash'],
  bedrock: ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'amazon.titan-embed-text-v2:0'],
};

export function catalogueModels(aiProviderId: string): readonly string[] {
  return MODEL_CATALOGUE[aiProviderId] ?? [];
}
