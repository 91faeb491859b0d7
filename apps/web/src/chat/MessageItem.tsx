// One message in the conversation or a thread: who and when, the text (or that it was deleted),
// its files, reactions, its thread's reply count, and its menu; its author edits it in place.
import type { Message, ReactionEmoji } from '@edumatrix/contracts';
import { Anchor, Button, Group, Text, Textarea } from '@mantine/core';
import { type KeyboardEvent, useState } from 'react';
import { Attachments } from './Attachments.tsx';
import { useConversation } from './conversation-context.ts';
import { fullTime, shortTime } from './format.ts';
import { MessageActions } from './MessageActions.tsx';
import classes from './MessageItem.module.css';
import { useEditMessage, useReact } from './mutations.ts';

function EditForm({ message, onDone }: { message: Message; onDone: () => void }) {
  const edit = useEditMessage();
  const [body, setBody] = useState(message.body);
  const save = () => {
    const text = body.trim();
    if (!text || text === message.body) return onDone();
    edit.mutate({ message, body: text }, { onSuccess: onDone });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      onDone();
    }
  };
  return (
    <div style={{ width: 'min(420px, 70vw)' }}>
      <Textarea
        aria-label="Edit message"
        autosize
        minRows={1}
        maxRows={8}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        data-autofocus
        autoFocus
      />
      <Group gap="xs" justify="flex-end" mt={4}>
        <Button size="compact-xs" variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button size="compact-xs" onClick={save} loading={edit.isPending}>
          Save
        </Button>
      </Group>
    </div>
  );
}

function Reactions({ message }: { message: Message }) {
  const { me, nameOf } = useConversation();
  const react = useReact();
  if (message.reactions.length === 0) return null;
  return (
    <div className={classes.reactions}>
      {message.reactions.map((r) => {
        const mine = r.userIds.includes(me);
        const who = r.userIds.map((id) => (id === me ? 'you' : nameOf(id))).join(', ');
        return (
          <Button
            key={r.emoji}
            size="compact-xs"
            radius="xl"
            variant={mine ? 'light' : 'default'}
            aria-pressed={mine}
            title={`${r.emoji} ${who}`}
            aria-label={`${r.emoji} ${r.userIds.length}, from ${who}`}
            onClick={() => react.mutate({ message, emoji: r.emoji as ReactionEmoji, on: !mine })}
          >
            {r.emoji} {r.userIds.length}
          </Button>
        );
      })}
    </div>
  );
}

export function MessageItem({
  message,
  showSender,
  first = true,
  showTime = true,
  seen,
  inThread = false,
  highlighted = false,
}: {
  message: Message;
  showSender: boolean;
  /** The first of a run by one sender: a little space above. */
  first?: boolean;
  /** The last of such a run: its time below. */
  showTime?: boolean;
  seen?: string | null;
  inThread?: boolean;
  highlighted?: boolean;
}) {
  const { me, nameOf, conversation, openThread } = useConversation();
  const [editing, setEditing] = useState(false);
  const mine = message.senderId === me;
  const deleted = message.deletedAt !== null;
  const edited = message.editedAt !== null && !deleted;
  const replies = !inThread && message.replyCount > 0;
  const meta = [showTime ? shortTime(message.createdAt) : null, edited ? 'edited' : null].filter(Boolean).join(' · ');

  return (
    <div
      className={classes.row}
      data-mine={mine || undefined}
      data-deleted={deleted || undefined}
      data-highlight={highlighted || undefined}
      data-first={first || undefined}
      data-seq={message.seq}
      id={`message-${message.id}`}
      data-testid="message"
    >
      <div className={classes.stack}>
        {showSender && !mine && (
          <Text size="xs" c="dimmed" fw={600} px={4}>
            {nameOf(message.senderId)}
          </Text>
        )}
        {editing ? (
          <EditForm message={message} onDone={() => setEditing(false)} />
        ) : (
          (deleted || message.body) && (
            <div className={classes.bubble} data-testid="bubble" title={fullTime(message.createdAt)}>
              {deleted ? 'This message was deleted' : message.body}
            </div>
          )
        )}
        {!deleted && <Attachments conversationId={conversation.id} attachments={message.attachments} />}
        {!deleted && <Reactions message={message} />}
        {(meta || replies) && (
          <Group gap={6} px={4} wrap="nowrap">
            {meta && (
              <Text size="xs" c="dimmed" title={fullTime(message.createdAt)}>
                {meta}
              </Text>
            )}
            {replies && (
              <Anchor component="button" type="button" size="xs" fw={600} onClick={() => openThread(message.id)}>
                {message.replyCount === 1 ? '1 reply' : `${message.replyCount} replies`}
              </Anchor>
            )}
          </Group>
        )}
        {seen && (
          <Text size="xs" c="dimmed" px={4} data-testid="seen">
            {seen}
          </Text>
        )}
      </div>
      {!deleted && !editing && <MessageActions message={message} onEdit={() => setEditing(true)} inThread={inThread} />}
    </div>
  );
}
