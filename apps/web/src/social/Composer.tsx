// Writing a post at the top of the feed. The server parses hashtags and mentions, so the composer
// only sends text and who it is for; its refusals land on the field they name.
import { MAX_POST_LENGTH } from '@edumatrix/contracts';
import { Box, Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { useCurrentUser } from '../auth/session-store.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';
import { MarkdownEditor } from './MarkdownEditor.tsx';
import { PersonAvatar } from './PersonHeader.tsx';
import { reloadFirstPage } from './post-cache.ts';
import { socialKeys } from './queries.ts';
import { VisibilitySelect } from './VisibilitySelect.tsx';

type Values = { body: string; visibility: string };

export function Composer({ onPosted }: { onPosted?: () => void }) {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { body: '', visibility: 'public' },
    validate: {
      body: (v) =>
        !v.trim() ? 'Write something first' : v.length > MAX_POST_LENGTH ? `Keep it under ${MAX_POST_LENGTH} characters` : null,
    },
  });

  async function post(values: Values) {
    setFormError(null);
    try {
      await client.social.createPost({ body: values.body, visibility: values.visibility });
      form.setFieldValue('body', '');
      form.resetDirty();
      // Your own post is news only to you: it comes in with the first page again.
      await reloadFirstPage(queryClient);
      await queryClient.invalidateQueries({ queryKey: socialKeys.timeline(user.id) });
      onPosted?.();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label="Write a post">
      <form onSubmit={form.onSubmit(post, focusFirstInvalid)} noValidate>
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <Box visibleFrom="xs">
              <PersonAvatar person={{ userId: user.id, displayName: user.displayName, handle: null }} />
            </Box>
            <div style={{ flex: 1, minWidth: 0 }}>
              <MarkdownEditor
                label="Post"
                hideLabel
                placeholder="Share something with your network…"
                max={MAX_POST_LENGTH}
                {...form.getInputProps('body')}
              />
            </div>
          </Group>
          <FormAlert message={formError} />
          <Group justify="space-between" align="flex-end" gap="sm">
            <VisibilitySelect {...form.getInputProps('visibility')} />
            <Button type="submit" loading={form.submitting}>
              Post
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
