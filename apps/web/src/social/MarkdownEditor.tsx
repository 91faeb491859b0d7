// A compact Markdown box for posts: Write and Preview tabs instead of the side-by-side editor lessons
// use, since a feed column is too narrow for two panes. The preview is the real renderer.
import { Box, Group, Paper, SegmentedControl, Text, Textarea } from '@mantine/core';
import { type ChangeEvent, type ReactNode, useId, useState } from 'react';
import { PostBody } from './PostBody.tsx';

type Props = {
  label: string;
  hideLabel?: boolean;
  placeholder?: string;
  value?: string;
  onChange: (event: ChangeEvent<HTMLTextAreaElement>) => void;
  error?: ReactNode;
  max: number;
  minRows?: number;
  autoFocus?: boolean;
};

export function MarkdownEditor({ label, hideLabel, placeholder, value = '', onChange, error, max, minRows = 3, autoFocus }: Props) {
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const previewId = useId();
  return (
    <Box>
      <Group justify="space-between" mb={6} gap="xs">
        {hideLabel ? (
          <span />
        ) : (
          <Text size="sm" fw={500} component="span">
            {label}
          </Text>
        )}
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(next) => setMode(next as 'write' | 'preview')}
          data={[
            { value: 'write', label: 'Write' },
            { value: 'preview', label: 'Preview' },
          ]}
          aria-label={`${label}: write or preview`}
        />
      </Group>
      {mode === 'write' ? (
        <Textarea
          aria-label={label}
          placeholder={placeholder}
          value={value}
          onChange={onChange}
          error={error}
          autosize
          minRows={minRows}
          maxRows={14}
          autoFocus={autoFocus}
          description={
            <Group justify="space-between" gap="xs" component="span">
              <span>Markdown: **bold**, _italic_, lists, links. Use #tags and @handles.</span>
              <span aria-live="polite">{value.length > max * 0.8 ? `${value.length} / ${max}` : ''}</span>
            </Group>
          }
          inputWrapperOrder={['input', 'error', 'description']}
        />
      ) : (
        <Paper withBorder p="sm" mih={80} role="region" aria-labelledby={previewId}>
          <Text id={previewId} size="xs" c="dimmed" mb={4}>
            Preview
          </Text>
          {value.trim() ? (
            <PostBody text={value} />
          ) : (
            <Text size="sm" c="dimmed">
              Nothing to preview yet.
            </Text>
          )}
          {error && (
            <Text size="xs" c="red" mt={4}>
              {error}
            </Text>
          )}
        </Paper>
      )}
    </Box>
  );
}
