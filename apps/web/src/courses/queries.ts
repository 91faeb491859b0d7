import type {
  Course,
  CourseOutline,
  CourseQuery,
  CourseStatus,
  CourseVisibility,
  EnrolmentSource,
  InstitutionRole,
  LessonKind,
} from '@edumatrix/contracts';
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';

export const coursesKeys = {
  all: (institutionId: string) => [...institutionKeys.one(institutionId), 'courses'] as const,
  list: (institutionId: string, filters: CourseFilters) => [...coursesKeys.all(institutionId), 'list', filters] as const,
  one: (institutionId: string, courseId: string) => [...coursesKeys.all(institutionId), 'one', courseId] as const,
  enrolments: (institutionId: string, courseId: string) => [...coursesKeys.one(institutionId, courseId), 'enrolments'] as const,
  progress: (institutionId: string, courseId: string) => [...coursesKeys.one(institutionId, courseId), 'progress'] as const,
  membersProgress: (institutionId: string, courseId: string) => [...coursesKeys.one(institutionId, courseId), 'members-progress'] as const,
  learningPath: (institutionId: string) => [...coursesKeys.all(institutionId), 'learning-path'] as const,
  achievements: (institutionId: string) => [...coursesKeys.all(institutionId), 'achievements'] as const,
  leaderboard: (institutionId: string, courseId: string | null) => [...coursesKeys.all(institutionId), 'leaderboard', courseId] as const,
};

/** Points and badges follow completions through an event consumer, a moment later. */
export const platformLeaderboardKey = ['leaderboard', 'platform'] as const;

export type CourseFilters = Pick<CourseQuery, 'q' | 'status' | 'scope'>;

export const coursesQuery = (institutionId: string, filters: CourseFilters) =>
  infiniteQueryOptions({
    queryKey: coursesKeys.list(institutionId, filters),
    queryFn: ({ pageParam }) => {
      const query: CourseQuery = { limit: 24, ...filters };
      if (pageParam) query.cursor = pageParam;
      return client.courses.list(institutionId, query);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const courseQuery = (institutionId: string, courseId: string) =>
  queryOptions({ queryKey: coursesKeys.one(institutionId, courseId), queryFn: () => client.courses.get(institutionId, courseId) });

export const enrolmentsQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: coursesKeys.enrolments(institutionId, courseId),
    queryFn: () => client.courses.enrolments(institutionId, courseId),
  });

export const progressQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: coursesKeys.progress(institutionId, courseId),
    queryFn: () => client.courses.progress(institutionId, courseId),
  });

export const membersProgressQuery = (institutionId: string, courseId: string) =>
  queryOptions({
    queryKey: coursesKeys.membersProgress(institutionId, courseId),
    queryFn: () => client.courses.membersProgress(institutionId, courseId),
  });

export const learningPathQuery = (institutionId: string) =>
  queryOptions({ queryKey: coursesKeys.learningPath(institutionId), queryFn: () => client.courses.learningPath(institutionId) });

export const achievementsQuery = (institutionId: string) =>
  queryOptions({ queryKey: coursesKeys.achievements(institutionId), queryFn: () => client.courses.achievements(institutionId) });

/** The course's board with a course, else the institution's. */
export const leaderboardQuery = (institutionId: string, courseId: string | null) =>
  queryOptions({
    queryKey: coursesKeys.leaderboard(institutionId, courseId),
    queryFn: () => client.courses.leaderboard(institutionId, courseId ?? undefined),
  });

export const platformLeaderboardQuery = () =>
  queryOptions({ queryKey: platformLeaderboardKey, queryFn: () => client.courses.platformLeaderboard() });

export const catalogueKeys = {
  all: ['catalogue'] as const,
  list: (q: string) => [...catalogueKeys.all, 'list', q] as const,
  one: (courseId: string) => [...catalogueKeys.all, 'one', courseId] as const,
};

export const catalogueQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: catalogueKeys.list(q),
    queryFn: ({ pageParam }) => client.catalogue.list({ limit: 24, ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const catalogueCourseQuery = (courseId: string) =>
  queryOptions({ queryKey: catalogueKeys.one(courseId), queryFn: () => client.catalogue.get(courseId) });

/** Creates courses: owners, admins and teachers (the server's rule). */
export const createsCourses = (role: InstitutionRole) => role === 'owner' || role === 'admin' || role === 'teacher';

export const STATUS: Record<CourseStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  published: { label: 'Published', color: 'teal' },
  archived: { label: 'Archived', color: 'orange' },
};

export const VISIBILITIES: { value: CourseVisibility; label: string; hint: string }[] = [
  { value: 'institution', label: 'Institution', hint: 'Everyone in the institution can see it once published.' },
  { value: 'class', label: 'Chosen classes', hint: 'Only the students of the chosen classes (and those enrolled) see it.' },
  { value: 'public', label: 'Public', hint: 'Listed in the public catalogue, which anyone can browse without signing in.' },
];

export const visibilityLabel = (visibility: CourseVisibility) => VISIBILITIES.find((v) => v.value === visibility)?.label ?? visibility;

export const LESSON_KINDS: { value: LessonKind; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'video', label: 'Video' },
  { value: 'link', label: 'Link' },
  { value: 'file', label: 'File' },
];

export const lessonKindLabel = (kind: LessonKind) => LESSON_KINDS.find((k) => k.value === kind)?.label ?? kind;

export const SOURCE_LABEL: Record<EnrolmentSource, string> = {
  class: 'Class',
  individual: 'Individual',
  join_code: 'Join code',
};

/** "1 student", "12 students" */
export const enrolledText = (course: Pick<Course, 'enrolled' | 'capacity'>) =>
  `${course.enrolled}${course.capacity ? ` / ${course.capacity}` : ''} ${course.enrolled === 1 && !course.capacity ? 'student' : 'students'}`;

/** The lessons a reader moves through, in outline order. */
export const lessonsInOrder = (outline: CourseOutline) => outline.modules.flatMap((m) => m.lessons);
