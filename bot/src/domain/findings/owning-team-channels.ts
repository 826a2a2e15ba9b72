// Where a filed finding is announced to the team that must remediate it. The role map (another
// module, in progress) will know each role's channel; until it does, nobody is announced to and
// the finding card stays in the conversation it was filed in.
import type { ConversationTarget } from '../conversation-target';
import type { Workspace } from '../workspace';

export interface OwningTeamChannels {
  /** The channel of the team that holds `roleName` in this workspace's role map, if known. */
  channelFor(workspace: Workspace, roleName: string): Promise<ConversationTarget | undefined>;
}

/** The default until the role map provides channels: no owning-team channel is known. */
export const NO_OWNING_TEAM_CHANNELS: OwningTeamChannels = {
  channelFor: async () => undefined,
};
