// `/chat?with=<userId>` (the "Message" button on a profile): opens the direct conversation with that
// person, creating it on first use, then shows it at its own address.
import { Anchor, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router';
import { client } from '../api.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { chatKeys } from './queries.ts';

export function OpenDirect({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // A query rather than a mutation: the server's answer is the same conversation however often we ask.
  const direct = useQuery({
    queryKey: [...chatKeys.all, 'direct', userId],
    queryFn: () => client.chat.direct(userId),
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  const conversation = direct.data;

  useEffect(() => {
    if (!conversation) return;
    queryClient.setQueryData(chatKeys.detail(conversation.id), conversation);
    void queryClient.invalidateQueries({ queryKey: chatKeys.lists() });
    void navigate(`/chat/${conversation.id}`, { replace: true });
  }, [conversation, navigate, queryClient]);

  if (direct.isError) {
    return (
      <Stack p="md" gap="sm">
        <LoadError error={direct.error} title="Could not open this conversation" />
        <Anchor component={Link} to="/chat" size="sm">
          Back to your conversations
        </Anchor>
      </Stack>
    );
  }
  return <Loading label="Opening the conversation" />;
}
