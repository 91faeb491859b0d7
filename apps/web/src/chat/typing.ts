// "… is typing": our signals go to the conversation's room through the gateway's `typing` event,
// theirs arrive the same way. A signal that never gets its "stopped" (a closed tab) expires.
import { useEffect, useRef, useState } from 'react';
import { realtime } from '../realtime/connection.ts';
import { useSocketEvent } from '../realtime/hooks.ts';

const EXPIRES_MS = 6000;
const RESEND_MS = 2500;
const IDLE_MS = 4000;

/** Who is typing in `room` now (their user ids), newest signal last. */
export function useTypingIn(room: string): string[] {
  const [typing, setTyping] = useState<Map<string, number>>(new Map());
  useSocketEvent('typing', (signal) => {
    if (signal.room !== room) return;
    setTyping((current) => {
      const next = new Map(current);
      if (signal.typing) next.set(signal.userId, Date.now() + EXPIRES_MS);
      else next.delete(signal.userId);
      return next;
    });
  });
  // A message from someone means they stopped typing it (useChatLive handles the message itself).
  useSocketEvent('chat:message', (message) => {
    if (`conversation:${message.conversationId}` !== room) return;
    setTyping((current) => {
      if (!current.has(message.senderId)) return current;
      const next = new Map(current);
      next.delete(message.senderId);
      return next;
    });
  });
  useEffect(() => {
    if (typing.size === 0) return;
    const soonest = Math.min(...typing.values());
    const timer = setTimeout(
      () => setTyping((current) => new Map([...current].filter(([, expires]) => expires > Date.now()))),
      Math.max(0, soonest - Date.now()) + 50,
    );
    return () => clearTimeout(timer);
  }, [typing]);
  return [...typing.keys()];
}

/** Tells the room while we type: at most one signal per few seconds, and "stopped" when idle or sent. */
export function useTypingSignal(room: string) {
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout>>(undefined);

  const stop = () => {
    clearTimeout(idle.current);
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    realtime.typing(room, false);
  };

  const typed = (text: string) => {
    if (!text.trim()) {
      stop();
      return;
    }
    const now = Date.now();
    if (now - lastSent.current > RESEND_MS) {
      lastSent.current = now;
      realtime.typing(room, true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stop, IDLE_MS);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: stop reads refs only; it must run when the room changes or we leave
  useEffect(() => stop, [room]);
  return { typed, stop };
}

export function typingText(names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}
