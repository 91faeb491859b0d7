import type { Institution } from '@edumatrix/contracts';
import { Button, FileButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage, notifySuccess } from '../ui/problem.ts';

const MAX_BYTES = 2 * 1024 * 1024;
const ACCEPT = 'image/png,image/jpeg';

/** The current logo (or the chosen file, before it is uploaded), with upload and remove. */
export function LogoSection({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: institutionKeys.one(institution.id), exact: true });
  const upload = useMutation({
    mutationFn: (image: File) => client.settings.uploadLogo(institution.id, image),
    onSuccess: async () => {
      setFile(null);
      await refresh();
      notifySuccess('The new logo is in place.');
    },
  });
  const remove = useMutation({
    mutationFn: () => client.settings.removeLogo(institution.id),
    onSuccess: async () => {
      await refresh();
      notifySuccess('The logo was removed.');
    },
  });

  function choose(chosen: File | null) {
    upload.reset();
    setLocalError(null);
    if (chosen && chosen.size > MAX_BYTES) {
      setLocalError(`That file is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; the logo can be at most 2 MB.`);
      return setFile(null);
    }
    setFile(chosen);
  }

  const shown = preview ?? institution.logoUrl;
  const error = localError ?? (upload.isError ? errorMessage(upload.error) : remove.isError ? errorMessage(remove.error) : null);

  return (
    <Stack gap="sm">
      <Group align="center" gap="lg" wrap="wrap">
        <Paper withBorder radius="md" w={112} h={112} p={6} style={{ display: 'grid', placeItems: 'center', flexShrink: 0 }}>
          {shown ? (
            <Image src={shown} alt={preview ? 'Preview of the chosen logo' : `${institution.name} logo`} fit="contain" w={96} h={96} />
          ) : (
            <Text size="xs" c="dimmed" ta="center">
              No logo
            </Text>
          )}
        </Paper>
        <Stack gap={6} style={{ flex: '1 1 220px' }}>
          <Text size="sm" c="dimmed">
            PNG or JPEG, at most 2 MB. It is shown square, so a square logo looks best.
          </Text>
          <Group gap="xs">
            <FileButton onChange={choose} accept={ACCEPT}>
              {(props) => (
                <Button variant="default" {...props}>
                  {institution.logoUrl || file ? 'Choose another image' : 'Choose an image'}
                </Button>
              )}
            </FileButton>
            {file && (
              <Button loading={upload.isPending} onClick={() => upload.mutate(file)}>
                Upload logo
              </Button>
            )}
            {file && (
              <Button variant="subtle" color="gray" onClick={() => choose(null)}>
                Cancel
              </Button>
            )}
            {!file && institution.logoUrl && (
              <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                Remove logo
              </Button>
            )}
          </Group>
          {file && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {file.name} · {Math.max(1, Math.round(file.size / 1024))} KB, not uploaded yet
            </Text>
          )}
        </Stack>
      </Group>
      <FormAlert message={error} />
    </Stack>
  );
}
