import { createHash } from 'node:crypto';
import type { EventStore, NewEvent } from '#libs/event-store';
import { deterministicEventId } from '#libs/event-store';
import { generateKey, keyDigest, maskKey } from '../../apps/keys/src/api-keys/domain/key-material.js';

export interface SyntheticOrgOptions {
  orgId: string;
  workspaces: number;
  members: number;
  keys: number;
  invites?: number;
  /** Digests are real HMACs of generated secrets under this pepper (the keys can be used). */
  pepper?: string;
  /** Also emit updates, role changes and deletions (read-model tests). */
  churn?: boolean;
  /** Start of the synthetic clock (ms since the epoch). */
  startMs?: number;
  /** Providers (a third of them virtual keys) over organisation, workspace and private integrations. */
  providers?: number;
}

export interface SyntheticOrg {
  workspaceIds: string[];
  userIds: string[];
  /** Usable secrets of a sample of the keys (about 2,000 of them when a pepper is given). */
  secrets: Array<{ keyId: string; secret: string; workspaceId: string | null; type: string }>;
  appends: number;
}

const uuid = (seed: string) => deterministicEventId(seed, 0);
const pick = <T>(list: T[], i: number) => list[i % list.length]!;

/**
 * An organisation at scale, as the services would have recorded it: members, workspaces,
 * memberships, keys and invites appended straight to the event store (16 appends in flight).
 * Deterministic for a given `orgId`, so tests can compare engines on the same data.
 */
export async function seedSyntheticOrg(store: EventStore, options: SyntheticOrgOptions, onProgress?: (done: number) => void): Promise<SyntheticOrg> {
  const { orgId } = options;
  const start = options.startMs ?? Date.parse('2026-01-01T00:00:00.000Z');
  // Several events share a timestamp now and then: lists must break ties by id on every engine.
  let clock = 0;
  const at = () => new Date(start + Math.floor(clock++ / 3) * 1000).toISOString();
  // Phases in causal order (members before their memberships …); appends within a phase run in parallel.
  const phases: Array<Array<[string, NewEvent[]]>> = [[], [], [], [], [], []];
  let phase = 0;
  const appends = { push: (a: [string, NewEvent[]]) => phases[phase]!.push(a) };
  const event = (stream: string, type: string, data: unknown, i = 0): NewEvent => ({ id: uuid(`${stream}:${type}:${i}`), type, data, metadata: { orgId } });
  const roles = ['owner', 'admin', 'member', 'member', 'member'] as const;
  const wsRoles = ['admin', 'manager', 'member', 'member'] as const;

  const userIds = Array.from({ length: options.members }, (_, i) => uuid(`${orgId}:user:${i}`));
  const memberEvents = userIds.map((userId, i) =>
    event(`org-${orgId}`, 'OrgMemberAdded', { orgId, userId, email: `user${i}@${orgId.slice(0, 8)}.example`, firstName: `First${i}`, lastName: `Last${i % 97}`, role: pick([...roles], i), at: at() }, i),
  );
  // One organisation stream: appended in chunks so no single append is huge.
  for (let i = 0; i < memberEvents.length; i += 200) appends.push([`org-${orgId}`, memberEvents.slice(i, i + 200)]);

  phase = 1;
  const workspaceIds = Array.from({ length: options.workspaces }, (_, i) => uuid(`${orgId}:ws:${i}`));
  workspaceIds.forEach((workspaceId, i) => {
    const created = {
      workspaceId,
      orgId,
      slug: `ws-synth${i}-${createHash('sha1').update(workspaceId).digest('hex').slice(0, 6)}`,
      name: `Workspace ${i % 7 === 0 ? 'Alpha' : 'Beta'} ${i}`,
      description: null,
      icon: null,
      defaults: null,
      usageLimits: null,
      rateLimits: null,
      isDefault: i === 0,
      createdBy: pick(userIds, 0),
      creationSource: 'api',
      at: at(),
    };
    const events = [event(`workspace-${workspaceId}`, 'WorkspaceCreated', created)];
    if (options.churn && i % 5 === 4) events.push(event(`workspace-${workspaceId}`, 'WorkspaceUpdated', { workspaceId, orgId, changes: { status: 'archived' }, at: at() }, 1));
    appends.push([`workspace-${workspaceId}`, events]);
  });
  phase = 2;
  // Every member joins one workspace (round robin), in chunks per workspace stream.
  const joins = new Map<string, NewEvent[]>();
  userIds.forEach((userId, i) => {
    const workspaceId = pick(workspaceIds, i);
    const list = joins.get(workspaceId) ?? [];
    list.push(event(`workspace-${workspaceId}`, 'WorkspaceMemberAdded', { workspaceId, orgId, userId, role: pick([...wsRoles], i), at: at() }, 10 + i));
    if (options.churn && i % 11 === 3) list.push(event(`workspace-${workspaceId}`, 'WorkspaceMemberRoleChanged', { workspaceId, orgId, userId, role: 'admin', previousRole: pick([...wsRoles], i), at: at() }, 10 + i + 0.5));
    if (options.churn && i % 13 === 5) list.push(event(`workspace-${workspaceId}`, 'WorkspaceMemberRemoved', { workspaceId, orgId, userId, at: at() }, 10 + i + 0.7));
    joins.set(workspaceId, list);
  });
  for (const [workspaceId, list] of joins) for (let i = 0; i < list.length; i += 200) appends.push([`workspace-${workspaceId}`, list.slice(i, i + 200)]);

  phase = 3;
  const secrets: SyntheticOrg['secrets'] = [];
  // Whole runs of ten keys, so the sample holds every key type (types cycle with i % 10).
  const keepSecret = (i: number) => options.keys <= 2_000 || Math.floor(i / 10) % Math.ceil(options.keys / 2_000) === 0;
  for (let i = 0; i < options.keys; i++) {
    const keyId = uuid(`${orgId}:key:${i}`);
    const type = i % 10 === 0 ? 'organisation-service' : i % 10 < 3 ? 'workspace-user' : 'workspace-service';
    const workspaceId = type === 'organisation-service' ? null : pick(workspaceIds, i);
    const userId = type === 'workspace-user' ? pick(userIds, Math.floor(i / 3) * workspaceIds.length + (i % workspaceIds.length)) : null;
    const secret = options.pepper ? generateKey(type, keyId) : undefined;
    const created = {
      keyId,
      orgId,
      workspaceId,
      userId,
      type,
      name: `key ${i}`,
      scopes: type === 'organisation-service' ? ['workspaces.list', 'workspaces.read'] : ['workspaces.read'],
      description: null,
      rateLimits: null,
      usageLimits: null,
      defaults: null,
      alertEmails: null,
      expiresAt: null,
      rotationPolicy: null,
      digest: secret ? keyDigest(options.pepper!, secret) : createHash('sha256').update(keyId).digest('hex'),
      masked: secret ? maskKey(secret) : `pc_syn*****${i % 10_000}`,
      creationMode: 'api',
      createdBy: pick(userIds, 0),
      at: at(),
    };
    const events = [event(`apiKey-${keyId}`, 'ApiKeyCreated', created)];
    if (options.churn && i % 7 === 2) events.push(event(`apiKey-${keyId}`, 'ApiKeyUpdated', { keyId, orgId, workspaceId, changes: { name: `renamed ${i}` }, at: at() }, 1));
    if (options.churn && i % 9 === 4) events.push(event(`apiKey-${keyId}`, 'ApiKeyDeleted', { keyId, orgId, workspaceId, userId, reason: 'deleted', digests: [created.digest], at: at() }, 2));
    appends.push([`apiKey-${keyId}`, events]);
    if (secret && keepSecret(i)) secrets.push({ keyId, secret, workspaceId, type });
  }
  phase = 4;
  for (let i = 0; i < (options.invites ?? 0); i++) {
    const inviteId = uuid(`${orgId}:invite:${i}`);
    const created = {
      inviteId,
      orgId,
      email: `invitee${i % 50}@example.com`,
      role: i % 3 ? 'member' : 'admin',
      workspaces: [{ id: pick(workspaceIds, i), role: 'member' }],
      scopes: null,
      invitedBy: pick(userIds, 0),
      tokenHash: createHash('sha256').update(inviteId).digest('hex'),
      expiresAt: new Date(start + (i % 2 ? 1 : 400) * 86_400_000).toISOString(),
      at: at(),
    };
    const events = [event(`invite-${inviteId}`, 'InviteCreated', created)];
    if (options.churn && i % 4 === 1) events.push(event(`invite-${inviteId}`, 'InviteCancelled', { inviteId, orgId, at: at() }, 1));
    appends.push([`invite-${inviteId}`, events]);
  }

  phase = 5;
  seedProviders(options, workspaceIds, at, event, appends);

  let done = 0;
  for (const batch of phases) {
    // One stream's appends stay in order on one worker: concurrent appends to a single stream
    // would only race for its revision.
    const byStream = new Map<string, NewEvent[][]>();
    for (const [stream, events] of batch) byStream.set(stream, [...(byStream.get(stream) ?? []), events]);
    const work = [...byStream];
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < work.length; i = next++) {
          const [stream, chunks] = work[i]!;
          for (const events of chunks) {
            await store.append(stream, events);
            if (++done % 1_000 === 0) onProgress?.(done);
          }
        }
      }),
    );
  }
  return { workspaceIds, userIds, secrets, appends: done };
}

/**
 * Integrations (organisation and workspace ones, with models and workspace access) and providers
 * over them; every third provider is a virtual key over a private integration of its own. With
 * churn: updates, model changes, deletions.
 */
function seedProviders(
  options: SyntheticOrgOptions,
  workspaceIds: string[],
  at: () => string,
  event: (stream: string, type: string, data: unknown, i?: number) => NewEvent,
  appends: { push: (a: [string, NewEvent[]]) => void },
): void {
  const { orgId } = options;
  const count = options.providers ?? 0;
  const secrets = (i: number) => ({ key: { kid: 'synthetic', box: `v1.iv${i}.ct.tag` }, maskedKey: `sk-s*****${String(i).padStart(4, '0')}`, sealedConfigurations: {}, maskedConfigurations: {} });
  const shared: string[] = [];
  for (let i = 0; i < Math.ceil(count / 6); i++) {
    const integrationId = uuid(`${orgId}:integration:${i}`);
    const workspaceId = i % 3 === 2 ? pick(workspaceIds, i) : null;
    const stream = `integration-${integrationId}`;
    const base = { integrationId, orgId, workspaceId };
    const events = [
      event(stream, 'IntegrationCreated', { ...base, private: false, slug: `int-${i}`, name: `Integration ${i}`, aiProviderId: pick(['openai', 'anthropic', 'azure-openai'], i), description: null, configurations: { region: `r${i % 3}` }, secretMappings: null, ...secrets(i), createdBy: 'synthetic', at: at() }),
      event(stream, 'IntegrationModelsChanged', { ...base, allowAllModels: i % 2 === 0, models: [{ slug: `m${i}`, enabled: true, is_custom: false, is_finetune: false, base_model_slug: null, configurations: null, pricing_config: null }], at: at() }, 1),
    ];
    if (!workspaceId) {
      const access = workspaceIds.slice(0, 1 + (i % workspaceIds.length)).map((w, j) => ({ workspaceId: w, enabled: j % 2 === 0, usage_limits: [], rate_limits: [] }));
      events.push(event(stream, 'IntegrationWorkspaceAccessChanged', { integrationId, orgId, global: { enabled: i % 4 === 0, usage_limits: [], rate_limits: [] }, workspaces: access, removedWorkspaceIds: [], at: at() }, 2));
    }
    if (options.churn && i % 5 === 1) events.push(event(stream, 'IntegrationUpdated', { ...base, changes: { name: `Renamed ${i}` }, at: at() }, 3));
    if (options.churn && i % 7 === 6) {
      events.push(event(stream, 'IntegrationDeleted', { ...base, slug: `int-${i}`, private: false, accessWorkspaceIds: workspaceId ? [] : workspaceIds.slice(0, 1 + (i % workspaceIds.length)), reason: 'deleted', at: at() }, 4));
    } else shared.push(integrationId);
    appends.push([stream, events]);
  }
  for (let i = 0; i < count; i++) {
    const providerId = uuid(`${orgId}:provider:${i}`);
    const workspaceId = pick(workspaceIds, i);
    const virtualKey = i % 3 === 0 || !shared.length;
    let integrationId = shared.length ? pick(shared, i) : '';
    if (virtualKey) {
      integrationId = uuid(`${orgId}:private-integration:${i}`);
      appends.push([
        `integration-${integrationId}`,
        [event(`integration-${integrationId}`, 'IntegrationCreated', { integrationId, orgId, workspaceId, private: true, slug: `pvk-${integrationId}`, name: `vk ${i}`, aiProviderId: 'openai', description: null, configurations: {}, secretMappings: null, ...secrets(i), createdBy: 'synthetic', at: at() })],
      ]);
    }
    const stream = `provider-${providerId}`;
    const base = { providerId, orgId, workspaceId };
    const events = [
      event(stream, 'ProviderCreated', {
        ...base,
        slug: `provider-${i % 40}`,
        name: `Provider ${i}`,
        note: i % 2 ? null : `note ${i}`,
        integrationId,
        aiProviderId: 'openai',
        kind: virtualKey ? 'virtual-key' : 'provider',
        usageLimits: i % 4 ? null : { credit_limit: 10 + i, type: 'cost' },
        rateLimits: i % 5 ? [] : [{ type: 'requests', unit: 'rpm', value: 60 }],
        expiresAt: null,
        modelConfig: null,
        createdBy: 'synthetic',
        at: at(),
      }),
    ];
    if (options.churn && i % 4 === 1) events.push(event(stream, 'ProviderUpdated', { ...base, changes: { name: `Provider ${i} v2`, rate_limits: [{ type: 'tokens', unit: 'rph', value: 5 }] }, at: at() }, 1));
    if (options.churn && i % 9 === 7) events.push(event(stream, 'ProviderDeleted', { ...base, slug: `provider-${i % 40}`, integrationId, kind: virtualKey ? 'virtual-key' : 'provider', reason: 'deleted', at: at() }, 2));
    appends.push([stream, events]);
  }
}
