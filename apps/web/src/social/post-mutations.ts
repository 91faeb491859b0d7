// Changes to posts and comments from the cards. Reactions change the cache at once (they are small
// and frequent); a refusal puts the server's truth back and says why.
import type { Comment, Page, Post, ReactionKind } from '@edumatrix/contracts';
import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import { client } from '../api.ts';
import { notifyError } from '../ui/problem.ts';
import { moveReaction, patchPost, removePost } from './post-cache.ts';
import { socialKeys } from './queries.ts';

export function useReactToPost(post: Post) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: ReactionKind | null) => (kind ? client.social.reactToPost(post.id, kind) : client.social.unreactToPost(post.id)),
    onMutate: (kind) => patchPost(queryClient, post.id, (p) => moveReaction(p, kind)),
    onError: (error) => {
      notifyError(error, 'Could not save your reaction');
      void queryClient.invalidateQueries({ queryKey: socialKeys.post(post.id) });
      void queryClient.invalidateQueries({ queryKey: socialKeys.feed() });
    },
  });
}

export function useDeletePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (postId: string) => client.social.deletePost(postId),
    onSuccess: (_, postId) => removePost(queryClient, postId),
  });
}

type CommentList = InfiniteData<Page<Comment>, string | null>;

export function patchComment(queryClient: ReturnType<typeof useQueryClient>, comment: Comment, change: (c: Comment) => Comment) {
  queryClient.setQueryData<CommentList>(socialKeys.comments(comment.postId), (data) =>
    data
      ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((c) => (c.id === comment.id ? change(c) : c)) })) }
      : data,
  );
}

export function useReactToComment(comment: Comment) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: ReactionKind | null) =>
      kind ? client.social.reactToComment(comment.id, kind) : client.social.unreactToComment(comment.id),
    onMutate: (kind) => patchComment(queryClient, comment, (c) => moveReaction(c, kind)),
    onError: (error) => {
      notifyError(error, 'Could not save your reaction');
      void queryClient.invalidateQueries({ queryKey: socialKeys.comments(comment.postId) });
    },
  });
}

export function useDeleteComment(comment: Comment) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.social.deleteComment(comment.id),
    onSuccess: () => {
      patchComment(queryClient, comment, (c) => ({ ...c, deleted: true, body: '', mentions: [] }));
      patchPost(queryClient, comment.postId, (p) => ({ ...p, commentCount: Math.max(0, p.commentCount - 1) }));
    },
  });
}
