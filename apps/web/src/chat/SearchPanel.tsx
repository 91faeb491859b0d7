// Searching one conversation's messages, newest first. Choosing a result shows it in the
// conversation (loading older pages as far back as needed) or opens its thread.
import type { Message } from '@edumatrix/contracts';
import { Drawer, Mark, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { usePhone } from '../ui/FormActions.tsx';
import { LoadError, Loading } from '../ui/states.tsx';
import { useConversation } from './conversation-context.ts';
import { fullTime } from './format.ts';
import { SearchIcon } from './icons.tsx';
import { searchQuery } from './queries.ts';

/** The text with each occurrence of `q` marked (case-insensitively). */
function Highlighted({ text, q }: { text: string; q: string }) {
  const lower = text.toLowerCase();
  const needle = q.toLowerCase();
  const parts: ReactNode[] = [];
  let at = 0;
  for (let found = lower.indexOf(needle); needle && found !== -1; found = lower.indexOf(needle, at)) {
    parts.push(text.slice(at, found), <Mark key={found}>{text.slice(found, found + needle.length)}</Mark>);
    at = found + needle.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

function Results({ q, onChoose }: { q: string; onChoose: (message: Message) => void }) {
  const { conversation, nameOf } = useConversation();
  const results = useQuery(searchQuery(conversation.id, q));
  if (!q) return null;
  if (results.isPending) return <Loading label="Searching" />;
  if (results.isError) return <LoadError error={results.error} title="Could not search" />;
  if (results.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md">
        No messages contain “{q}”.
      </Text>
    );
  }
  return (
    <>
      <Stack component="ul" gap={0} aria-label="Search results" m={0} p={0} style={{ listStyle: 'none' }}>
        {results.data.items.map((m) => (
          <li key={m.id}>
            <UnstyledButton
              onClick={() => onChoose(m)}
              w="100%"
              px="md"
              py="xs"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              <Text size="xs" c="dimmed">
                {nameOf(m.senderId)} · {fullTime(m.createdAt)}
                {m.threadId ? ' · in a thread' : ''}
              </Text>
              <Text size="sm" lineClamp={3}>
                <Highlighted text={m.body} q={q} />
              </Text>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      {results.data.hasMore && (
        <Text size="xs" c="dimmed" px="md" py="xs">
          Showing the 25 newest matches; search for more words to narrow it down.
        </Text>
      )}
    </>
  );
}

export function SearchPanel({ opened, onClose, onChoose }: { opened: boolean; onClose: () => void; onChoose: (message: Message) => void }) {
  const phone = usePhone();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 400}
      title="Search this conversation"
      padding={0}
      styles={{ header: { paddingInline: 'var(--mantine-spacing-md)' } }}
      closeButtonProps={{ 'aria-label': 'Close search' }}
    >
      <Stack gap="sm">
        <TextInput
          mx="md"
          aria-label="Search messages"
          placeholder="Search messages"
          leftSection={<SearchIcon />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-autofocus
          maxLength={200}
        />
        <ScrollArea.Autosize mah="calc(100dvh - 140px)" type="auto">
          <Results q={q} onChoose={onChoose} />
        </ScrollArea.Autosize>
      </Stack>
    </Drawer>
  );
}
