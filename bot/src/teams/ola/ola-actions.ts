// The OLA card verbs (cards/ola-verbs.ts): open a role's OLA, the overview, and sign the version
// the card showed. The OLA service checks the version; a card of an earlier one is refused with
// the OLA as it reads now.
import { renderOlaCard } from '../../cards/ola-card';
import { OLA_VERBS } from '../../cards/ola-verbs';
import { str } from '../../domain/card-data';
import { ActionRegistry, badRequest, defineAction, nothing } from '../card-actions';
import { actorOf } from '../ops/ops-action-support';
import type { OlaViews } from './ola-views';

const ROLE_GONE = 'That role no longer exists: it may have been removed. Type ola to see every team.';
const roleIdOf = (v: unknown) => {
  const roleId = str(v, 200);
  return roleId ? { roleId } : badRequest('This card names no role.');
};

export function createOlaActions(views: OlaViews): ActionRegistry {
  return new ActionRegistry([
    defineAction({
      verb: OLA_VERBS.show,
      parse: (d) => roleIdOf(d.roleId),
      async run({ roleId }, ctx) {
        const card = await views.card(ctx.workspace, roleId);
        return card ? { card } : { message: ROLE_GONE };
      },
    }),
    defineAction({
      verb: OLA_VERBS.list,
      parse: nothing,
      run: async (_p, ctx) => ({ card: await views.listCard(ctx.workspace) }),
    }),
    defineAction({
      verb: OLA_VERBS.signOff,
      parse: (d) => {
        const roleId = str(d.roleId, 200);
        const version = str(d.version, 16);
        return roleId && version && /^[0-9a-f]{8}$/.test(version) ? { roleId, version } : badRequest('This sign-off names no role or OLA version.');
      },
      async run({ roleId, version }, ctx) {
        const signed = await views.service.signOff(ctx.workspace, roleId, version, actorOf(ctx));
        if (signed.ok) {
          const { role } = signed.value;
          return { card: renderOlaCard({ view: signed.value, notice: `${ctx.actor.name} signed the OLA of ${role.name} for ${role.team}.` }), forEveryone: true };
        }
        if (signed.current) return { card: renderOlaCard({ view: signed.current, problem: signed.message }) };
        return { message: signed.error === 'not-found' ? ROLE_GONE : signed.message };
      },
    }),
  ]);
}
