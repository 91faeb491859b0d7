// A post's Markdown through the app's one sanitising renderer, with its hashtags and mentions as
// links. Those links stay in the app: a plain click navigates here instead of opening a new tab.
import type { PersonSummary } from '@edumatrix/contracts';
import { Box } from '@mantine/core';
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { Markdown } from '../courses/Markdown.tsx';
import { linkifyMarkdown } from './linkify.ts';

type Props = { text: string; hashtags?: string[]; mentions?: PersonSummary[] };

export function PostBody({ text, hashtags = [], mentions = [] }: Props) {
  const navigate = useNavigate();

  function stayInApp(event: MouseEvent<HTMLDivElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const href = (event.target as HTMLElement).closest('a')?.getAttribute('href');
    if (!href?.startsWith('/') || href.startsWith('//')) return;
    event.preventDefault();
    void navigate(href);
  }

  return (
    // Clicks bubble up from the links inside, which the keyboard reaches (Enter fires the same click).
    <Box onClick={stayInApp} fz="sm">
      <Markdown text={linkifyMarkdown(text, hashtags, mentions)} />
    </Box>
  );
}
