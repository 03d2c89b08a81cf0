import { Controller, Injectable, type DynamicModule, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { dependantsSubjects, type DependantsCount, type RequestContext, type WorkspaceDependantsRequest } from '#libs/contracts';
import { RpcCaller, RpcPayload } from './decorators.js';

/** One kind of workspace-scoped resource a service owns (API keys, configs, prompts …). */
export interface WorkspaceResourceKind {
  /** Shown in the 409 that names what is left ("API keys", "configs"). */
  label: string;
  count(orgId: string, workspaceId: string): Promise<number>;
  /** Removes them all (forced workspace deletion); returns the position of the last append. */
  remove(orgId: string, workspaceId: string, context: RequestContext): Promise<number>;
}

/** Where a service's modules register the workspace-scoped resources they own. */
@Injectable()
export class WorkspaceDependants {
  private readonly kinds: WorkspaceResourceKind[] = [];

  register(kind: WorkspaceResourceKind): void {
    this.kinds.push(kind);
  }

  async count(service: string, request: WorkspaceDependantsRequest): Promise<DependantsCount> {
    const counts = await Promise.all(this.kinds.map(async (k) => [k.label, await k.count(request.orgId, request.workspaceId)] as const));
    const kinds = Object.fromEntries(counts.filter(([, n]) => n > 0));
    return { service, count: counts.reduce((n, [, c]) => n + c, 0), kinds };
  }

  async remove(request: WorkspaceDependantsRequest, context: RequestContext): Promise<{ data: Record<string, never>; position: number }> {
    let position = 0;
    // One kind after another: a later kind may refer to an earlier one (a config to a provider).
    for (const kind of this.kinds) position = Math.max(position, await kind.remove(request.orgId, request.workspaceId, context));
    return { data: {}, position };
  }
}

/** Answers `<service>.workspaceDependants.count|remove` from the registered kinds. */
export function workspaceDependantsControllerFor(service: string) {
  const subjects = dependantsSubjects(service);
  @Controller()
  class WorkspaceDependantsMessageController {
    constructor(private readonly dependants: WorkspaceDependants) {}

    @MessagePattern(subjects.count)
    count(@RpcPayload() request: WorkspaceDependantsRequest) {
      return this.dependants.count(service, request);
    }

    @MessagePattern(subjects.remove)
    remove(@RpcPayload() request: WorkspaceDependantsRequest, @RpcCaller() caller: RequestContext) {
      return this.dependants.remove(request, caller);
    }
  }
  return WorkspaceDependantsMessageController;
}

/** The registry (global) and its controller, for a service owning workspace-scoped resources. */
@Module({})
export class WorkspaceDependantsModule {
  static forService(service: string): DynamicModule {
    return {
      module: WorkspaceDependantsModule,
      global: true,
      controllers: [workspaceDependantsControllerFor(service)],
      providers: [WorkspaceDependants],
      exports: [WorkspaceDependants],
    };
  }
}
