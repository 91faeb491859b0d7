// Students Interlinked: profiles with per-field privacy, the follow/connection graph, posts with
// comments and reactions, and the feed. Shared by the server, the web app and the client.
import { z } from 'zod';

/** Who may see a profile field: everyone, connections, people who share an institution, or only the owner. */
export const FieldPrivacy = z.enum(['public', 'connections', 'institution', 'only_me']);
export type FieldPrivacy = z.infer<typeof FieldPrivacy>;

export const PROFILE_PRIVATE_FIELDS = ['headline', 'bio', 'skills', 'interests', 'affiliations', 'presence'] as const;
export type ProfilePrivateField = (typeof PROFILE_PRIVATE_FIELDS)[number];

export const ProfilePrivacy = z.object({
  headline: FieldPrivacy,
  bio: FieldPrivacy,
  skills: FieldPrivacy,
  interests: FieldPrivacy,
  affiliations: FieldPrivacy,
  /** Who may see whether you are online and when you were last seen (default: connections). */
  presence: FieldPrivacy,
});
export type ProfilePrivacy = z.infer<typeof ProfilePrivacy>;

/**
 * What a field's privacy is until its owner chooses (the server applies it; the editor shows it):
 * open, except where you study or work (people who share an institution see that) and whether you
 * are online (your connections see that).
 */
export const DEFAULT_PRIVACY: ProfilePrivacy = {
  headline: 'public',
  bio: 'public',
  skills: 'public',
  interests: 'public',
  affiliations: 'institution',
  presence: 'connections',
};

/** A handle is how people are @mentioned: lower case letters, digits and underscores. */
export const Handle = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{3,30}$/, 'must be 3–30 letters, digits or underscores');

const Tag = z.string().trim().min(1).max(50);
export const MAX_PROFILE_TAGS = 30;

export const UpdateProfileBody = z.strictObject({
  handle: Handle.nullable().optional(),
  headline: z.string().trim().max(200).optional(),
  /** Markdown, stored as written; the web app sanitises it when rendering. */
  bio: z.string().max(5000).optional(),
  skills: z.array(Tag).max(MAX_PROFILE_TAGS).optional(),
  interests: z.array(Tag).max(MAX_PROFILE_TAGS).optional(),
  privacy: ProfilePrivacy.partial().optional(),
});
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>;

export const Affiliation = z.object({ institutionId: z.uuid(), name: z.string(), role: z.string() });
export type Affiliation = z.infer<typeof Affiliation>;

export const Relationship = z.object({
  following: z.boolean(),
  followsYou: z.boolean(),
  connected: z.boolean(),
  /** A pending request between you: who sent it. */
  pendingRequest: z.enum(['sent', 'received']).nullable(),
  /** The pending request's id, to accept, decline or withdraw it. */
  pendingRequestId: z.uuid().nullable(),
  blocked: z.boolean(),
  muted: z.boolean(),
});
export type Relationship = z.infer<typeof Relationship>;

/** A profile as one viewer sees it: a field the viewer may not see is absent. */
export const Profile = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  handle: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  headline: z.string().optional(),
  bio: z.string().optional(),
  skills: z.array(z.string()).optional(),
  interests: z.array(z.string()).optional(),
  /** Derived from institution membership, so always verified. */
  affiliations: z.array(Affiliation).optional(),
  followers: z.number().int(),
  following: z.number().int(),
  connections: z.number().int(),
  /** Only on your own profile. */
  privacy: ProfilePrivacy.optional(),
  /** Absent on your own profile. */
  relationship: Relationship.optional(),
});
export type Profile = z.infer<typeof Profile>;

export const PersonSummary = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  handle: z.string().nullable(),
  /** Their profile picture (public, like the name), or null for initials. */
  avatarUrl: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const ConnectionRequestStatus = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);
export const ConnectionRequest = z.object({
  id: z.uuid(),
  from: PersonSummary,
  to: PersonSummary,
  message: z.string(),
  status: ConnectionRequestStatus,
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type ConnectionRequest = z.infer<typeof ConnectionRequest>;

export const SendConnectionRequestBody = z.strictObject({ userId: z.uuid(), message: z.string().trim().max(300).default('') });
export type SendConnectionRequestBody = z.input<typeof SendConnectionRequestBody>;

export const ConnectionRequestQuery = z.strictObject({ direction: z.enum(['incoming', 'outgoing']).default('incoming') });
export type ConnectionRequestQuery = z.input<typeof ConnectionRequestQuery>;

export const Connection = PersonSummary.extend({ since: z.string() });
export type Connection = z.infer<typeof Connection>;

/**
 * Whether someone is online and when they were last seen. Someone whose presence you may not see
 * reads as never seen (`online: false, lastSeenAt: null`), the same as someone who never came online.
 */
export const Presence = z.object({ userId: z.uuid(), online: z.boolean(), lastSeenAt: z.string().nullable() });
export type Presence = z.infer<typeof Presence>;

export const PresenceQuery = z.strictObject({
  /** Comma-separated user ids, at most 100. */
  userIds: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).min(1).max(100)),
});

export const OnlineConnection = PersonSummary.extend({ online: z.boolean(), lastSeenAt: z.string().nullable() });
export type OnlineConnection = z.infer<typeof OnlineConnection>;

export const OnlineConnectionsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export type OnlineConnectionsQuery = z.input<typeof OnlineConnectionsQuery>;

/** Your connections whose presence you may see: online first, then by when they were last seen. */
export const OnlineConnections = z.object({
  items: z.array(OnlineConnection),
  /** How many of them are online now (the list itself stops at `limit`). */
  onlineCount: z.number().int(),
});
export type OnlineConnections = z.infer<typeof OnlineConnections>;

export const Suggestion = PersonSummary.extend({
  sharedInstitutions: z.number().int(),
  /** Classes you are both students of, in any of your institutions. */
  sharedClasses: z.number().int(),
  /** Courses you are both enrolled in. */
  sharedCourses: z.number().int(),
  mutualConnections: z.number().int(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const REACTIONS = ['like', 'celebrate', 'insightful', 'curious'] as const;
export const ReactionKind = z.enum(REACTIONS);
export type ReactionKind = z.infer<typeof ReactionKind>;

export const MAX_POST_LENGTH = 5000;
export const MAX_COMMENT_LENGTH = 2000;

/** `institution:<id>` shows a post to that institution's members (the author must be one). */
export const PostVisibility = z
  .string()
  .regex(
    /^(public|connections|institution:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
    'must be public, connections or institution:<id>',
  );
export type PostVisibility = z.infer<typeof PostVisibility>;

/** An image shown with a post (uploaded first with `POST /api/v1/posts/images`). */
export const PostImage = z.object({ id: z.uuid(), width: z.number().int(), height: z.number().int(), url: z.string() });
export type PostImage = z.infer<typeof PostImage>;

export const CreatePostBody = z
  .strictObject({
    body: z.string().max(MAX_POST_LENGTH).default(''),
    visibility: PostVisibility.default('public'),
    /** A repost: the post shared; `body` is then an optional comment. */
    repostOf: z.uuid().optional(),
    /** Images uploaded for this post, in the order shown (at most 4). */
    imageIds: z.array(z.uuid()).max(4).default([]),
  })
  .refine((b) => b.repostOf !== undefined || b.body.trim().length > 0 || b.imageIds.length > 0, {
    path: ['body'],
    message: 'must not be empty',
  });
export type CreatePostBody = z.input<typeof CreatePostBody>;

export const UpdatePostBody = z.strictObject({ body: z.string().trim().min(1).max(MAX_POST_LENGTH) });
export type UpdatePostBody = z.infer<typeof UpdatePostBody>;

export const ReactionCounts = z.record(z.string(), z.number().int());

/** What a linked page says about itself, as the server read it. */
export const LinkPreview = z.object({
  url: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  imageUrl: z.string().nullable(),
  siteName: z.string(),
});
export type LinkPreview = z.infer<typeof LinkPreview>;

export const Post = z.object({
  id: z.uuid(),
  author: PersonSummary,
  /** The author's headline, when the viewer may see it (institution-only ones stay on the profile). */
  authorHeadline: z.string().nullable(),
  body: z.string(),
  visibility: z.string(),
  hashtags: z.array(z.string()),
  images: z.array(PostImage),
  /** The preview of the first link in the text (see `firstLink`), once the server has read that page. */
  linkPreview: LinkPreview.nullable(),
  /** People mentioned (by @handle) and not dropped (a mention of someone who blocked the author is). */
  mentions: z.array(PersonSummary),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  commentCount: z.number().int(),
  reactions: ReactionCounts,
  myReaction: ReactionKind.nullable(),
  repostCount: z.number().int(),
  repostOf: z.uuid().nullable(),
  /** The shared post, when the viewer may see it (null when it is gone or hidden from them). */
  original: z
    .object({
      id: z.uuid(),
      author: PersonSummary,
      body: z.string(),
      visibility: z.string(),
      createdAt: z.string(),
    })
    .nullable(),
});
export type Post = z.infer<typeof Post>;

export const PostVersion = z.object({ body: z.string(), createdAt: z.string() });
export const PostHistory = z.object({ items: z.array(PostVersion) });
export type PostHistory = z.infer<typeof PostHistory>;

export const CreateCommentBody = z.strictObject({
  body: z.string().trim().min(1).max(MAX_COMMENT_LENGTH),
  /** Replying to a reply attaches to its top-level comment: threads are two levels deep. */
  parentId: z.uuid().optional(),
});
export type CreateCommentBody = z.infer<typeof CreateCommentBody>;

export const Comment = z.object({
  id: z.uuid(),
  postId: z.uuid(),
  parentId: z.uuid().nullable(),
  author: PersonSummary,
  body: z.string(),
  /** The people its @handles name (none once deleted), for linking them. */
  mentions: z.array(PersonSummary),
  createdAt: z.string(),
  deleted: z.boolean(),
  reactions: ReactionCounts,
  myReaction: ReactionKind.nullable(),
});
export type Comment = z.infer<typeof Comment>;

export const ReactBody = z.strictObject({ kind: ReactionKind });
export type ReactBody = z.infer<typeof ReactBody>;

export const ReportReason = z.enum(['spam', 'harassment', 'hate', 'violence', 'sexual', 'misinformation', 'other']);
export const ReportBody = z.strictObject({ reason: ReportReason, details: z.string().trim().max(1000).default('') });
export type ReportBody = z.input<typeof ReportBody>;

export const Report = z.object({
  id: z.uuid(),
  targetType: z.enum(['post', 'comment']),
  targetId: z.uuid(),
  reporterId: z.uuid(),
  reason: ReportReason,
  details: z.string(),
  status: z.enum(['open', 'resolved']),
  /** What the moderator decided (null while open): the target was left alone or taken down. */
  resolution: z.enum(['dismissed', 'removed']).nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Report = z.infer<typeof Report>;

/** A report in the moderation queue, with what a moderator needs to decide without opening the target. */
export const QueuedReport = Report.extend({
  target: z.object({
    /** The post's or comment's Markdown, as written (the web app sanitises it when rendering). */
    text: z.string(),
    author: PersonSummary,
    /** Already deleted (by its author or an earlier decision). */
    deleted: z.boolean(),
    /** The post page (for a comment, the page of its post). */
    link: z.string(),
    /** Open reports on the same target, this one included: one decision resolves them all. */
    openReports: z.number().int(),
  }),
});
export type QueuedReport = z.infer<typeof QueuedReport>;

export const MAX_MODERATION_NOTE = 500;

export const ResolveReportBody = z.strictObject({
  action: z.enum(['dismiss', 'remove']),
  /** Told to the author when the target is removed. */
  note: z.string().trim().max(MAX_MODERATION_NOTE).default(''),
});
export type ResolveReportBody = z.input<typeof ResolveReportBody>;

export const FeedQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type FeedQuery = z.input<typeof FeedQuery>;

/** Pushed live to followers and connections online when someone posts: no content, just where to look. */
export type FeedNewPostPush = { postId: string; authorId: string };

// --- search -------------------------------------------------------------------------------

/** One box over people, posts, hashtags and public courses; words match by prefix, accents and small typos forgiven. */
export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1, 'is required').max(100),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type SearchQuery = z.input<typeof SearchQuery>;

export const SearchResults = z.object({
  people: z.array(PersonSummary),
  posts: z.array(Post),
  hashtags: z.array(z.object({ tag: z.string(), posts: z.number().int() })),
  courses: z.array(z.object({ courseId: z.uuid(), title: z.string(), summary: z.string(), institutionName: z.string() })),
});
export type SearchResults = z.infer<typeof SearchResults>;

// --- link previews ------------------------------------------------------------------------

export const LinkPreviewQuery = z.strictObject({
  url: z.url({ protocol: /^https?$/, message: 'must be an http or https address' }).max(2000),
});
