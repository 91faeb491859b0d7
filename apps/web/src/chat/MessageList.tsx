// The conversation's messages, oldest at the top: older pages load on scrolling up (the view stays
// where it was), new ones keep the view at the bottom if it was there, replies live in their thread.
// What is on screen at the bottom is marked read; receipts show under the message each member reached.
import type { Message } from '@edumatrix/contracts';
import { Button, Center, Loader, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { notifyError } from '../ui/problem.ts';
import { useConversation } from './conversation-context.ts';
import { MessageItem } from './MessageItem.tsx';
import classes from './MessageList.module.css';
import { PendingItem } from './PendingItem.tsx';
import type { PendingMessage } from './pending.ts';
import { loadOlder, type MessageRun } from './queries.ts';
import { markRead } from './read.ts';
import { seenLabel, seenPositions } from './seen.ts';

const NEAR_BOTTOM_PX = 48;
const NEAR_TOP_PX = 160;
/** A new sender, or a pause this long, starts a new group with the sender's name. */
const GROUP_GAP_MS = 5 * 60_000;

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });

function useDocumentVisible() {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

export function MessageList({
  run,
  pending,
  typingLine,
  highlight,
}: {
  run: MessageRun;
  pending: PendingMessage[];
  typingLine: string | null;
  /** A message to bring into view (from search). */
  highlight: string | null;
}) {
  const queryClient = useQueryClient();
  const { conversation, me } = useConversation();
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [bottom, setBottom] = useState(true);
  /** Distance from the end before older messages were added, to keep the view still. */
  const anchor = useRef<number | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const visible = useDocumentVisible();

  const shown = run.messages.filter((m) => !m.threadId);
  const newest = run.messages.at(-1)?.seq ?? 0;
  const oldest = run.messages[0]?.seq ?? 0;
  const myRead = conversation.members.find((m) => m.userId === me)?.lastReadSeq ?? 0;
  const seen = seenPositions(shown, conversation.members, me);
  const direct = conversation.kind === 'direct';

  async function older() {
    const el = scroller.current;
    if (!el || loadingOlder || !run.hasOlder) return;
    anchor.current = el.scrollHeight - el.scrollTop;
    setLoadingOlder(true);
    try {
      await loadOlder(queryClient, conversation.id);
    } catch (error) {
      anchor.current = null;
      notifyError(error, 'Could not load older messages');
    } finally {
      setLoadingOlder(false);
    }
  }

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    const near = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    atBottom.current = near;
    setBottom(near);
    if (el.scrollTop < NEAR_TOP_PX) void older();
  }

  // Older messages went in above: keep the same message under the reader's eyes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the oldest message changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || anchor.current === null) return;
    el.scrollTop = el.scrollHeight - anchor.current;
    anchor.current = null;
  }, [oldest]);

  // New messages, our own sends and the typing line keep a view that was at the bottom there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the end of the list changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [newest, pending.length, typingLine]);

  // Images load after their message is placed, and the box changes height with the composer: keep
  // a view that was at the bottom there.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !content.current) return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(content.current);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Seen: the newest message, with the conversation on screen and scrolled to the end.
  useEffect(() => {
    if (visible && bottom && newest > myRead) void markRead(queryClient, me, conversation.id, newest);
  }, [visible, bottom, newest, myRead, queryClient, me, conversation.id]);

  useEffect(() => {
    if (!highlight) return;
    atBottom.current = false;
    document.getElementById(`message-${highlight}`)?.scrollIntoView({ block: 'center' });
  }, [highlight]);

  const sameDay = (a: Message, b: Message) => new Date(a.createdAt).toDateString() === new Date(b.createdAt).toDateString();
  /** A new sender, a new day or a pause starts a group: the sender's name above it, the time below its last. */
  const startsGroup = (message: Message, before: Message | undefined) =>
    !before ||
    !sameDay(before, message) ||
    before.senderId !== message.senderId ||
    Date.parse(message.createdAt) - Date.parse(before.createdAt) > GROUP_GAP_MS;

  const rows = shown.map((message, index) => {
    const before = shown[index - 1];
    const after = shown[index + 1];
    const newDay = !before || !sameDay(before, message);
    const first = startsGroup(message, before);
    const last = !after || startsGroup(after, message);
    const names = seen.get(message.id);
    return (
      <div key={message.id}>
        {newDay && (
          <Text size="xs" c="dimmed" className={classes.day}>
            {dayFormat.format(new Date(message.createdAt))}
          </Text>
        )}
        <MessageItem
          message={message}
          showSender={first && conversation.kind === 'group'}
          first={first}
          showTime={last}
          seen={names ? seenLabel(names, direct) : null}
          highlighted={highlight === message.id}
        />
      </div>
    );
  });

  return (
    <div ref={scroller} className={classes.scroller} onScroll={onScroll} role="log" aria-label="Messages">
      <div ref={content}>
        {run.hasOlder && (
          <Center py="xs">
            {loadingOlder ? (
              <Loader size="sm" aria-label="Loading older messages" />
            ) : (
              <Button variant="subtle" size="xs" onClick={() => void older()}>
                Load older messages
              </Button>
            )}
          </Center>
        )}
        {shown.length === 0 && pending.length === 0 && (
          <Center py="xl" px="lg">
            <Text size="sm" c="dimmed" ta="center">
              No messages yet. Say hello!
            </Text>
          </Center>
        )}
        {rows}
        {pending
          .filter((p) => !p.replyTo)
          .map((p) => (
            <PendingItem key={p.clientId} pending={p} />
          ))}
        {typingLine && (
          <Text size="xs" c="dimmed" fs="italic" px="md" py={4} data-testid="typing">
            {typingLine}
          </Text>
        )}
      </div>
    </div>
  );
}
