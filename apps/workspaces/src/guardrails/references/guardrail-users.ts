import { Inject, Injectable } from '@nestjs/common';
import type { RefUser } from '#libs/contracts';
import { guardrailToken, type ConfigDoc, type ConfigRefDoc, type GuardrailDoc, type WorkspaceDefaultRefsDoc, type WorkspaceDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';

const MAX_NAMED = 20;

/** Who still names a guardrail: configs (current versions) and workspace default guardrails. */
@Injectable()
export class GuardrailUsers {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async of(doc: GuardrailDoc): Promise<RefUser[]> {
    const refs = [doc._id, doc.slug];
    // A config or workspace changed a moment ago through another principal must be counted.
    await this.projections.catchUp();
    const { docs: refDocs } = await this.projections
      .collection<ConfigRefDoc>('config_refs')
      .find('byOrgRef', { eq: { orgId: doc.orgId, kind: 'guardrail', ref: refs }, limit: MAX_NAMED });
    const configs = await this.projections.collection<ConfigDoc>('configs').getMany([...new Set(refDocs.map((r) => r.configId))]);
    const defaults = this.projections.collection<WorkspaceDefaultRefsDoc>('workspace_default_refs');
    const naming = new Set<string>();
    for (const ref of refs) {
      const { docs } = await defaults.find('byOrg', { eq: { orgId: doc.orgId }, where: { guardrails: { $contains: guardrailToken(ref) } }, limit: MAX_NAMED });
      for (const d of docs) naming.add(d._id);
    }
    const workspaces = await this.projections.collection<WorkspaceDoc>('workspaces').getMany([...naming]);
    return [
      ...configs.map((c): RefUser => ({ type: 'config', id: c._id, name: c.slug })),
      ...workspaces.map((w): RefUser => ({ type: 'workspace', id: w._id, name: `${w.slug} (default guardrails)` })),
    ];
  }
}
