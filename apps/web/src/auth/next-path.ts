/** Only same-site paths: `next` comes from the URL, and an open redirect would be a phishing aid. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

export function withNext(path: string, next: string | null | undefined): string {
  const safe = safeNext(next, '');
  return safe && safe !== '/' ? `${path}?next=${encodeURIComponent(safe)}` : path;
}
