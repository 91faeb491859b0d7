// An edited post's versions, newest (the current text) first, so readers can see what changed.
import { Badge, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { formatDateTime } from '../ui/format.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { PostBody } from './PostBody.tsx';
import { historyQuery } from './queries.ts';

export function HistoryModal({ postId, opened, onClose }: { postId: string; opened: boolean; onClose: () => void }) {
  const history = useQuery({ ...historyQuery(postId), enabled: opened, staleTime: 0 });
  return (
    <Modal opened={opened} onClose={onClose} title="Edit history" size="lg">
      {history.isPending ? (
        <Loading label="Loading the history" />
      ) : history.isError ? (
        <LoadError error={history.error} title="Could not load the history" />
      ) : (
        <Stack gap="sm" data-history>
          {history.data.map((version, i) => (
            <Fragment key={version.createdAt}>
              {i > 0 && <Divider />}
              <section data-version aria-label={i === 0 ? 'Current version' : `Version of ${formatDateTime(version.createdAt)}`}>
                <Group gap="xs" mb={4}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(version.createdAt)}
                  </Text>
                  {i === 0 && (
                    <Badge size="xs" variant="light">
                      Current
                    </Badge>
                  )}
                </Group>
                <PostBody text={version.body} />
              </section>
            </Fragment>
          ))}
        </Stack>
      )}
    </Modal>
  );
}
