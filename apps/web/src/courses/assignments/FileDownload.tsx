// A submitted file behind the session's token: fetched as a Blob, then saved under its name.
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../ui/problem.ts';
import { saveBlob, sizeText } from './assignment-queries.ts';

type Props = { file: { name: string; size: number }; fetchFile: () => Promise<Blob>; label?: string };

export function FileDownload({ file, fetchFile, label }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      saveBlob(await fetchFile(), file.name);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Group gap="xs" align="center" wrap="wrap">
      <Button variant="default" size="sm" loading={busy} onClick={download} style={{ maxWidth: '100%' }}>
        <Text span size="sm" truncate="end">
          {label ?? `Download ${file.name}`}
        </Text>
      </Button>
      <Text size="xs" c="dimmed">
        {sizeText(file.size)}
      </Text>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Group>
  );
}
