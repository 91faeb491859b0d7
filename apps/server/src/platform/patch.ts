// Partial updates: the fields a request gave, and what they were and became, for the audit log.

/** Only the entries that are not undefined: a PATCH body's changes, ready for an UPDATE's set. */
export const definedOnly = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The changed keys' values before and after, as the audit log records them. */
export function beforeAndAfter<R extends object>(keys: string[], before: R, after: R): [Partial<R>, Partial<R>] {
  const pick = (row: R) => Object.fromEntries(keys.map((k) => [k, row[k as keyof R]])) as Partial<R>;
  return [pick(before), pick(after)];
}
