// A message's files. Downloads need the access token, so they are fetched by the client and shown
// or saved from a blob: images as a preview, anything else as a download button.
import type { Attachment } from '@edumatrix/contracts';
import { Anchor, Button, Group, Image, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client } from '../api.ts';
import { notifyError } from '../ui/problem.ts';
import { fileSize, isImage } from './format.ts';
import { FileIcon } from './icons.tsx';

function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}

function ImagePreview({ conversationId, attachment }: { conversationId: string; attachment: Attachment }) {
  const file = useQuery({
    queryKey: ['chat', 'attachment', conversationId, attachment.id],
    queryFn: () => client.chat.attachment(conversationId, attachment.id),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const url = useObjectUrl(file.data);
  if (file.isError) return <FileButton conversationId={conversationId} attachment={attachment} />;
  if (!url) return <Skeleton w={220} h={140} radius="md" />;
  return (
    <Anchor href={url} target="_blank" rel="noopener" aria-label={`Open ${attachment.name}`}>
      <Image src={url} alt={attachment.name} radius="md" maw={260} mah={220} fit="contain" w="auto" />
    </Anchor>
  );
}

async function download(conversationId: string, attachment: Attachment) {
  try {
    const blob = await client.chat.attachment(conversationId, attachment.id);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = attachment.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    notifyError(error, 'Could not download the file');
  }
}

function FileButton({ conversationId, attachment }: { conversationId: string; attachment: Attachment }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<FileIcon />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        await download(conversationId, attachment);
        setBusy(false);
      }}
      styles={{ label: { maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' } }}
      aria-label={`Download ${attachment.name} (${fileSize(attachment.size)})`}
    >
      {attachment.name}
      <Text span size="xs" c="dimmed" ml={6}>
        {fileSize(attachment.size)}
      </Text>
    </Button>
  );
}

export function Attachments({ conversationId, attachments }: { conversationId: string; attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => isImage(a.type));
  const files = attachments.filter((a) => !isImage(a.type));
  return (
    <Stack gap={6}>
      {images.length > 0 && (
        <Group gap={6}>
          {images.map((a) => (
            <ImagePreview key={a.id} conversationId={conversationId} attachment={a} />
          ))}
        </Group>
      )}
      {files.map((a) => (
        <FileButton key={a.id} conversationId={conversationId} attachment={a} />
      ))}
    </Stack>
  );
}
