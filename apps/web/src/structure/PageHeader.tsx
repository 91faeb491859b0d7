import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { PlusIcon } from '../shell/icons.tsx';

type Props = { title: string; hint?: string; action?: { label: string; onClick: () => void } | null };

export function PageHeader({ title, hint, action }: Props) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <Stack gap={2} miw={0} style={{ flex: '1 1 260px' }}>
        <Title order={2} size="h3">
          {title}
        </Title>
        {hint && (
          <Text size="sm" c="dimmed" maw={640}>
            {hint}
          </Text>
        )}
      </Stack>
      {action && (
        <Button leftSection={<PlusIcon />} onClick={action.onClick}>
          {action.label}
        </Button>
      )}
    </Group>
  );
}
