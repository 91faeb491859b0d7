// The submitted text with the teacher's inline comments: each commented span is a <mark> numbered
// after its end, and the comments are listed beside the text (below it on phones). The grader uses
// the same view with `onSelect`, reporting the character span a reader selects.
import type { Annotation } from '@edumatrix/contracts';
import { Button, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useId, useRef, useState } from 'react';
import classes from './AnnotatedText.module.css';

type Segment = { start: number; end: number; covering: number[]; ending: number[] };

/** Cuts the text at every annotation's edges; each piece knows which annotations cover it and end with it. */
function segmentsOf(text: string, annotations: Annotation[]): Segment[] {
  const clamp = (n: number) => Math.max(0, Math.min(text.length, n));
  const cuts = new Set([0, text.length]);
  for (const a of annotations) {
    cuts.add(clamp(a.start));
    cuts.add(clamp(a.end));
  }
  const sorted = [...cuts].sort((x, y) => x - y);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i] as number;
    const end = sorted[i + 1] as number;
    const covering = annotations.flatMap((a, n) => (a.start <= start && a.end >= end ? [n] : []));
    const ending = covering.filter((n) => clamp((annotations[n] as Annotation).end) === end);
    segments.push({ start, end, covering, ending });
  }
  return segments;
}

/** Offsets of the current selection within `container`'s text, or null when it is empty or elsewhere. */
function selectionIn(container: HTMLElement): { start: number; end: number } | null {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(container);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const end = start + range.toString().length;
  return end > start ? { start, end } : null;
}

/** "the opening paragraph…" */
export const excerpt = (text: string, a: Pick<Annotation, 'start' | 'end'>, max = 80) => {
  const s = text.slice(a.start, a.end).replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

type Props = {
  text: string;
  annotations: Annotation[];
  /** Grading: the span the reader selected (or null when the selection goes). */
  onSelect?: (span: { start: number; end: number } | null) => void;
  /** Grading: removes the nth annotation. */
  onRemove?: (index: number) => void;
  /** A span to show as pending (the selection being commented). */
  pending?: { start: number; end: number } | null;
};

export function AnnotatedText({ text, annotations, onSelect, onRemove, pending }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const idBase = useId();
  const [active, setActive] = useState<number | null>(null);
  const shown = pending ? [...annotations, { ...pending, comment: '' }] : annotations;
  const pendingIndex = pending ? annotations.length : -1;

  useEffect(() => {
    if (!onSelect) return;
    // Read once a selection is finished (mouse, touch or keyboard): re-rendering the highlight
    // while the reader still drags would break their selection.
    const onDone = () => {
      const container = ref.current;
      if (!container) return;
      const span = selectionIn(container);
      // A click elsewhere (the comment box) leaves the chosen span as it was. The native selection
      // goes once read: the pending highlight shows the span, and a later click cannot re-read it.
      if (span) {
        document.getSelection()?.removeAllRanges();
        onSelect(span);
      }
    };
    const events = ['mouseup', 'keyup', 'touchend'] as const;
    for (const e of events) document.addEventListener(e, onDone);
    return () => {
      for (const e of events) document.removeEventListener(e, onDone);
    };
  }, [onSelect]);

  const commentId = (n: number) => `${idBase}-comment-${n}`;
  const body = (
    <Paper withBorder radius="md" p="md">
      <div ref={ref} className={classes.text} data-submission-text>
        {segmentsOf(text, shown).map((seg) => {
          const piece = text.slice(seg.start, seg.end);
          if (seg.covering.length === 0) return <span key={seg.start}>{piece}</span>;
          const real = seg.covering.filter((n) => n !== pendingIndex);
          const numbers = seg.ending.filter((n) => n !== pendingIndex).map((n) => n + 1);
          return (
            <mark
              key={seg.start}
              className={classes.mark}
              data-annotation={real.map((n) => n + 1).join(' ') || undefined}
              data-pending={seg.covering.includes(pendingIndex) || undefined}
              data-depth={Math.min(2, seg.covering.length)}
              data-n={numbers.length ? numbers.join(',') : undefined}
              data-active={active !== null && seg.covering.includes(active) ? '' : undefined}
              title={real.map((n) => shown[n]?.comment).join('\n') || undefined}
              aria-describedby={real.map(commentId).join(' ') || undefined}
              onMouseEnter={() => setActive(real[0] ?? null)}
              onMouseLeave={() => setActive(null)}
              style={seg.covering.includes(pendingIndex) ? { background: 'var(--mantine-primary-color-light)' } : undefined}
            >
              {piece}
            </mark>
          );
        })}
        {text.length === 0 && (
          <Text span size="sm" c="dimmed">
            No text was handed in.
          </Text>
        )}
      </div>
    </Paper>
  );
  if (annotations.length === 0 && !onRemove) return body;

  const comments = (
    <Stack gap="xs" component="ol" aria-label="Comments on the text" p={0} m={0} style={{ listStyle: 'none' }}>
      {annotations.length === 0 && (
        <Text size="sm" c="dimmed">
          No comments on the text yet.
        </Text>
      )}
      {annotations.map((a, n) => (
        <Paper
          key={`${a.start}-${a.end}-${a.comment}`}
          component="li"
          withBorder
          radius="md"
          p="xs"
          id={commentId(n)}
          data-comment={n + 1}
          onMouseEnter={() => setActive(n)}
          onMouseLeave={() => setActive(null)}
          bg={active === n ? 'var(--mantine-color-yellow-light)' : undefined}
        >
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <span className={classes.number} aria-hidden>
              {n + 1}
            </span>
            <Stack gap={2} miw={0} style={{ flex: 1 }}>
              <Text size="xs" c="dimmed" fs="italic" style={{ overflowWrap: 'anywhere' }}>
                “{excerpt(text, a)}”
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-comment-text>
                {a.comment}
              </Text>
            </Stack>
            {onRemove && (
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRemove(n)} aria-label={`Remove comment ${n + 1}`}>
                Remove
              </Button>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
  return (
    // Beside the text when there is room for both where it is shown (the grader's column is narrow).
    <Grid gap="md" type="container" breakpoints={{ xs: '300px', sm: '500px', md: '720px', lg: '960px', xl: '1200px' }}>
      <Grid.Col span={{ base: 12, md: 8 }}>{body}</Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>{comments}</Grid.Col>
    </Grid>
  );
}
