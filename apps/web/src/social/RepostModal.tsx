// Sharing a post with one's own network, with an optional comment on top.
import { MAX_POST_LENGTH, type Post } from '@edumatrix/contracts';
import { Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { MarkdownEditor } from './MarkdownEditor.tsx';
import { PersonHeader } from './PersonHeader.tsx';
import { PostBody } from './PostBody.tsx';
import { patchPost, reloadFirstPage } from './post-cache.ts';
import { VisibilitySelect } from './VisibilitySelect.tsx';

type Values = { body: string; visibility: string };

function RepostForm({ post, onDone }: { post: Post; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  // Sharing a share shares what it shared: show that.
  const shared = post.original ?? post;
  const form = useForm<Values>({ initialValues: { body: '', visibility: 'public' } });

  async function repost(values: Values) {
    setFormError(null);
    try {
      await client.social.createPost({ body: values.body, visibility: values.visibility, repostOf: shared.id });
      patchPost(queryClient, shared.id, (p) => ({ ...p, repostCount: p.repostCount + 1 }));
      await reloadFirstPage(queryClient);
      notifySuccess('Shared with your network.');
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(repost, focusFirstInvalid)} noValidate>
      <Stack>
        <MarkdownEditor label="Your comment (optional)" max={MAX_POST_LENGTH} {...form.getInputProps('body')} />
        <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-default-hover)">
          <PersonHeader person={shared.author} size="sm" />
          <PostBody text={shared.body} />
        </Paper>
        <VisibilitySelect {...form.getInputProps('visibility')} />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          Repost
        </FormActions>
      </Stack>
    </form>
  );
}

export function RepostModal({ post, opened, onClose }: { post: Post; opened: boolean; onClose: () => void }) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title="Repost" size="lg">
      {opened && <RepostForm post={post} onDone={onClose} />}
    </ResponsiveModal>
  );
}
