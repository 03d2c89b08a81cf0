import { Module } from '@nestjs/common';
import { CollectionsMessageController } from '../collections/collections.message.controller.js';
import { CreateCollectionHandler } from '../collections/create-collection/create-collection.handler.js';
import { DefaultCollections } from '../collections/default-collection.js';
import { DeleteCollectionHandler } from '../collections/delete-collection/delete-collection.handler.js';
import { GetCollectionHandler } from '../collections/get-collection/get-collection.handler.js';
import { ListCollectionsHandler } from '../collections/list-collections/list-collections.handler.js';
import { UpdateCollectionHandler } from '../collections/update-collection/update-collection.handler.js';
import { CreateLabelHandler } from '../labels/create-label/create-label.handler.js';
import { DeleteLabelHandler } from '../labels/delete-label/delete-label.handler.js';
import { GetLabelHandler } from '../labels/get-label/get-label.handler.js';
import { LabelLookup } from '../labels/label-lookup.js';
import { LabelsMessageController } from '../labels/labels.message.controller.js';
import { ListLabelsHandler } from '../labels/list-labels/list-labels.handler.js';
import { UpdateLabelHandler } from '../labels/update-label/update-label.handler.js';
import { CreatePartialHandler } from '../prompt-partials/create-partial/create-partial.handler.js';
import { DeletePartialHandler } from '../prompt-partials/delete-partial/delete-partial.handler.js';
import { GetPartialHandler } from '../prompt-partials/get-partial/get-partial.handler.js';
import { ListPartialVersionsHandler } from '../prompt-partials/list-partial-versions/list-partial-versions.handler.js';
import { ListPartialsHandler } from '../prompt-partials/list-partials/list-partials.handler.js';
import { PartialLookup } from '../prompt-partials/partial-lookup.js';
import { PartialsMessageController } from '../prompt-partials/partials.message.controller.js';
import { PublishPartialHandler } from '../prompt-partials/publish-partial/publish-partial.handler.js';
import { UpdatePartialHandler } from '../prompt-partials/update-partial/update-partial.handler.js';
import { CreatePromptHandler } from '../prompts/create-prompt/create-prompt.handler.js';
import { DeletePromptHandler } from '../prompts/delete-prompt/delete-prompt.handler.js';
import { GetPromptHandler } from '../prompts/get-prompt/get-prompt.handler.js';
import { LabelVersionHandler } from '../prompts/label-version/label-version.handler.js';
import { ListPromptsHandler } from '../prompts/list-prompts/list-prompts.handler.js';
import { ListVersionsHandler } from '../prompts/list-versions/list-versions.handler.js';
import { PromptLookup } from '../prompts/prompt-lookup.js';
import { PromptsMessageController } from '../prompts/prompts.message.controller.js';
import { PublishPromptHandler } from '../prompts/publish-prompt/publish-prompt.handler.js';
import { RenderPromptHandler } from '../prompts/render-prompt/render-prompt.handler.js';
import { UpdatePromptHandler } from '../prompts/update-prompt/update-prompt.handler.js';
import { WorkspaceLookup } from '../workspaces/workspace-lookup.js';
import { LibraryAccess } from './library-access.js';
import { LibraryDependants } from './library-dependants.js';
import { ProviderRefs, ProviderRefsMessageController } from './provider-refs.js';
import { RenderForCompletionHandler } from '../prompts/render-for-completion/render-for-completion.handler.js';

/**
 * The prompt library of a workspace: collections, prompts with immutable versions, partials and
 * labels, and prompt rendering. Runs inside the workspaces service, on its event store, read
 * models and messaging.
 */
@Module({
  controllers: [CollectionsMessageController, PromptsMessageController, PartialsMessageController, LabelsMessageController, ProviderRefsMessageController],
  providers: [
    WorkspaceLookup,
    LibraryAccess,
    LibraryDependants,
    ProviderRefs,
    DefaultCollections,
    CreateCollectionHandler,
    ListCollectionsHandler,
    GetCollectionHandler,
    UpdateCollectionHandler,
    DeleteCollectionHandler,
    PromptLookup,
    CreatePromptHandler,
    ListPromptsHandler,
    GetPromptHandler,
    UpdatePromptHandler,
    DeletePromptHandler,
    ListVersionsHandler,
    LabelVersionHandler,
    PublishPromptHandler,
    RenderPromptHandler,
    RenderForCompletionHandler,
    PartialLookup,
    CreatePartialHandler,
    ListPartialsHandler,
    GetPartialHandler,
    UpdatePartialHandler,
    DeletePartialHandler,
    ListPartialVersionsHandler,
    PublishPartialHandler,
    LabelLookup,
    CreateLabelHandler,
    ListLabelsHandler,
    GetLabelHandler,
    UpdateLabelHandler,
    DeleteLabelHandler,
  ],
})
export class PromptLibraryModule {}
