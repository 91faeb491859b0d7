// Your profile picture: choosing an image uploads it at once (the server crops it to a square);
// everything showing people refreshes, since their summaries carry the picture's URL.
import type { Profile } from '@edumatrix/contracts';
import { Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { errorMessage, notifySuccess } from '../ui/problem.ts';
import { PersonAvatar } from './PersonHeader.tsx';
import { refreshSocial } from './queries.ts';

const MAX_BYTES = 5 * 1024 * 1024;

export function AvatarSection({ profile }: { profile: Profile }) {
  const queryClient = useQueryClient();
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const refresh = () => refreshSocial(queryClient);
  const upload = useMutation({
    mutationFn: (image: File) => client.social.setAvatar(image),
    onSuccess: async () => {
      await refresh();
      notifySuccess('Your new picture is in place.');
    },
  });
  const remove = useMutation({
    mutationFn: () => client.social.removeAvatar(),
    onSuccess: async () => {
      await refresh();
      notifySuccess('Your picture was removed.');
    },
  });

  function choose(file: File | null) {
    upload.reset();
    remove.reset();
    setTooLarge(null);
    if (!file) return;
    if (file.size > MAX_BYTES)
      return setTooLarge(`That file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a picture can be at most 5 MB.`);
    upload.mutate(file);
  }

  const error = tooLarge ?? (upload.isError ? errorMessage(upload.error) : remove.isError ? errorMessage(remove.error) : null);
  return (
    <Stack gap="sm">
      <Group gap="lg" wrap="nowrap" align="center">
        <PersonAvatar person={profile} size="xl" />
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            PNG or JPEG, at most 5 MB, cropped to a square. Everyone who sees your name sees your picture.
          </Text>
          <Group gap="xs">
            <FileButton onChange={choose} accept="image/png,image/jpeg">
              {(props) => (
                <Button variant="default" loading={upload.isPending} {...props}>
                  {profile.avatarUrl ? 'Change picture' : 'Add a picture'}
                </Button>
              )}
            </FileButton>
            {profile.avatarUrl && (
              <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                Remove picture
              </Button>
            )}
          </Group>
        </Stack>
      </Group>
      <FormAlert message={error} />
    </Stack>
  );
}
