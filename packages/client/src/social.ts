// The social API (Students Interlinked) for the typed client, kept in its own file so the client's
// index only wires it in.
import type {
  Comment,
  Connection,
  ConnectionRequest,
  CreateCommentBody,
  CreatePostBody,
  LinkPreview,
  OnlineConnections,
  Page,
  PersonSummary,
  Post,
  PostHistory,
  PostImage,
  Presence,
  Profile,
  QueuedReport,
  ReactionKind,
  Report,
  ReportBody,
  ResolveReportBody,
  SearchResults,
  SendConnectionRequestBody,
  Suggestion,
  UpdatePostBody,
  UpdateProfileBody,
} from '@edumatrix/contracts';

type Call = <T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  query?: Record<string, string | number | undefined>,
  options?: { blob?: boolean },
) => Promise<T>;

export function socialApi(call: Call) {
  const person = (userId: string) => `/api/v1/people/${encodeURIComponent(userId)}`;
  const post = (postId: string) => `/api/v1/posts/${encodeURIComponent(postId)}`;
  const comment = (commentId: string) => `/api/v1/comments/${encodeURIComponent(commentId)}`;
  const request = (requestId: string) => `/api/v1/connections/requests/${encodeURIComponent(requestId)}`;
  type PageArgs = { cursor?: string; limit?: number };
  return {
    /** Uploads an image (PNG or JPEG, typed by the Blob) for a post about to be made; send its id in `imageIds`. */
    uploadPostImage: (file: Blob) => call<PostImage>('POST', '/api/v1/posts/images', file),
    postImage: (imageId: string) =>
      call<Blob>('GET', `/api/v1/post-images/${encodeURIComponent(imageId)}`, undefined, undefined, { blob: true }),
    /** A linked page's title, description and image, read by the server. */
    linkPreview: (url: string) => call<LinkPreview>('GET', '/api/v1/link-preview', undefined, { url }),
    /** One search box: people, posts, hashtags and public courses. */
    search: (q: string, limit?: number) => call<SearchResults>('GET', '/api/v1/search', undefined, { q, limit }),
    myProfile: () => call<Profile>('GET', '/api/v1/me/profile'),
    /** Sets your profile picture from PNG or JPEG bytes (typed by the Blob); it is cropped to a square. */
    setAvatar: (image: Blob) => call<{ avatarUrl: string }>('PUT', '/api/v1/me/avatar', image),
    removeAvatar: () => call<void>('DELETE', '/api/v1/me/avatar'),
    updateProfile: (body: UpdateProfileBody) => call<Profile>('PUT', '/api/v1/me/profile', body),
    profile: (userId: string) => call<Profile>('GET', person(userId)),
    timeline: (userId: string, query: PageArgs = {}) => call<Page<Post>>('GET', `${person(userId)}/posts`, undefined, query),
    follow: (userId: string) => call<void>('PUT', `${person(userId)}/follow`, {}),
    unfollow: (userId: string) => call<void>('DELETE', `${person(userId)}/follow`),
    block: (userId: string) => call<void>('PUT', `${person(userId)}/block`, {}),
    unblock: (userId: string) => call<void>('DELETE', `${person(userId)}/block`),
    mute: (userId: string) => call<void>('PUT', `${person(userId)}/mute`, {}),
    unmute: (userId: string) => call<void>('DELETE', `${person(userId)}/mute`),
    blocked: () => call<{ items: PersonSummary[] }>('GET', '/api/v1/me/blocked'),
    muted: () => call<{ items: PersonSummary[] }>('GET', '/api/v1/me/muted'),
    requestConnection: (body: SendConnectionRequestBody) => call<ConnectionRequest>('POST', '/api/v1/connections/requests', body),
    connectionRequests: (direction: 'incoming' | 'outgoing' = 'incoming') =>
      call<{ items: ConnectionRequest[] }>('GET', '/api/v1/connections/requests', undefined, { direction }),
    acceptRequest: (requestId: string) => call<ConnectionRequest>('POST', `${request(requestId)}/accept`, {}),
    declineRequest: (requestId: string) => call<ConnectionRequest>('POST', `${request(requestId)}/decline`, {}),
    withdrawRequest: (requestId: string) => call<ConnectionRequest>('POST', `${request(requestId)}/withdraw`, {}),
    connections: () => call<{ items: Connection[] }>('GET', '/api/v1/connections'),
    removeConnection: (userId: string) => call<void>('DELETE', `/api/v1/connections/${encodeURIComponent(userId)}`),
    suggestions: () => call<{ items: Suggestion[] }>('GET', '/api/v1/connections/suggestions'),
    /** Your connections who let you see their presence: online first, then by last seen. */
    onlineConnections: (query: { limit?: number } = {}) => call<OnlineConnections>('GET', '/api/v1/connections/online', undefined, query),
    /** Whether people are online; those who hide it from you read as never seen. */
    presence: (userIds: string[]) => call<{ items: Presence[] }>('GET', '/api/v1/presence', undefined, { userIds: userIds.join(',') }),
    feed: (query: PageArgs = {}) => call<Page<Post>>('GET', '/api/v1/feed', undefined, query),
    /** Posts with a hashtag (without the #) that you may see. */
    tagged: (tag: string, query: PageArgs = {}) =>
      call<Page<Post>>('GET', `/api/v1/hashtags/${encodeURIComponent(tag)}/posts`, undefined, query),
    createPost: (body: CreatePostBody) => call<Post>('POST', '/api/v1/posts', body),
    post: (postId: string) => call<Post>('GET', post(postId)),
    updatePost: (postId: string, body: UpdatePostBody) => call<Post>('PATCH', post(postId), body),
    deletePost: (postId: string) => call<void>('DELETE', post(postId)),
    history: (postId: string) => call<PostHistory>('GET', `${post(postId)}/history`),
    comments: (postId: string, query: PageArgs = {}) => call<Page<Comment>>('GET', `${post(postId)}/comments`, undefined, query),
    comment: (postId: string, body: CreateCommentBody) => call<Comment>('POST', `${post(postId)}/comments`, body),
    deleteComment: (commentId: string) => call<void>('DELETE', comment(commentId)),
    reactToPost: (postId: string, kind: ReactionKind) => call<void>('PUT', `${post(postId)}/reaction`, { kind }),
    unreactToPost: (postId: string) => call<void>('DELETE', `${post(postId)}/reaction`),
    reactToComment: (commentId: string, kind: ReactionKind) => call<void>('PUT', `${comment(commentId)}/reaction`, { kind }),
    unreactToComment: (commentId: string) => call<void>('DELETE', `${comment(commentId)}/reaction`),
    reportPost: (postId: string, body: ReportBody) => call<Report>('POST', `${post(postId)}/reports`, body),
    reportComment: (commentId: string, body: ReportBody) => call<Report>('POST', `${comment(commentId)}/reports`, body),
    reports: (query: PageArgs = {}) => call<Page<QueuedReport>>('GET', '/api/v1/social/reports', undefined, query),
    /** One decision for every open report on the same target (moderators). */
    resolveReport: (reportId: string, body: ResolveReportBody) =>
      call<Report>('POST', `/api/v1/social/reports/${encodeURIComponent(reportId)}/resolve`, body),
  };
}
