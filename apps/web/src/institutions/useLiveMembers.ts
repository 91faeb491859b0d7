import type { Member } from '@edumatrix/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { refetchIfOlder } from '../realtime/catch-up.ts';
import type { MemberChanged } from '../realtime/events.ts';
import { useRoom, useSocketEvent } from '../realtime/hooks.ts';
import { notifyInfo } from '../ui/problem.ts';
import { roleLabel } from './options.ts';
import { isOwnChange } from './own-changes.ts';
import { institutionKeys, membersQuery } from './queries.ts';

// A recovered connection or a redelivered event can bring the same change twice.
const seen = new Set<string>();

function remember(eventId: string): boolean {
  if (seen.has(eventId)) return false;
  seen.add(eventId);
  if (seen.size > 200) seen.delete(seen.values().next().value as string);
  return true;
}

function message(event: MemberChanged, name: string | undefined): string {
  switch (event.type) {
    case 'institutions.member_joined':
      return name ? `${name} joined.` : 'A member joined.';
    case 'institutions.member_role_changed':
      return `${name ?? 'A member'} is now ${roleLabel(event.to).toLowerCase()}.`;
    case 'institutions.member_removed':
      return name ? `${name} was removed.` : 'A member was removed.';
  }
}

/** Keeps an institution's pages current while someone looks at them: members, invitations, audit, own role. */
export function useLiveMembers(institutionId: string) {
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const institutionKey = institutionKeys.one(institutionId);

  useRoom(institutionId ? `institution:${institutionId}` : null, (since) => {
    // Members and invitations loaded before the room was joined may have missed a change.
    void refetchIfOlder(queryClient, institutionKeys.members(institutionId), since);
    void refetchIfOlder(queryClient, institutionKeys.invitations(institutionId), since);
  });

  async function aboutMe(event: MemberChanged) {
    if (event.type === 'institutions.member_removed') {
      await navigate('/', { replace: true });
      queryClient.removeQueries({ queryKey: institutionKey });
      notifyInfo(`You were removed from ${event.institutionName}.`);
    } else if (event.type === 'institutions.member_role_changed') {
      notifyInfo(`Your role in ${event.institutionName} is now ${roleLabel(event.to).toLowerCase()}.`);
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: institutionKeys.list() }),
      event.type !== 'institutions.member_removed' && queryClient.invalidateQueries({ queryKey: institutionKey }),
    ]);
  }

  async function aboutOthers(event: MemberChanged) {
    const before = queryClient.getQueryData<Member[]>(institutionKeys.members(institutionId));
    const own = isOwnChange(institutionId, event.userId);
    // The institution's key prefixes its members, invitations and audit log.
    await queryClient.invalidateQueries({ queryKey: institutionKey });
    if (own) return;
    let name = before?.find((m) => m.userId === event.userId)?.displayName;
    if (event.type !== 'institutions.member_removed') {
      const members = await queryClient.fetchQuery(membersQuery(institutionId)).catch(() => undefined);
      name = members?.find((m) => m.userId === event.userId)?.displayName ?? name;
    }
    notifyInfo(message(event, name));
  }

  useSocketEvent('institutions:member_changed', (event) => {
    if (event.institutionId !== institutionId || !remember(event.eventId)) return;
    void (event.userId === me.id ? aboutMe(event) : aboutOthers(event));
  });
}
