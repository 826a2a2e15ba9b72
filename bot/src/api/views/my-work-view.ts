// The personal "My work" tab (and the same view in a channel or chat tab): what is mine in the
// workspace the page names. Who "I" am comes from the SSO token only; the workspace is already
// authorized for the token's tenant (route-support.ts), so another tenant's records cannot be asked for.
import { renderMyWorkCard } from '../../cards/my-work-card';
import type { MyWorkService } from '../../domain/people/my-work';
import { MY_WORK_VIEW_ID, type TabLinkOptions } from '../../domain/people/tab-link';
import type { TabViewProvider } from '../tab-views';

export function myWorkView(service: MyWorkService, links: TabLinkOptions): TabViewProvider {
  return {
    id: MY_WORK_VIEW_ID,
    title: 'My work',
    description: 'Your open findings and incidents, and the due tasks of the roles the role map names you for.',
    async render(ctx) {
      const me = { ids: [ctx.identity.userId], name: ctx.identity.name };
      const work = await service.forMe(ctx.workspace, me);
      const highlight = ctx.params.record;
      return { cards: [renderMyWorkCard({ work, name: me.name, links, ...(highlight ? { highlight } : {}) })] };
    },
  };
}
