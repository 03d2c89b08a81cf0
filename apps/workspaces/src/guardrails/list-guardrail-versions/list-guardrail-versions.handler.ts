import { Inject, Injectable } from '@nestjs/common';
import { pageOf, type GuardrailView, type ListGuardrailVersionsRequest, type ListResponse, type RequestContext } from '#libs/contracts';
import { toGuardrailView, type GuardrailVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { GuardrailAccess } from '../guardrail-access.js';

/** Ours: GET /guardrails/{id}/versions, newest first, each as `?version=N` shows it. */
@Injectable()
export class ListGuardrailVersionsHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly access: GuardrailAccess,
  ) {}

  async execute(request: ListGuardrailVersionsRequest, context: RequestContext): Promise<ListResponse<GuardrailView>> {
    const { doc } = await this.access.authorised(request.ref, 'read', context);
    const { skip, limit } = pageOf(request.query.page_size, request.query.current_page);
    const { total, docs } = await this.projections
      .collection<GuardrailVersionDoc>('guardrail_versions')
      .find('byGuardrail', { eq: { guardrailId: doc._id }, reverse: true, skip, limit });
    return { object: 'list', total, data: docs.map((v) => toGuardrailView(doc, v)) };
  }
}
