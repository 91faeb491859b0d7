import { ApiError } from '@edumatrix/client';
import type { Problem } from '@edumatrix/contracts';
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';

export function problemOf(error: unknown): Problem | null {
  return error instanceof ApiError ? error.problem : null;
}

export function errorMessage(error: unknown): string {
  const problem = problemOf(error);
  if (problem?.detail) return problem.detail;
  // Errors that escape the server's problem mapper still carry a readable `message`.
  const message = (problem as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message) return message;
  if (problem?.title) return problem.title;
  if (error instanceof TypeError) return 'Could not reach the server. Check your connection and try again.';
  return 'Something went wrong. Please try again.';
}

/** The server may name a field `email`, `body.email` or `/email`; forms know it as `email`. */
function fieldName(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replace(/^body[./]/, '')
    .replaceAll('/', '.');
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Puts each field error on its input and returns what is left to say at form level,
 * or null when the inputs already say it all.
 */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function applyProblem(form: UseFormReturnType<any>, error: unknown): string | null {
  const problem = problemOf(error);
  const values = form.getValues() as Record<string, unknown>;
  const fieldErrors: Record<string, string> = {};
  let unmatched = false;
  const errors = [...(problem?.errors ?? [])];
  // "institution.slug_taken" and "identity.email_taken" are about one field even without an errors list.
  const taken = problem?.code?.match(/\.(\w+)_taken$/)?.[1];
  if (errors.length === 0 && taken) errors.push({ field: taken, message: errorMessage(error) });
  for (const { field, message } of errors) {
    const name = fieldName(field);
    const text = capitalize(message || 'is not valid');
    if (name in values) fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]}; ${text}` : text;
    else unmatched = true;
  }
  if (Object.keys(fieldErrors).length > 0) {
    form.setErrors(fieldErrors);
    focusFirstInvalid();
    if (!unmatched) return null;
  }
  return errorMessage(error);
}

export function notifyError(error: unknown, title = 'That did not work') {
  notifications.show({ color: 'red', title, message: errorMessage(error) });
}

export function notifySuccess(message: string, title?: string) {
  notifications.show({ color: 'teal', title, message });
}

/** News about other people's actions: worth a glance, not a colour of success or alarm. */
export function notifyInfo(message: string) {
  notifications.show({ color: 'gray', message });
}

/** Keyboard and screen-reader users land on the field that needs them. */
export function focusFirstInvalid() {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
  });
}
