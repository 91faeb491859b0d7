// What the conversation pane shows before one is chosen (wide screens only; phones show the list).
import { Center, Stack, Text } from '@mantine/core';
import { ChatIcon } from './icons.tsx';

export function ChatIndex() {
  return (
    <Center h="100%" p="lg">
      <Stack align="center" gap="xs" maw={320} ta="center">
        <ChatIcon width={40} height={40} color="var(--mantine-color-dimmed)" />
        <Text fw={600}>Choose a conversation</Text>
        <Text size="sm" c="dimmed">
          Pick one from the list, start a group, or message someone from their profile.
        </Text>
      </Stack>
    </Center>
  );
}
