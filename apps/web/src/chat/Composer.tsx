// Writing a message: Enter sends, Shift+Enter starts a new line. Files upload as soon as they are
// chosen and go with the next message. Sending never waits: the message shows as "sending…" at once.
import { type Attachment, MESSAGE_MAX_ATTACHMENTS, MESSAGE_MAX_LENGTH } from '@edumatrix/contracts';
import { ActionIcon, CloseButton, FileButton, Group, Loader, Paper, Text, Textarea, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { notifyError, notifyInfo } from '../ui/problem.ts';
import { fileSize } from './format.ts';
import { PaperclipIcon, SendIcon } from './icons.tsx';
import { sendMessage } from './send.ts';
import { useTypingSignal } from './typing.ts';

type Upload = { key: string; name: string; size: number; attachment: Attachment | null };

export function Composer({
  conversationId,
  replyTo = null,
  placeholder = 'Write a message…',
  label = 'Message',
}: {
  conversationId: string;
  replyTo?: string | null;
  placeholder?: string;
  label?: string;
}) {
  const queryClient = useQueryClient();
  const me = useCurrentUser().id;
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const typing = useTypingSignal(`conversation:${conversationId}`);
  const uploading = uploads.some((u) => !u.attachment);
  const tooLong = text.length > MESSAGE_MAX_LENGTH;
  const ready = (text.trim().length > 0 || uploads.length > 0) && !uploading && !tooLong;

  function send() {
    if (!ready) return;
    void sendMessage(queryClient, me, {
      conversationId,
      body: text.trim(),
      replyTo,
      attachments: uploads.flatMap((u) => (u.attachment ? [u.attachment] : [])),
    });
    setText('');
    setUploads([]);
    typing.stop();
  }

  async function attach(files: File[]) {
    const room = MESSAGE_MAX_ATTACHMENTS - uploads.length;
    if (files.length > room) notifyInfo(`At most ${MESSAGE_MAX_ATTACHMENTS} files go with one message: the rest were left out.`);
    for (const file of files.slice(0, Math.max(0, room))) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setUploads((list) => [...list, { key, name: file.name, size: file.size, attachment: null }]);
      try {
        const attachment = await client.chat.upload(conversationId, file, file.name);
        setUploads((list) => list.map((u) => (u.key === key ? { ...u, attachment } : u)));
      } catch (error) {
        setUploads((list) => list.filter((u) => u.key !== key));
        notifyError(error, `Could not attach ${file.name}`);
      }
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <Paper p="xs" radius={0} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      {uploads.length > 0 && (
        <Group gap={6} mb={6} aria-label="Files to send">
          {uploads.map((u) => (
            <Paper key={u.key} withBorder radius="xl" px="sm" py={2}>
              <Group gap={6} wrap="nowrap">
                {!u.attachment && <Loader size={12} aria-label={`Uploading ${u.name}`} />}
                <Text size="xs" maw={180} truncate>
                  {u.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {fileSize(u.size)}
                </Text>
                <CloseButton
                  size="xs"
                  aria-label={`Remove ${u.name}`}
                  onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                />
              </Group>
            </Paper>
          ))}
        </Group>
      )}
      <Group gap={6} align="flex-end" wrap="nowrap">
        <FileButton onChange={(files) => void attach(files)} multiple>
          {(props) => (
            <Tooltip label="Attach files">
              <ActionIcon {...props} variant="subtle" color="gray" size={36} aria-label="Attach files">
                <PaperclipIcon width={20} height={20} />
              </ActionIcon>
            </Tooltip>
          )}
        </FileButton>
        <Textarea
          aria-label={label}
          placeholder={placeholder}
          autosize
          minRows={1}
          maxRows={6}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            typing.typed(event.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={typing.stop}
          error={tooLong ? `At most ${MESSAGE_MAX_LENGTH} characters (${text.length} now)` : undefined}
          style={{ flex: 1 }}
          radius="lg"
        />
        <ActionIcon size={36} radius="xl" onClick={send} disabled={!ready} aria-label="Send">
          <SendIcon width={18} height={18} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
