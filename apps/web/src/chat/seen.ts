// Read receipts as the thread shows them: each other member sits under the newest shown message
// they have read, unless it is their own (writing it says as much). Direct conversations say
// "Seen"; groups name who.
import type { ChatMember, Message } from '@edumatrix/contracts';

/** Message id → the names of the members whose read position rests on it. */
export function seenPositions(shown: Message[], members: ChatMember[], me: string): Map<string, string[]> {
  const positions = new Map<string, string[]>();
  for (const member of members) {
    if (member.userId === me || member.lastReadSeq === 0) continue;
    let at: Message | undefined;
    for (const m of shown) {
      if (m.seq > member.lastReadSeq) break;
      at = m;
    }
    // Resting on their own message says nothing: they wrote it after reading what came before.
    if (!at || at.senderId === member.userId) continue;
    positions.set(at.id, [...(positions.get(at.id) ?? []), member.displayName]);
  }
  return positions;
}

export function seenLabel(names: string[], direct: boolean): string {
  if (direct) return 'Seen';
  if (names.length <= 3) return `Seen by ${names.join(', ')}`;
  return `Seen by ${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}
