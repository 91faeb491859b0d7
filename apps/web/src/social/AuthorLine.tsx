// The line under an author's name: their headline (when they let the viewer see it), then when the
// post was written, who it is for, and whether it was edited. The headline comes with the post.
import type { Post } from '@edumatrix/contracts';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../ui/format.ts';
import { visibilityLabel } from './labels.ts';
import { useInstitutionName } from './VisibilitySelect.tsx';

export function AuthorHeadline({ headline }: { headline: string | null }) {
  return headline ? (
    <Text size="xs" c="dimmed" lineClamp={1} component="span" display="block">
      {headline}
    </Text>
  ) : null;
}

export function PostMeta({ post, onShowHistory }: { post: Post; onShowHistory: () => void }) {
  const institutionName = useInstitutionName();
  return (
    <Text size="xs" c="dimmed" component="span" display="block">
      <Anchor component={Link} to={`/posts/${post.id}`} c="dimmed" size="xs" underline="hover">
        <time dateTime={post.createdAt} title={formatDateTime(post.createdAt)}>
          {formatRelative(post.createdAt)}
        </time>
      </Anchor>
      {' · '}
      {visibilityLabel(post.visibility, institutionName)}
      {post.editedAt && (
        <>
          {' · '}
          <Anchor
            component="button"
            type="button"
            size="xs"
            c="dimmed"
            underline="always"
            onClick={onShowHistory}
            title={`Edited ${formatDateTime(post.editedAt)}: see the history`}
          >
            Edited
          </Anchor>
        </>
      )}
    </Text>
  );
}
