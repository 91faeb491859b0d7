// Link previews in the composer: the server reads the page (the writer's browser never does) and
// caches it for a day, so the browser keeps a preview as long and does not ask again after a refusal.
// Published posts carry their preview (`Post.linkPreview`), so readers never ask.
import { queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { socialKeys } from './queries.ts';

const DAY = 24 * 3_600_000;

export const linkPreviewQuery = (url: string) =>
  queryOptions({
    queryKey: [...socialKeys.all, 'link-preview', url],
    queryFn: () => client.social.linkPreview(url),
    staleTime: DAY,
    gcTime: DAY,
    retry: false,
  });
