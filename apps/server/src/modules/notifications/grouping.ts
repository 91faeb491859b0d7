// Similar notifications within a short window become one inbox entry ("Ana and 4 others liked your
// post"), so a popular post does not flood the inbox, the mailbox or the lock screen.

/** Distinct actors kept per group (newest first); the count says how many there were in all. */
export const MAX_GROUP_ACTORS = 20;

export type GroupState = {
  /** The latest request's title, as its publisher wrote it ("Ana liked your post"). */
  title: string;
  /** Who acted in the latest request, when the publisher said. */
  actorName: string | null;
  /** Distinct actor names, newest first (at most MAX_GROUP_ACTORS). */
  actors: string[];
  /** Distinct actors in all (beyond the kept names, each new name counts as one more). */
  actorCount: number;
  /** Requests folded into the entry. */
  count: number;
};

/** The actors after one more request by `actorName`: it moves to the front, without repeats. */
export function withActor(g: Pick<GroupState, 'actors' | 'actorCount'>, actorName: string | null) {
  if (!actorName) return { actors: g.actors, actorCount: g.actorCount };
  const known = g.actors.includes(actorName);
  return {
    actors: [actorName, ...g.actors.filter((a) => a !== actorName)].slice(0, MAX_GROUP_ACTORS),
    actorCount: known ? g.actorCount : g.actorCount + 1,
  };
}

/**
 * The entry's title. When the title starts with the actor's name, the rest is what they did, and
 * the group reads "Ana and Bo liked your post" or "Ana and 4 others liked your post". Otherwise (no
 * actor, or one actor many times) the latest title with the count: "New message from Ana (3)".
 */
export function groupTitle(g: GroupState): string {
  const distinctActors = g.actorCount;
  if (g.count <= 1) return g.title;
  const [first, second] = g.actors;
  const rest = g.actorName && g.title.startsWith(g.actorName) ? g.title.slice(g.actorName.length) : null;
  if (rest !== null && first && second && distinctActors >= 2) {
    const others = distinctActors - 1;
    const who = distinctActors === 2 ? `${first} and ${second}` : `${first} and ${others} others`;
    return clip(`${who}${rest}`);
  }
  return clip(`${g.title} (${g.count})`);
}

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 199)}…` : s);
