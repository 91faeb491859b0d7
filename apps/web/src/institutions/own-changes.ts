// Whoever changes a member already gets a confirmation; the live echo of that same change must not
// announce it a second time.
const expected = new Map<string, number>();
const WINDOW_MS = 30_000;

const key = (institutionId: string, userId: string) => `${institutionId}:${userId}`;

export function expectOwnChange(institutionId: string, userId: string) {
  expected.set(key(institutionId, userId), Date.now());
}

export function forgetOwnChange(institutionId: string, userId: string) {
  expected.delete(key(institutionId, userId));
}

/** True once for a change this tab asked for moments ago. */
export function isOwnChange(institutionId: string, userId: string): boolean {
  const at = expected.get(key(institutionId, userId));
  expected.delete(key(institutionId, userId));
  return at !== undefined && Date.now() - at < WINDOW_MS;
}
