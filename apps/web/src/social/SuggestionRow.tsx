// A suggested person with why they are suggested (classes, courses, institutions, mutual connections) and
// the two ways to get closer: follow, or ask to connect.
import type { Suggestion } from '@edumatrix/contracts';
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { ConnectModal } from './ConnectModal.tsx';
import { useGraphAction } from './graph-mutations.ts';
import { plural } from './labels.ts';
import { PersonHeader } from './PersonHeader.tsx';

export function suggestionReason(s: Suggestion): string {
  const reasons = [
    s.sharedClasses > 0 && plural(s.sharedClasses, 'shared class', 'shared classes'),
    s.sharedCourses > 0 && plural(s.sharedCourses, 'shared course', 'shared courses'),
    // A classmate shares the institution too: say the closer tie only.
    s.sharedClasses === 0 && s.sharedInstitutions > 0 && plural(s.sharedInstitutions, 'shared institution', 'shared institutions'),
    s.mutualConnections > 0 && plural(s.mutualConnections, 'mutual connection', 'mutual connections'),
  ].filter(Boolean);
  return reasons.length ? reasons.join(' · ') : 'New here';
}

export function SuggestionRow({ suggestion }: { suggestion: Suggestion }) {
  const action = useGraphAction();
  const [connecting, setConnecting] = useState(false);
  return (
    <Group justify="space-between" gap="xs" wrap="wrap" data-person={suggestion.userId}>
      <PersonHeader person={suggestion} detail={suggestionReason(suggestion)} />
      <Group gap={6}>
        <Button
          size="compact-sm"
          variant="default"
          loading={action.isPending}
          onClick={() => action.mutate({ type: 'follow', userId: suggestion.userId })}
        >
          Follow
        </Button>
        <Button size="compact-sm" variant="light" onClick={() => setConnecting(true)}>
          Connect
        </Button>
      </Group>
      <ConnectModal person={suggestion} opened={connecting} onClose={() => setConnecting(false)} />
    </Group>
  );
}
