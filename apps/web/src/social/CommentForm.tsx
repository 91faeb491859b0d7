// Writing a comment or a reply. A reply names the comment answered; the server attaches replies to
// replies to the top comment, keeping threads two levels deep.
import { MAX_COMMENT_LENGTH } from '@edumatrix/contracts';
import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid } from '../ui/problem.ts';
import { patchPost } from './post-cache.ts';
import { socialKeys } from './queries.ts';

type Props = {
  postId: string;
  parentId?: string;
  /** Text to start with, such as "@ada " when answering a reply. */
  initial?: string;
  label?: string;
  onDone?: () => void;
  autoFocus?: boolean;
};

export function CommentForm({ postId, parentId, initial = '', label = 'Write a comment', onDone, autoFocus }: Props) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { body: initial },
    validate: {
      body: (v) => (!v.trim() ? 'Write something first' : v.length > MAX_COMMENT_LENGTH ? 'Too long' : null),
    },
  });

  async function send({ body }: { body: string }) {
    setFormError(null);
    try {
      await client.social.comment(postId, { body, ...(parentId ? { parentId } : {}) });
      form.setFieldValue('body', '');
      patchPost(queryClient, postId, (p) => ({ ...p, commentCount: p.commentCount + 1 }));
      await queryClient.invalidateQueries({ queryKey: socialKeys.comments(postId) });
      onDone?.();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(send, focusFirstInvalid)} noValidate>
      <Stack gap={6}>
        <Textarea
          aria-label={label}
          placeholder={`${label}…`}
          autosize
          minRows={1}
          maxRows={8}
          size="sm"
          autoFocus={autoFocus}
          {...form.getInputProps('body')}
        />
        <FormAlert message={formError} />
        <Group justify="flex-end" gap="xs">
          {onDone && parentId && (
            <Button size="compact-sm" variant="default" onClick={onDone}>
              Cancel
            </Button>
          )}
          <Button type="submit" size="compact-sm" loading={form.submitting}>
            {parentId ? 'Post reply' : 'Post comment'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
