import type { UseFormReturnType } from '@mantine/form';
import { errorMessage, focusFirstInvalid, problemOf } from '../ui/problem.ts';

/** The API names date fields as in JSON; people read "the start date". */
function friendly(message: string): string {
  return message.replaceAll('startsOn', 'the start date').replaceAll('endsOn', 'the end date');
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Like ui/problem's applyProblem, for forms with nested fields: `terms.1.startsOn` lands on the
 * second term's start date. An error about a term the form does not show (another term of the
 * year) becomes a sentence naming it, from `termNames` in the server's order.
 */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function applyDatesProblem(form: UseFormReturnType<any>, error: unknown, termNames: string[] = []): string | null {
  const problem = problemOf(error);
  const values = form.getValues();
  const fieldErrors: Record<string, string> = {};
  const sentences: string[] = [];
  for (const { field, message } of problem?.errors ?? []) {
    const name = field
      .replace(/^\/+/, '')
      .replace(/^body[./]/, '')
      .replaceAll('/', '.');
    const text = friendly(message || 'is not valid');
    const other = name.match(/^terms\.(\d+)\./);
    if (hasPath(values, name)) fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]}; ${capitalize(text)}` : capitalize(text);
    else if (other) sentences.push(`${termNames[Number(other[1])] ?? `Term ${Number(other[1]) + 1}`} ${text}.`);
    else sentences.push(errorMessage(error));
  }
  if (Object.keys(fieldErrors).length > 0) {
    form.setErrors(fieldErrors);
    focusFirstInvalid();
    return sentences.length > 0 ? sentences.join(' ') : null;
  }
  return sentences.length > 0 ? sentences.join(' ') : errorMessage(error);
}
