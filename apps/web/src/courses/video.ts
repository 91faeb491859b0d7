/**
 * The embeddable player address of a YouTube or Vimeo video, or null for any other address (which
 * is shown as a link instead: we do not frame pages we know nothing about).
 */
export function videoEmbedUrl(address: string | null): string | null {
  if (!address) return null;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const host = url.hostname.replace(/^(www\.|m\.)/, '');
  const id = (value: string | null | undefined) => (value && /^[\w-]{6,20}$/.test(value) ? value : null);
  let youtube: string | null = null;
  if (host === 'youtu.be') youtube = id(url.pathname.slice(1));
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const [, first, second] = url.pathname.split('/');
    youtube = first === 'watch' ? id(url.searchParams.get('v')) : ['embed', 'shorts', 'live'].includes(first ?? '') ? id(second) : null;
  }
  if (youtube) return `https://www.youtube-nocookie.com/embed/${youtube}`;
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const vimeo = url.pathname.match(/(?:^|\/)(\d{5,12})(?:\/|$)/)?.[1];
    if (vimeo) return `https://player.vimeo.com/video/${vimeo}`;
  }
  return null;
}
