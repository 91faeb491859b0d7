// Editing one's post. The server keeps the old text in the post's history and marks it edited.
import { MAX_POST_LENGTH, type Post } from '@edumatrix/contracts';
import { Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';
import { MarkdownEditor } from './MarkdownEditor.tsx';
import { patchPost } from './post-cache.ts';
import { socialKeys } from './queries.ts';

function EditForm({ post, onDone }: { post: Post; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { body: post.body },
    validate: { body: (v) => (!v.trim() ? 'A post needs some text' : v.length > MAX_POST_LENGTH ? 'Too long' : null) },
  });

  async function save({ body }: { body: string }) {
    setFormError(null);
    try {
      const updated = await client.social.updatePost(post.id, { body });
      patchPost(queryClient, post.id, () => updated);
      void queryClient.invalidateQueries({ queryKey: socialKeys.history(post.id) });
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack>
        <MarkdownEditor label="Post" max={MAX_POST_LENGTH} minRows={5} autoFocus {...form.getInputProps('body')} />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          Save changes
        </FormActions>
      </Stack>
    </form>
  );
}

export function EditPostModal({ post, opened, onClose }: { post: Post; opened: boolean; onClose: () => void }) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title="Edit post" size="lg">
      {opened && <EditForm post={post} onDone={onClose} />}
    </ResponsiveModal>
  );
}
