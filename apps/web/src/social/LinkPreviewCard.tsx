// A linked page's title, site and description under a post (or in the composer). The page's own
// image is left out: showing it would have every reader's browser fetch it from that site, which
// the server-side fetch exists to avoid (and the app's Content-Security-Policy blocks it anyway).
import type { LinkPreview } from '@edumatrix/contracts';
import { Anchor, CloseButton, Group, Paper, Stack, Text } from '@mantine/core';

export function LinkPreviewCard({ preview, onRemove }: { preview: LinkPreview; onRemove?: () => void }) {
  return (
    <Paper withBorder radius="md" px="sm" py="xs" component="aside" aria-label={`Link preview: ${preview.title}`} data-link-preview>
      <Group wrap="nowrap" align="flex-start" gap="xs" justify="space-between">
        <Stack gap={2} miw={0}>
          <Text size="xs" c="dimmed" truncate="end">
            {preview.siteName}
          </Text>
          <Anchor href={preview.url} target="_blank" rel="noopener noreferrer nofollow" size="sm" fw={600} lineClamp={2}>
            {preview.title}
          </Anchor>
          {preview.description && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {preview.description}
            </Text>
          )}
        </Stack>
        {onRemove && <CloseButton size="sm" aria-label="Remove link preview" onClick={onRemove} />}
      </Group>
    </Paper>
  );
}
