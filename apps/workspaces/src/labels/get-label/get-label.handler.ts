import { Injectable } from '@nestjs/common';
import type { LabelView, RequestContext } from '#libs/contracts';
import { toLabelView } from '#libs/projections';
import { LabelLookup } from '../label-lookup.js';

/** GET /labels/{id}. */
@Injectable()
export class GetLabelHandler {
  constructor(private readonly lookup: LabelLookup) {}

  async execute(ref: string, context: RequestContext): Promise<LabelView> {
    return toLabelView(await this.lookup.label(ref, context));
  }
}
