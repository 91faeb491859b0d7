import { Box, Input, Paper, SimpleGrid, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ChangeEvent, type FocusEvent, type ReactNode, useId } from 'react';
import { Markdown } from './Markdown.tsx';

type Props = {
  label: string;
  description?: string;
  value?: string;
  onChange?: (event: ChangeEvent<HTMLTextAreaElement>) => void;
  onFocus?: (event: FocusEvent<HTMLTextAreaElement>) => void;
  onBlur?: (event: FocusEvent<HTMLTextAreaElement>) => void;
  error?: ReactNode;
  minRows?: number;
};

/** A Markdown textarea with a live preview beside it (below it on narrow screens), rendered exactly as readers see it. */
export function MarkdownField({ label, description, value = '', onChange, onFocus, onBlur, error, minRows = 6 }: Props) {
  const previewId = useId();
  // Re-rendering a long lesson on every keystroke would make typing lag.
  const [shown] = useDebouncedValue(value, 150);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="xs">
      <Textarea
        label={label}
        description={description}
        value={value}
        onChange={onChange}
        onFocus={onFocus}
        onBlur={onBlur}
        error={error}
        autosize
        minRows={minRows}
        maxRows={18}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-sm)' } }}
      />
      <Box>
        <Input.Label id={previewId} component="div">
          Preview
        </Input.Label>
        <Input.Description mb={5}>As readers will see it</Input.Description>
        <Paper
          withBorder
          shadow="none"
          p="sm"
          mih={80}
          aria-labelledby={previewId}
          role="region"
          style={{ overflow: 'auto', maxHeight: 420 }}
        >
          {shown.trim() ? (
            <Markdown text={shown} />
          ) : (
            <Text size="sm" c="dimmed">
              Nothing to preview yet. Use **bold**, _italic_, # headings, - lists and [links](https://example.org).
            </Text>
          )}
        </Paper>
      </Box>
    </SimpleGrid>
  );
}
