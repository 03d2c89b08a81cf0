import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CreateLabelBody, LabelsSubjects, LibraryRefRequest, ListLabelsQuery, UpdateLabelRequest, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreateLabelHandler } from './create-label/create-label.handler.js';
import { DeleteLabelHandler } from './delete-label/delete-label.handler.js';
import { GetLabelHandler } from './get-label/get-label.handler.js';
import { ListLabelsHandler } from './list-labels/list-labels.handler.js';
import { UpdateLabelHandler } from './update-label/update-label.handler.js';

@Controller()
export class LabelsMessageController {
  constructor(
    private readonly createLabel: CreateLabelHandler,
    private readonly listLabels: ListLabelsHandler,
    private readonly getLabel: GetLabelHandler,
    private readonly updateLabel: UpdateLabelHandler,
    private readonly deleteLabel: DeleteLabelHandler,
  ) {}

  @MessagePattern(LabelsSubjects.create)
  create(@RpcPayload() body: CreateLabelBody, @RpcCaller() caller: RequestContext) {
    return this.createLabel.execute(body, caller);
  }

  @MessagePattern(LabelsSubjects.list)
  list(@RpcPayload() query: ListLabelsQuery, @RpcCaller() caller: RequestContext) {
    return this.listLabels.execute(query, caller);
  }

  @MessagePattern(LabelsSubjects.get)
  get(@RpcPayload() request: LibraryRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getLabel.execute(request.ref, caller);
  }

  @MessagePattern(LabelsSubjects.update)
  update(@RpcPayload() request: UpdateLabelRequest, @RpcCaller() caller: RequestContext) {
    return this.updateLabel.execute(request, caller);
  }

  @MessagePattern(LabelsSubjects.delete)
  delete(@RpcPayload() request: LibraryRefRequest, @RpcCaller() caller: RequestContext) {
    return this.deleteLabel.execute(request.ref, caller);
  }
}
