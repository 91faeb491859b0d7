import type { UseFormReturnType } from '@mantine/form';
import { errorMessage, focusFirstInvalid, problemOf } from '../ui/problem.ts';

/** Every path in a form's values an error may be shown on: `options`, `options.1.text`, `pools.0.count`… (row keys aside). */
function pathsOf(value: unknown, prefix = '', into = new Set<string>()): Set<string> {
  if (prefix) into.add(prefix);
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (k !== 'key') pathsOf(v, prefix ? `${prefix}.${k}` : k, into);
  return into;
}

/**
 * Like applyProblem, for forms with lists: each field error the server names (`blanks.0.accepted.1`)
 * goes on the nearest input or list the form has (`blanks.0.accepted`), after `remap` for fields the
 * form lays out differently from the body. Returns what is left to say at form level, or null.
 */
export function applyNestedProblem<V extends object>(
  form: UseFormReturnType<V>,
  error: unknown,
  remap: (path: string, values: V) => string = (path) => path,
): string | null {
  const problem = problemOf(error);
  const values = form.getValues();
  const known = pathsOf(values);
  const errors: Record<string, string> = {};
  let unmatched = false;
  for (const { field, message } of problem?.errors ?? []) {
    const parts = remap(
      field
        .replace(/^\/+/, '')
        .replace(/^body[./]/, '')
        .replaceAll('/', '.'),
      values,
    ).split('.');
    while (parts.length && !known.has(parts.join('.'))) parts.pop();
    const path = parts.join('.');
    const text = (message || 'is not valid').replace(/^./, (c) => c.toUpperCase());
    if (path) errors[path] = errors[path] ? `${errors[path]}; ${text}` : text;
    else unmatched = true;
  }
  if (Object.keys(errors).length === 0) return errorMessage(error);
  form.setErrors(errors);
  focusFirstInvalid();
  return unmatched ? errorMessage(error) : null;
}
