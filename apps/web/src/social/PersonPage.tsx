// Someone's profile page (/people/:userId): their card, About and posts. A person who blocked the
// viewer, or who does not exist, is answered the same way by the server: not found.
import { Stack, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useCurrentUser } from '../auth/session-store.ts';
import { problemOf } from '../ui/problem.ts';
import { LoadError, Loading, Notice } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { PostList } from './PostList.tsx';
import { ProfileAbout } from './ProfileAbout.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { profileQuery, timelineQuery } from './queries.ts';

export function PersonPage() {
  const { userId = '' } = useParams();
  const me = useCurrentUser();
  const profile = useQuery(profileQuery(userId));
  usePageTitle(profile.data?.displayName ?? 'Profile');
  const blockedByMe = profile.data?.relationship?.blocked ?? false;
  // Asked only once the profile is there: a missing person would otherwise be refused twice.
  const posts = useInfiniteQuery({ ...timelineQuery(userId), enabled: profile.isSuccess && !blockedByMe });

  if (profile.isPending) return <Loading label="Loading the profile" />;
  if (profile.isError) {
    return problemOf(profile.error)?.status === 404 ? (
      <Notice>This profile is not available. The link may be wrong, or the person is not here any more.</Notice>
    ) : (
      <LoadError error={profile.error} title="Could not load this profile" />
    );
  }
  const isMe = userId === me.id;
  return (
    <Stack gap="lg" maw={760}>
      <ProfileCard profile={profile.data} isMe={isMe} />
      <ProfileAbout profile={profile.data} />
      {!blockedByMe && (
        <Stack gap="sm" component="section" aria-labelledby="profile-posts">
          <Title order={2} size="h4" id="profile-posts">
            Posts
          </Title>
          <PostList list={posts} empty={isMe ? 'You have not posted yet.' : `${profile.data.displayName} has no posts you can see.`} />
        </Stack>
      )}
    </Stack>
  );
}
