// The fixed set of reactions as toggle buttons with their counts; the viewer's own is pressed.
// Choosing another replaces it, choosing it again takes it back (as the API does).
import { REACTIONS, type ReactionKind } from '@edumatrix/contracts';
import { Button, Group, Text } from '@mantine/core';
import { REACTION_LABELS } from './labels.ts';
import { ReactionIcon } from './ReactionIcon.tsx';

type Props = {
  reactions: Record<string, number>;
  mine: ReactionKind | null;
  onReact: (kind: ReactionKind | null) => void;
  size?: 'compact-xs' | 'compact-sm';
  /** Words beside the icons on wider screens; comments show icons only, to stay quiet. */
  withLabels?: boolean;
};

export function ReactionBar({ reactions, mine, onReact, size = 'compact-sm', withLabels = true }: Props) {
  return (
    <Group gap={4} wrap="wrap" role="group" aria-label="Reactions">
      {REACTIONS.map((kind) => {
        const label = REACTION_LABELS[kind];
        const count = reactions[kind] ?? 0;
        const pressed = mine === kind;
        return (
          <Button
            key={kind}
            size={size}
            radius="xl"
            variant={pressed ? 'light' : 'subtle'}
            color={pressed ? undefined : 'gray'}
            aria-pressed={pressed}
            aria-label={count > 0 ? `${label}, ${count}` : label}
            title={label}
            onClick={() => onReact(pressed ? null : kind)}
            leftSection={<ReactionIcon kind={kind} size={size === 'compact-xs' ? 14 : 16} />}
            styles={{ section: { marginInlineEnd: withLabels || count > 0 ? undefined : 0 } }}
          >
            {withLabels && (
              <Text span inherit visibleFrom="sm" mr={count > 0 ? 4 : 0}>
                {label}
              </Text>
            )}
            {count > 0 && <span aria-hidden="true">{count}</span>}
          </Button>
        );
      })}
    </Group>
  );
}
