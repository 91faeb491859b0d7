// Writing a post at the top of the feed. The server parses hashtags and mentions, so the composer
// only sends text, images (uploaded as they are added) and who it is for; its refusals land on the
// field they name. The first link's preview shows as the server reads it, once typing pauses.
import { firstLink, MAX_POST_LENGTH, withoutPreview } from '@edumatrix/contracts';
import { Box, Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ClipboardEvent, type DragEvent, useState } from 'react';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';
import { AddImageButton, DraftThumbnails, imageFiles, useDraftImages } from './ComposerImages.tsx';
import { LinkPreviewCard } from './LinkPreviewCard.tsx';
import { linkPreviewQuery } from './link-preview.ts';
import { MarkdownEditor } from './MarkdownEditor.tsx';
import { PersonAvatar } from './PersonHeader.tsx';
import { reloadFirstPage } from './post-cache.ts';
import { myProfileQuery, socialKeys } from './queries.ts';
import { VisibilitySelect } from './VisibilitySelect.tsx';

type Values = { body: string; visibility: string };

export function Composer({ onPosted }: { onPosted?: () => void }) {
  const user = useCurrentUser();
  const profile = useQuery(myProfileQuery());
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const images = useDraftImages();
  const form = useForm<Values>({
    initialValues: { body: '', visibility: 'public' },
    validate: {
      body: (v) =>
        !v.trim() && images.drafts.length === 0
          ? 'Write something or add an image first'
          : v.length > MAX_POST_LENGTH
            ? `Keep it under ${MAX_POST_LENGTH} characters`
            : null,
    },
  });

  const [link] = useDebouncedValue(firstLink(form.values.body), 600);
  const preview = useQuery({ ...linkPreviewQuery(link ?? ''), enabled: link !== null });
  // The debounced address can lag behind the text; a preview shows only for the address still there.
  const shownPreview = link !== null && link === firstLink(form.values.body) ? preview.data : undefined;

  function takeImages(event: ClipboardEvent | DragEvent, files: File[]) {
    if (files.length === 0) return;
    event.preventDefault();
    images.add(files);
  }

  async function post(values: Values) {
    setFormError(null);
    if (images.uploading) return setFormError('Wait a moment: the images are still uploading.');
    try {
      await client.social.createPost({ body: values.body, visibility: values.visibility, imageIds: images.imageIds });
      form.setFieldValue('body', '');
      form.resetDirty();
      images.clear();
      // Your own post is news only to you: it comes in with the first page again.
      await reloadFirstPage(queryClient);
      await queryClient.invalidateQueries({ queryKey: socialKeys.timeline(user.id) });
      onPosted?.();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      component="section"
      aria-label="Write a post"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => takeImages(event, imageFiles(event.dataTransfer.files))}
    >
      <form onSubmit={form.onSubmit(post, focusFirstInvalid)} noValidate>
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <Box visibleFrom="xs">
              <PersonAvatar
                person={{ userId: user.id, displayName: user.displayName, handle: null, avatarUrl: profile.data?.avatarUrl ?? null }}
              />
            </Box>
            <Stack gap="xs" style={{ flex: 1, minWidth: 0 }} onPaste={(event) => takeImages(event, imageFiles(event.clipboardData.files))}>
              <MarkdownEditor
                label="Post"
                hideLabel
                placeholder="Share something with your network…"
                max={MAX_POST_LENGTH}
                {...form.getInputProps('body')}
              />
              <DraftThumbnails images={images} />
              {shownPreview && (
                <LinkPreviewCard preview={shownPreview} onRemove={() => form.setFieldValue('body', withoutPreview(form.values.body))} />
              )}
            </Stack>
          </Group>
          <FormAlert message={images.error} />
          <FormAlert message={formError} />
          <Group justify="space-between" align="flex-end" gap="sm">
            <VisibilitySelect {...form.getInputProps('visibility')} />
            <Group gap="xs" ml="auto">
              <AddImageButton images={images} />
              <Button type="submit" loading={form.submitting || images.uploading}>
                Post
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
